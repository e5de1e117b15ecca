/**
 * "Keep articles for N days", per feed or global (default: keep everything). Never deleted: starred articles,
 * articles a rule said to keep forever, unread articles younger than twice the window (an unread backlog is not
 * silently lost), and the newest 50
 * of each feed (a quiet feed never looks empty). Deleted rows leave a high-water mark on the feed so a feed
 * that still lists them does not bring them back as new.
 */
import type { BroadsheetDb } from './schema';
import { getSetting } from './settings';

export const DAY_MS = 86_400_000;
export const RETENTION_MIN_KEEP = 50;

export interface RetentionResult {
  deleted: number;
}

export async function applyRetention(db: BroadsheetDb, now: number, minKeep: number = RETENTION_MIN_KEEP): Promise<RetentionResult> {
  const globalDays = await getSetting(db, 'retentionDays');
  const feeds = await db.feeds.toArray();
  let deleted = 0;
  for (const feed of feeds) {
    const days = feed.retentionDays ?? globalDays;
    if (days === null || days <= 0) continue;
    deleted += await retainFeed(db, feed.id, now - days * DAY_MS, now - 2 * days * DAY_MS, minKeep);
  }
  return { deleted };
}

async function retainFeed(db: BroadsheetDb, feedId: string, cutoff: number, unreadCutoff: number, minKeep: number): Promise<number> {
  return db.transaction('rw', [db.feeds, db.articles, db.contents, db.images, db.enclosures], async () => {
    const feed = await db.feeds.get(feedId);
    if (!feed) return 0;
    const newest = new Set(
      await db.articles.where('[feedId+sortTime]').between([feedId, -Infinity], [feedId, Infinity]).reverse().limit(minKeep).primaryKeys(),
    );
    const old = await db.articles.where('[feedId+sortTime]').between([feedId, -Infinity], [feedId, cutoff], true, false).toArray();
    const doomed = old.filter((a) => !newest.has(a.id) && a.starred === 0 && a.kept !== 1 && !(a.read === 0 && a.sortTime >= unreadCutoff));
    if (doomed.length === 0) return 0;
    const ids = doomed.map((a) => a.id);
    await db.articles.bulkDelete(ids);
    await db.contents.bulkDelete(ids);
    await db.images.where('articleId').anyOf(ids).delete();
    await db.enclosures.where('articleId').anyOf(ids).delete();
    const unreadGone = doomed.filter((a) => a.read === 0).length;
    const purgedBefore = doomed.reduce((max, a) => Math.max(max, a.sortTime), feed.purgedBefore);
    await db.feeds.update(feedId, { unreadCount: feed.unreadCount - unreadGone, purgedBefore });
    return ids.length;
  });
}
