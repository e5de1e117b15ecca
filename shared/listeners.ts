/**
 * The callbacks told about one kind of event (sync progress, articles added, …). Every producer in the app wants the
 * same two guarantees, so they live here once: removing is the function `add` returns, and a listener that throws is
 * skipped so it can neither stop the producer (a sync) nor starve the listeners after it. Skipped is not hidden: the
 * error goes to the console (devtools, the main process's log, and the e2e tests' console-error check).
 */
export interface Listeners<T> {
  /** Adds a listener; calling the returned function removes it again. */
  add(listener: (value: T) => void): () => void;
  /** Calls every listener in the order they were added. */
  emit(value: T): void;
  readonly size: number;
}

export function createListeners<T = void>(): Listeners<T> {
  const listeners = new Set<(value: T) => void>();
  return {
    add(listener) {
      listeners.add(listener);
      return () => {
        listeners.delete(listener);
      };
    },
    emit(value) {
      for (const listener of listeners) {
        try {
          listener(value);
        } catch (error) {
          console.error('A listener failed; the others were still told.', error);
        }
      }
    },
    get size() {
      return listeners.size;
    },
  };
}
