/**
 * Read and starred state. Every change of `read` adjusts the feed counters in the same transaction, and every change
 * to an account's article queues it in the outbox in that same transaction (shared/db/outbox.ts).
 */
import { queueOutbox } from './outbox';
import type { ArticleRow, BroadsheetDb, Bit, FeedRow } from './schema';
import { isLocalFeed } from './feeds';
import { applyUnreadDelta } from './unread';

async function setRead(db: BroadsheetDb, ids: readonly string[], read: Bit, now: number): Promise<number> {
  return db.transaction('rw', [db.articles, db.feeds, db.accounts, db.outbox], async () => {
    const rows = await db.articles.bulkGet([...ids]);
    const feedIds = [...new Set(rows.flatMap((r) => (r ? [r.feedId] : [])))];
    const feeds = new Set((await db.feeds.bulkGet(feedIds)).flatMap((f) => (f ? [f.id] : [])));
    const delta = new Map<string, number>();
    const changed: string[] = [];
    for (const row of rows) {
      // A bookmark whose feed was unsubscribed has no counter to carry it: it stays read.
      if (!row || row.read === read || !feeds.has(row.feedId)) continue;
      // A hidden article stays read: no counter or unread view may see it (shared/rules).
      if (read === 0 && row.hidden === 1) continue;
      changed.push(row.id);
      delta.set(row.feedId, (delta.get(row.feedId) ?? 0) + (read ? -1 : 1));
    }
    await db.articles.bulkUpdate(changed.map((key) => ({ key, changes: { read } })));
    await applyUnreadDelta(db, delta);
    await queueOutbox(db, changed, read ? 'read' : 'unread', now);
    return changed.length;
  });
}

/** Returns how many articles changed. */
export function markRead(db: BroadsheetDb, ids: readonly string[], now: number = Date.now()): Promise<number> {
  return setRead(db, ids, 1, now);
}

export function markUnread(db: BroadsheetDb, ids: readonly string[], now: number = Date.now()): Promise<number> {
  return setRead(db, ids, 0, now);
}

export type MarkAllScope =
  | { feedId: string }
  | { folderId: string }
  | { all: true }
  /** Only articles with sortTime < olderThan, inside the inner scope. */
  | { olderThan: number; scope: { feedId: string } | { folderId: string } | { all: true } };

async function feedsInScope(db: BroadsheetDb, scope: { feedId: string } | { folderId: string } | { all: true }): Promise<FeedRow[]> {
  if ('feedId' in scope) return (await db.feeds.bulkGet([scope.feedId])).flatMap((f) => (f ? [f] : []));
  if ('folderId' in scope) return db.feeds.where('folderId').equals(scope.folderId).toArray();
  return db.feeds.toArray();
}

/** Marks every unread article of the scope read, walking [feedId+read+sortTime] per feed. Returns the count. */
export async function markAllRead(db: BroadsheetDb, scope: MarkAllScope, now: number = Date.now()): Promise<number> {
  const inner = 'olderThan' in scope ? scope.scope : scope;
  const upper = 'olderThan' in scope ? scope.olderThan : Infinity;
  return db.transaction('rw', [db.articles, db.feeds, db.accounts, db.outbox], async () => {
    const feeds = await feedsInScope(db, inner);
    let total = 0;
    for (const feed of feeds) {
      if (feed.unreadCount === 0) continue;
      const unread = db.articles.where('[feedId+read+sortTime]').between([feed.id, 0, -Infinity], [feed.id, 0, upper], true, upper === Infinity);
      let n: number;
      if (isLocalFeed(feed)) n = await unread.modify({ read: 1 });
      else {
        // An account's articles each need an outbox row, so their ids are read first.
        const ids = await unread.primaryKeys();
        await db.articles.bulkUpdate(ids.map((key) => ({ key, changes: { read: 1 as const } })));
        await queueOutbox(db, ids, 'read', now);
        n = ids.length;
      }
      if (n > 0) await db.feeds.update(feed.id, { unreadCount: feed.unreadCount - n });
      total += n;
    }
    return total;
  });
}

/** Stars or unstars articles; starredAt orders the Starred view (newest bookmark first). */
export async function setStarred(db: BroadsheetDb, ids: readonly string[], starred: boolean, now: number = Date.now()): Promise<number> {
  return db.transaction('rw', [db.articles, db.accounts, db.outbox], async () => {
    const rows = await db.articles.bulkGet([...ids]);
    const want: Bit = starred ? 1 : 0;
    const changed = rows.filter((r): r is ArticleRow => r !== undefined && r.starred !== want);
    await db.articles.bulkUpdate(changed.map((r) => ({ key: r.id, changes: { starred: want, starredAt: starred ? now : 0 } })));
    await queueOutbox(db, changed.map((r) => r.id), starred ? 'star' : 'unstar', now);
    return changed.length;
  });
}

/**
 * Flips one article's read state; returns the new state (null when the article does not exist). The read and the write
 * are one transaction: while a sync's merges hold the articles table, a read and then a write would each wait behind
 * them, the write also behind the merges queued while the read waited.
 */
export async function toggleRead(db: BroadsheetDb, id: string, now: number = Date.now()): Promise<Bit | null> {
  return db.transaction('rw', [db.articles, db.feeds, db.accounts, db.outbox], async () => {
    const row = await db.articles.get(id);
    if (!row) return null;
    const read: Bit = row.read === 1 ? 0 : 1;
    await setRead(db, [id], read, now);
    return read;
  });
}

/** Flips one article's star; returns the new state (false when the article does not exist). */
export async function toggleStar(db: BroadsheetDb, id: string, now: number = Date.now()): Promise<boolean> {
  return db.transaction('rw', [db.articles, db.accounts, db.outbox], async () => {
    const row = await db.articles.get(id);
    if (!row) return false;
    const starred = row.starred === 0;
    await db.articles.update(id, { starred: starred ? 1 : 0, starredAt: starred ? now : 0 });
    await queueOutbox(db, [id], starred ? 'star' : 'unstar', now);
    return starred;
  });
}
