/**
 * Unread counters. Counting unread through an index costs ~340 ms at 100,000 articles, so each feed row
 * carries its count and every write that changes one adjusts it inside the same transaction. These helpers
 * must be called from inside a transaction that includes `feeds` (and `articles` for recount).
 */
import type { BroadsheetDb } from './schema';

/** Adds each delta to its feed's unreadCount. Feeds that no longer exist are skipped. */
export async function applyUnreadDelta(db: BroadsheetDb, delta: ReadonlyMap<string, number>): Promise<void> {
  const entries = [...delta].filter(([, n]) => n !== 0);
  if (entries.length === 0) return;
  const feeds = await db.feeds.bulkGet(entries.map(([id]) => id));
  const updates: Array<{ key: string; changes: { unreadCount: number } }> = [];
  entries.forEach(([id, n], i) => {
    const feed = feeds[i];
    if (feed) updates.push({ key: id, changes: { unreadCount: feed.unreadCount + n } });
  });
  if (updates.length > 0) await db.feeds.bulkUpdate(updates);
}

/** Counts a feed's unread rows through [feedId+read+sortTime]; for rare whole-feed events (subscribe, import). */
export function countUnreadRows(db: BroadsheetDb, feedId: string): Promise<number> {
  return db.articles
    .where('[feedId+read+sortTime]')
    .between([feedId, 0, -Infinity], [feedId, 0, Infinity], true, true)
    .count();
}

export interface UnreadCounts {
  total: number;
  byFeed: Record<string, number>;
  /** Sum of the folder's feeds. */
  byFolder: Record<string, number>;
}

/** Reads the counters (one small read of the feeds table). */
export async function unreadCounts(db: BroadsheetDb): Promise<UnreadCounts> {
  const feeds = await db.feeds.toArray();
  const counts: UnreadCounts = { total: 0, byFeed: {}, byFolder: {} };
  for (const feed of feeds) {
    counts.byFeed[feed.id] = feed.unreadCount;
    counts.total += feed.unreadCount;
    if (feed.folderId !== null) counts.byFolder[feed.folderId] = (counts.byFolder[feed.folderId] ?? 0) + feed.unreadCount;
  }
  return counts;
}
