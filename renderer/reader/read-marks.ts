/**
 * "Mark read on open", written in batches: an article opened is marked a moment after it is on screen, and articles
 * passed over sooner (reading down the list with j) join the same write. Each write sets off the live queries that
 * show read state (the list's page, the unread counts, the reader's own), so one write for a run of articles is
 * one refresh, and none of it runs inside the next article's opening.
 *
 * Marks not yet written when the window goes away (closed, reloaded) must not be lost with it: a write not landed by
 * then is cut off with the page (its transaction needs the page to read the rows before it writes). So the marks still
 * waiting AND those whose write has begun but not landed are kept in a journal that outlives the page until a write of
 * them has landed, and the next start writes them.
 */
export interface ReadMarks {
  /** Marks `id` read after `delayMs` without another article joining; each one joining restarts the wait. */
  add(id: string): void;
  /** Forgets `id` if it waits: it is read already (by hand, another window, a sync), and a later write must not undo a change made by hand since. */
  drop(id: string): void;
  /** Writes what is waiting now (the reader is going away). */
  flush(): void;
  /** Writes `ids` now, without waiting (a delay chosen in Settings has passed); kept across a close like the rest. */
  writeNow(ids: string[]): void;
  /** The window is going away (pagehide): what is waiting or still being written goes into the journal; what waits is written as by flush. */
  leave(): void;
  /** Writes what an earlier window left in the journal (at start-up). */
  recover(): void;
}

/** Ids of marks not yet known to be written, kept where they outlive the window (localStorage in the app). */
export interface ReadMarksJournal {
  read(): string[];
  replace(ids: readonly string[]): void;
}

export function createReadMarks(write: (ids: string[]) => Promise<unknown>, delayMs: number, journal: ReadMarksJournal): ReadMarks {
  let waiting = new Set<string>();
  // Begun and not landed: a write under way when the window goes away is cut off with it (the batch's timer fired,
  // then the reload came before its transaction committed, which on a busy machine takes a while).
  const writing = new Set<string>();
  // The journal is read only once something was put in it (no storage read after every batch).
  let journalled = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const forget = (ids: readonly string[]) => {
    if (!journalled) return;
    const written = new Set(ids);
    const left = journal.read().filter((id) => !written.has(id));
    journal.replace(left);
  };
  // Marks leave `writing` (and the journal) once written; a failed write leaves journalled ones for the next start.
  const writeTracked = (ids: string[]) => {
    for (const id of ids) writing.add(id);
    void write(ids).then(
      () => {
        for (const id of ids) writing.delete(id);
        forget(ids);
      },
      () => {
        for (const id of ids) writing.delete(id);
      },
    );
  };
  const take = (): string[] => {
    clearTimeout(timer);
    timer = undefined;
    const ids = [...waiting];
    waiting = new Set();
    return ids;
  };
  const flush = () => {
    const ids = take();
    if (ids.length > 0) writeTracked(ids);
  };
  return {
    add(id) {
      waiting.add(id);
      clearTimeout(timer);
      timer = setTimeout(flush, delayMs);
    },
    drop(id) {
      waiting.delete(id);
      writing.delete(id);
    },
    flush,
    writeNow(ids) {
      if (ids.length > 0) writeTracked(ids);
    },
    leave() {
      const ids = take();
      const unwritten = [...new Set([...writing, ...ids])];
      if (unwritten.length === 0) return;
      journal.replace([...new Set([...journal.read(), ...unwritten])]);
      journalled = true;
      if (ids.length > 0) writeTracked(ids);
    },
    recover() {
      const ids = journal.read();
      if (ids.length === 0) return;
      journalled = true;
      writeTracked(ids);
    },
  };
}

/** The journal in `storage` under `key`; storage that is missing, full or holds something else reads as empty. */
export function storageJournal(storage: Storage | undefined, key: string): ReadMarksJournal {
  return {
    read() {
      try {
        const value: unknown = JSON.parse(storage?.getItem(key) ?? '[]');
        return Array.isArray(value) ? value.filter((id): id is string => typeof id === 'string') : [];
      } catch {
        return [];
      }
    },
    replace(ids) {
      try {
        if (ids.length === 0) storage?.removeItem(key);
        else storage?.setItem(key, JSON.stringify(ids));
      } catch {
        // Storage full or refused: the marks are still written now, only not kept across a close.
      }
    },
  };
}
