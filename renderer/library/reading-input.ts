/**
 * A person's input in the article list or the reader that shows they are reading: the wheel, a press of the pointer
 * (a row clicked, the scroll bar dragged) and the keys that scroll (the arrows, Page Up/Down, Home, End). Not mere
 * pointer movement, which passes over the window on its way elsewhere, and not the scroll event, which the list also
 * fires when it follows the selection to rows a sync added. The list's refresh button is outside what the list
 * listens on: a person starting a sync is not yet reading.
 */
const SCROLL_KEYS: ReadonlySet<string> = new Set(['ArrowDown', 'ArrowUp', 'PageDown', 'PageUp', 'Home', 'End']);

/**
 * Calls `onReading` on reading input at `target` (a pane's element, the reader frame's document); passive listeners,
 * so scrolling never waits for them. Returns the function that stops listening.
 */
export function listenForReading(target: EventTarget, onReading: () => void): () => void {
  const read = () => onReading();
  const readKey = (event: Event) => {
    if (SCROLL_KEYS.has((event as KeyboardEvent).key)) onReading();
  };
  const passive: AddEventListenerOptions = { passive: true };
  target.addEventListener('wheel', read, passive);
  target.addEventListener('pointerdown', read, passive);
  target.addEventListener('keydown', readKey, passive);
  return () => {
    target.removeEventListener('wheel', read, passive);
    target.removeEventListener('pointerdown', read, passive);
    target.removeEventListener('keydown', readKey, passive);
  };
}
