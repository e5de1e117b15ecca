/**
 * The writes to a library's articles this thread has heard of (its own, and other contexts' as Dexie relays them):
 * a count, to tell whether any came since a moment, and a listener with the keys written. The search results use
 * it to read rows again only when something wrote them, instead of re-reading every answer's rows.
 */
import { Dexie, type IntervalTree } from 'dexie';

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
  const listeners = new Set<(keys: IntervalTree) => void>();
  let count = 0;
  Dexie.on('storagemutated', (parts: Record<string, unknown>) => {
    const keys = parts[part] as IntervalTree | undefined;
    if (!keys) return;
    count++;
    for (const listener of [...listeners]) listener(keys);
  });
  const writes: ArticleWrites = {
    count: () => count,
    onWrite(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
  byName.set(dbName, writes);
  return writes;
}
