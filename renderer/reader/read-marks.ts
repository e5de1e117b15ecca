/**
 * "Mark read on open", written in batches: an article opened is marked a moment after it is on screen, and articles
 * passed over sooner (reading down the list with j) join the same write. Each write sets off the live queries that
 * show read state (the list's page, the unread counts, the reader's own), so one write for a run of articles is
 * one refresh, and none of it runs inside the next article's opening.
 */
export interface ReadMarks {
  /** Marks `id` read after `delayMs` without another article joining; each one joining restarts the wait. */
  add(id: string): void;
  /** Writes what is waiting now (the reader is going away). */
  flush(): void;
}

export function createReadMarks(write: (ids: string[]) => void, delayMs: number): ReadMarks {
  let waiting = new Set<string>();
  let timer: ReturnType<typeof setTimeout> | undefined;
  const flush = () => {
    clearTimeout(timer);
    timer = undefined;
    if (waiting.size === 0) return;
    const ids = [...waiting];
    waiting = new Set();
    write(ids);
  };
  return {
    add(id) {
      waiting.add(id);
      clearTimeout(timer);
      timer = setTimeout(flush, delayMs);
    },
    flush,
  };
}
