/**
 * Keys pressed after the page has started but before the command keys listen (React's first render is still under
 * way, which on a busy machine can take a while after the window shows): kept here and handed to the command keys
 * when they start, so a key pressed as the window appears (`a` to add a feed) acts instead of being lost.
 */
let early: KeyboardEvent[] | null = null;
/** More than anyone types before the first render would be a key held down: those are not kept. */
const MAX_EARLY = 20;

function keep(event: KeyboardEvent): void {
  if (early && early.length < MAX_EARLY) early.push(event);
}

/** Starts keeping keys; called before the first render. */
export function keepEarlyKeys(): void {
  if (early !== null) return;
  early = [];
  window.addEventListener('keydown', keep);
}

/** Stops keeping keys and returns those kept, in the order they were pressed (each only once). */
export function takeEarlyKeys(): KeyboardEvent[] {
  window.removeEventListener('keydown', keep);
  const kept = early ?? [];
  early = [];
  return kept;
}
