/** The rules for the widths of the sidebar and the article list, whatever was stored or dragged. */
import { defaultSettings } from '../../../shared/db';
export const MIN_SIDEBAR = 180;
export const MIN_LIST = 260;
export const MIN_READER = 360;
/** Arrow keys on a resizer move it by this much. */
export const KEY_STEP = 16;

export interface PaneWidths {
  sidebar: number;
  list: number;
}

/**
 * Widths that fit a window `viewport` px wide: each pane keeps its minimum, and the reader keeps at least
 * MIN_READER px (the sidebar, then the list, give way). Below the sum of the minimums the minimums win.
 */
export function fitPaneWidths(wanted: PaneWidths, viewport: number): PaneWidths {
  const sidebar = Math.round(Math.max(MIN_SIDEBAR, Math.min(wanted.sidebar, viewport - MIN_LIST - MIN_READER)));
  const list = Math.round(Math.max(MIN_LIST, Math.min(wanted.list, viewport - sidebar - MIN_READER)));
  return { sidebar, list };
}

/** The largest width a pane may take now (for aria-valuemax). */
export function maxPaneWidth(pane: keyof PaneWidths, widths: PaneWidths, viewport: number): number {
  const others = pane === 'sidebar' ? MIN_LIST : widths.sidebar;
  const min = pane === 'sidebar' ? MIN_SIDEBAR : MIN_LIST;
  return Math.max(min, viewport - others - MIN_READER);
}

/** Where a double-click on a resizer puts the boundary back. */
export const DEFAULT_PANE_WIDTHS: Readonly<PaneWidths> = defaultSettings.paneWidths;
