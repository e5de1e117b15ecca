/**
 * The search Worker's cache of the article rows it sends with answers, so a keystroke whose hits were sent before
 * costs the query and no database read. A row stays only while nothing has written it: Dexie reports every
 * committed write to the articles table ('storagemutated', from this context, the UI thread and the sync Worker
 * alike, with the keys written, or a whole range for big or ranged writes), and the rows it touches are dropped.
 * The UI thread also forwards the writes it has seen over the Worker's own port (search-service.ts), so a search
 * asked after a mark changed is always answered after that mark's row was dropped.
 */
import { Dexie, RangeSet, rangesOverlap, type IntervalTree } from 'dexie';
import type { ArticleRow, BroadsheetDb } from '../../shared/db';

/** Rows kept at most (a few screens of answers; about 1 KB each). The oldest go first. */
const MAX_ROWS = 4000;

/** What Dexie reports for one write: a set of key ranges per table (and index) of a database. */
export type MutatedParts = Record<string, unknown>;

export interface RowCache {
  /** The rows of these ids in order, missing ones left out; only ids not cached are read from the library. */
  rows(ids: readonly string[]): Promise<ArticleRow[]>;
  /** Drops the rows a write reported by Dexie touched (parts of other databases or tables are ignored). */
  dropWritten(parts: MutatedParts): void;
  /** Stops listening to the library's writes. */
  close(): void;
}

export function createRowCache(db: BroadsheetDb): RowCache {
  const cached = new Map<string, ArticleRow>();
  /** Bumped by every write that dropped rows: a read that overlapped one is returned but not kept. */
  let writes = 0;
  const part = `idb://${db.name}/articles/`;

  const dropWritten = (parts: MutatedParts): void => {
    const keys = parts[part] as IntervalTree | undefined;
    if (!keys || cached.size === 0) {
      if (keys) writes++;
      return;
    }
    writes++;
    for (const id of [...cached.keys()]) {
      if (rangesOverlap(keys, new RangeSet(id))) cached.delete(id);
    }
  };
  const listener = (parts: MutatedParts): void => dropWritten(parts);
  Dexie.on('storagemutated', listener);

  return {
    async rows(ids) {
      // The cached rows are taken now: a write while reading may drop them, and they were current when asked.
      const hits = new Map<string, ArticleRow>();
      for (const id of ids) {
        const row = cached.get(id);
        if (row) hits.set(id, row);
      }
      const missing = ids.filter((id) => !hits.has(id));
      const before = writes;
      const read = missing.length > 0 ? await db.articles.bulkGet(missing) : [];
      const fresh = new Map<string, ArticleRow>();
      for (const row of read) if (row) fresh.set(row.id, row);
      const out: ArticleRow[] = [];
      for (const id of ids) {
        const row = hits.get(id) ?? fresh.get(id);
        if (row) out.push(row);
      }
      // A write committed while reading may or may not be in what was read: such rows answer this once, unkept.
      if (writes === before) {
        for (const row of fresh.values()) cached.set(row.id, row);
        for (const id of cached.keys()) {
          if (cached.size <= MAX_ROWS) break;
          cached.delete(id);
        }
      }
      return out;
    },
    dropWritten,
    close() {
      Dexie.on('storagemutated').unsubscribe(listener);
    },
  };
}
