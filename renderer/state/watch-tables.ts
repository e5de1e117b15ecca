/**
 * A query read again after every commit that wrote one of its tables, for the window's small queries that a sync
 * never or seldom touches (settings, folders, accounts, icons, the bookmark count).
 *
 * Why not Dexie's liveQuery: each live query adds every commit's announced keys to a set it keeps until it next runs
 * (to test them against what it read). A query a sync never touches never runs again, so its set grows to every feed
 * row and feed index key the sync writes, and each commit's keys are merged into it again: a few ms of the window's
 * thread per commit for five such queries, every commit of every sync. Here a commit costs a look at the names of the
 * tables it wrote; a query whose table was written is read again whole (these are all small or counted by an index).
 */
import Dexie from 'dexie';
import type { ObservabilitySet } from 'dexie';
import type { BroadsheetDb } from '../../shared/db';

/** A failed read is tried again after this long, without waiting for a commit. */
const RETRY_MS = 1_000;

/** Calls `next` with the query's answer now and after every commit to one of `tables`; returns the function that stops. */
export function watchTables<T>(db: BroadsheetDb, tables: readonly string[], query: () => Promise<T>, next: (value: T) => void, onError: (error: unknown) => void): () => void {
  const prefixes = tables.map((table) => `idb://${db.name}/${table}/`);
  let stale = true;
  let reading = false;
  let stopped = false;
  let retry: ReturnType<typeof setTimeout> | undefined;

  const onMutated = (parts: ObservabilitySet) => {
    if (!('all' in parts) && !Object.keys(parts).some((part) => prefixes.some((prefix) => part.startsWith(prefix)))) return;
    stale = true;
    void drain();
  };

  // One read at a time; a commit announced during a read is read after it. Outside any transaction: a commit of this
  // window is announced from inside its own (finished) transaction's zone.
  async function drain(): Promise<void> {
    if (reading) return;
    reading = true;
    try {
      while (stale && !stopped) {
        stale = false;
        const value = await Dexie.ignoreTransaction(query);
        if (!stopped) next(value);
      }
    } catch (error) {
      // Read again a while later (or at the next commit of these tables). A closed database is the window closing, or
      // a backup being restored: nothing to report.
      stale = true;
      if (!(error instanceof Dexie.DatabaseClosedError)) onError(error);
      clearTimeout(retry);
      if (!stopped) retry = setTimeout(() => void drain(), RETRY_MS);
    } finally {
      reading = false;
    }
  }

  Dexie.on('storagemutated', onMutated);
  void drain();
  return () => {
    stopped = true;
    clearTimeout(retry);
    Dexie.on('storagemutated').unsubscribe(onMutated);
  };
}
