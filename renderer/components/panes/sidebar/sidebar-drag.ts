/** Drag and drop in the sidebar: feeds move into folders or between feeds, folders reorder. */
import type { MouseEvent as ReactMouseEvent } from 'react';

export const FEED_DRAG_TYPE = 'application/x-broadsheet-feed';
export const FOLDER_DRAG_TYPE = 'application/x-broadsheet-folder';

/** Where a context menu opens: at the pointer, or under the element when opened from the keyboard. */
export function menuPosition(event: ReactMouseEvent): { x: number; y: number } {
  event.preventDefault();
  if (event.clientX === 0 && event.clientY === 0) {
    const box = (event.currentTarget as HTMLElement).getBoundingClientRect();
    return { x: box.left + 24, y: box.bottom };
  }
  return { x: event.clientX, y: event.clientY };
}
