/**
 * The feed rows in sidebar order, kept current by reading again only the rows a commit wrote. A live query of the
 * whole table read all of them after every commit that touched any: a cold sync of 500 feeds commits ~13 times,
 * each writing ~40 feed rows (their unread counts), and the window read 6,500 rows for 500 changes (~5 ms of the
 * IndexedDB backend per commit, the backend being what a sync waits on, plus the page's deserialising).
 *
 * Dexie announces every commit (from this window or a worker, through its BroadcastChannel) as the key ranges it
 * wrote. A commit of fewer than 50 rows per write is announced key by key: those rows are read (a deleted one is
 * missing) and merged into the list. A write it announces as a range (a bulk write of 50 rows or more, a delete by
 * range, the whole database on a page's return from the back/forward cache) reads the whole table again, as before.
 */
import Dexie from 'dexie';
import type { IntervalTree, IntervalTreeNode, ObservabilitySet } from 'dexie';
import type { BroadsheetDb, FeedRow } from '../../shared/db';
import { listFeeds } from '../../shared/db';
import { sidebarOrder } from '../../shared/db/feeds';

/** Past this many rows one getAll of the table costs less than reading them one by one. */
const MAX_ROWS_READ_ALONE = 100;

/**
 * Once commits stop for this long (or after this long of commits), rows read one by one are checked by one read of the
 * whole table; a failed read is tried again after it.
 */
const SETTLE_MS = 1_000;
const SETTLE_MAX_MS = 5_000;

export interface WatchOptions {
  /** How long after the last commit the whole table is read again to check the rows read one by one (tests shorten it). */
  settleMs?: number;
}

/** Calls `next` with the feeds now and after every change to them; returns the function that stops watching. */
export function watchFeeds(db: BroadsheetDb, next: (rows: FeedRow[]) => void, onError: (error: unknown) => void, options: WatchOptions = {}): () => void {
  const settleMs = options.settleMs ?? SETTLE_MS;
  const part = `idb://${db.name}/feeds/`;
  let rows: FeedRow[] | null = null;
  /** What changed since the last read: some ids, or everything (also before the first read). */
  let changed: Set<string> | 'all' = 'all';
  let reading = false;
  let stopped = false;
  /**
   * When rows were first read one by one since the last whole read (null: none were). The list is then only as right
   * as Dexie's announcements; a whole read once the commits settle makes it right whatever was missed (a count left
   * behind once was the reason: idb8's note).
   */
  let unchecked: number | null = null;
  let settle: ReturnType<typeof setTimeout> | undefined;

  const settleLater = () => {
    clearTimeout(settle);
    if (stopped) return;
    const waited = unchecked === null ? 0 : Date.now() - unchecked;
    settle = setTimeout(() => {
      if (changed !== 'all' && unchecked === null) return;
      changed = 'all';
      void drain();
    }, Math.max(0, Math.min(settleMs, SETTLE_MAX_MS - waited)));
  };

  const onMutated = (parts: ObservabilitySet) => {
    if (changed !== 'all') {
      const wrote = parts[part];
      const ids = 'all' in parts ? null : wrote ? keysOf(wrote) : [];
      if (ids === null || changed.size + ids.length > MAX_ROWS_READ_ALONE) changed = 'all';
      else for (const id of ids) changed.add(id);
    }
    void drain();
  };

  // One read at a time: commits announced while it runs are read after it, so the last list shown is never older than
  // the last commit announced. Reads run outside any transaction: a commit of this window is announced from inside
  // its own (finished) transaction's zone.
  async function drain(): Promise<void> {
    if (reading) return;
    reading = true;
    try {
      while (!stopped && (changed === 'all' || changed.size > 0)) {
        const take = changed;
        changed = new Set();
        const whole = take === 'all' || rows === null;
        const current = rows;
        rows = await Dexie.ignoreTransaction(() => (whole || current === null ? listFeeds(db) : merged(current, [...take])));
        if (whole) unchecked = null;
        else unchecked ??= Date.now();
        if (!stopped) next(rows);
      }
      if (unchecked !== null) settleLater();
    } catch (error) {
      // Read whole again, after a while (or at the next commit). A closed database is the window closing (or a backup
      // being restored, which reopens it and announces everything): nothing to report.
      changed = 'all';
      if (!(error instanceof Dexie.DatabaseClosedError)) onError(error);
      settleLater();
    } finally {
      reading = false;
    }
  }

  async function merged(current: readonly FeedRow[], ids: string[]): Promise<FeedRow[]> {
    const byId = new Map(current.map((row) => [row.id, row]));
    const read = await db.feeds.bulkGet(ids);
    ids.forEach((id, i) => {
      const row = read[i];
      if (row) byId.set(id, row);
      else byId.delete(id);
    });
    return [...byId.values()].sort(sidebarOrder);
  }

  Dexie.on('storagemutated', onMutated);
  void drain();
  return () => {
    stopped = true;
    clearTimeout(settle);
    Dexie.on('storagemutated').unsubscribe(onMutated);
  };
}

/**
 * The single keys a write announced, or null when it announced a range. The tree may have come through a
 * BroadcastChannel (a worker's commit), so it is walked as plain data, not through RangeSet's iterator.
 */
export function keysOf(tree: IntervalTree): string[] | null {
  const keys: string[] = [];
  const stack: IntervalTreeNode[] = [];
  if ('from' in tree) stack.push(tree);
  while (stack.length > 0) {
    const node = stack.pop() as IntervalTreeNode;
    if (typeof node.from !== 'string' || node.from !== node.to) return null;
    keys.push(node.from);
    if (node.l) stack.push(node.l);
    if (node.r) stack.push(node.r);
  }
  return keys;
}
