import { useCallback, useEffect, useRef, useState } from 'react';
import type { PaneWidths } from '../components/panes/pane-widths';
import { fitPaneWidths } from '../components/panes/pane-widths';
import { useSettings } from './use-settings';

/** A drag writes to the library this long after it stops, not on every pixel. */
const SAVE_DELAY_MS = 400;

function useViewportWidth(): number {
  const [width, setWidth] = useState(() => window.innerWidth);
  useEffect(() => {
    const onResize = () => setWidth(window.innerWidth);
    window.addEventListener('resize', onResize);
    return () => window.removeEventListener('resize', onResize);
  }, []);
  return width;
}

/**
 * The pane widths to lay out now (the stored ones, or the ones being dragged, fitted to the window) and a
 * setter that shows a change at once and stores it in settings.paneWidths shortly after.
 */
export function usePaneWidths(): { widths: PaneWidths; viewport: number; resize: (pane: keyof PaneWidths, width: number) => void } {
  const [settings, update] = useSettings();
  const viewport = useViewportWidth();
  const [dragged, setDragged] = useState<PaneWidths | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const widths = fitPaneWidths(dragged ?? settings.paneWidths, viewport);

  const latest = useRef(widths);
  latest.current = widths;
  const resize = useCallback(
    (pane: keyof PaneWidths, width: number) => {
      const next = fitPaneWidths({ ...latest.current, [pane]: width }, window.innerWidth);
      latest.current = next;
      setDragged(next);
      clearTimeout(timer.current);
      timer.current = setTimeout(() => {
        void update({ paneWidths: next }).then(() => setDragged((current) => (current === next ? null : current)));
      }, SAVE_DELAY_MS);
    },
    [update],
  );
  useEffect(() => () => clearTimeout(timer.current), []);

  return { widths, viewport, resize };
}
