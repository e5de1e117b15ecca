/**
 * The OS notifications a finished sync run deserves, read from the library where the sync ran (the worker), so the
 * window only decides whether it is in use and passes them on to host.notify.
 */
import type { BroadsheetDb } from '../db/schema';
import { getSetting } from '../db/settings';
import type { HostNotification } from '../host';
import { batchNewArticleNotifications } from '../notifications';

export async function newArticleNotifications(db: BroadsheetDb, addedIds: readonly string[]): Promise<HostNotification[]> {
  if (addedIds.length === 0 || !(await getSetting(db, 'notifyNewArticles'))) return [];
  const [rows, feeds] = await Promise.all([db.articles.bulkGet([...addedIds]), db.feeds.toArray()]);
  const byFeed = new Map<string, { id: string; title: string }[]>();
  for (const row of rows) {
    if (!row) continue;
    const list = byFeed.get(row.feedId) ?? [];
    list.push({ id: row.id, title: row.title });
    byFeed.set(row.feedId, list);
  }
  const titles = new Map(feeds.map((feed) => [feed.id, feed.title || feed.url]));
  const muted = feeds.filter((feed) => feed.options.notify === false).map((feed) => feed.id);
  const outcomes = [...byFeed].map(([feedId, articles]) => ({ feedId, added: articles.length, articles }));
  return batchNewArticleNotifications(outcomes, titles, { notifyNewArticles: true, mutedFeedIds: muted });
}
