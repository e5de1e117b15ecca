import { useRef } from 'react';
import { KEY_STEP } from './pane-widths';
import { isRightToLeft } from '../../i18n/window-translator';

interface PaneResizerProps {
  /** Names the pane it resizes: "Resize sidebar". */
  label: string;
  /** Pixels from the window's start edge (left, or right in a right-to-left language) to the boundary it sits on. */
  offset: number;
  value: number;
  min: number;
  max: number;
  /** Double-click puts the boundary back here. */
  initial: number;
  onResize: (width: number) => void;
}

/**
 * The boundary between two panes: drag it, or focus it and use the arrow keys (Home/End for the extremes).
 * Double-click restores the default width. A separator with a value, as ARIA describes a splitter.
 */
export function PaneResizer({ label, offset, value, min, max, initial, onResize }: PaneResizerProps) {
  const drag = useRef<{ startX: number; startValue: number } | null>(null);

  return (
    <div
      className="pane-resizer"
      role="separator"
      aria-orientation="vertical"
      aria-label={label}
      aria-valuenow={value}
      aria-valuemin={min}
      aria-valuemax={max}
      tabIndex={0}
      style={{ insetInlineStart: offset }}
      onPointerDown={(event) => {
        if (event.button !== 0) return;
        event.preventDefault();
        event.currentTarget.setPointerCapture(event.pointerId);
        event.currentTarget.focus();
        drag.current = { startX: event.clientX, startValue: value };
      }}
      onPointerMove={(event) => {
        if (!drag.current) return;
        // Panes grow towards the end of the line: rightwards, or leftwards when the layout is mirrored.
        const moved = event.clientX - drag.current.startX;
        onResize(drag.current.startValue + (isRightToLeft() ? -moved : moved));
      }}
      onPointerUp={(event) => {
        drag.current = null;
        event.currentTarget.releasePointerCapture(event.pointerId);
      }}
      onDoubleClick={() => onResize(initial)}
      onPointerCancel={() => {
        drag.current = null;
      }}
      onKeyDown={(event) => {
        const grow = isRightToLeft() ? 'ArrowLeft' : 'ArrowRight';
        const shrink = isRightToLeft() ? 'ArrowRight' : 'ArrowLeft';
        const next = event.key === shrink ? value - KEY_STEP : event.key === grow ? value + KEY_STEP : event.key === 'Home' ? min : event.key === 'End' ? max : null;
        if (next === null) return;
        // Arrow keys here resize; they must not also move focus between panes.
        event.preventDefault();
        event.stopPropagation();
        onResize(Math.max(min, Math.min(max, next)));
      }}
    />
  );
}
