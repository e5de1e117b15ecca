/**
 * The writes to a library's articles this thread has heard of (its own, and other contexts' as Dexie relays them):
 * a count, to tell whether any came since a moment, and a listener with the keys written. The search results use
 * it to read rows again only when something wrote them, instead of re-reading every answer's rows.
 */
import { Dexie, type IntervalTree } from 'dexie';
import { createListeners } from '../../shared/listeners';

export interface ArticleWrites {
  /** Writes heard of so far; compare two readings to know whether any came between. */
  count(): number;
  onWrite(listener: (keys: IntervalTree) => void): () => void;
}

const byName = new Map<string, ArticleWrites>();

/** The one watcher of this database's article writes (made, and listening, from the first call on). */
export function articleWrites(dbName: string): ArticleWrites {
  const known = byName.get(dbName);
  if (known) return known;
  const part = `idb://${dbName}/articles/`;
  // A listener runs inside Dexie's storagemutated chain, before the live queries subscribed earlier: one that threw
  // would skip them (the list and the counts would stop following the library), hence createListeners.
  const listeners = createListeners<IntervalTree>();
  let count = 0;
  Dexie.on('storagemutated', (parts: Record<string, unknown>) => {
    const keys = parts[part] as IntervalTree | undefined;
    if (!keys) return;
    count++;
    listeners.emit(keys);
  });
  const writes: ArticleWrites = {
    count: () => count,
    onWrite: listeners.add,
  };
  byName.set(dbName, writes);
  return writes;
}
