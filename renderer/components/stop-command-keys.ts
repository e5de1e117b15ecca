import type { KeyboardEvent } from 'react';

/**
 * onKeyDown for the content of a modal: keys typed in a dialog belong to it, so the window's command keys
 * (J, K, …) do not act on the list behind it; Escape then reaches the <dialog> itself, which closes.
 */
export function stopCommandKeys(event: KeyboardEvent): void {
  event.stopPropagation();
}
