/**
 * The OS notifications a finished sync run deserves, read from the library where the sync ran (the worker), so the
 * window only decides whether it is in use, words them in its language and passes them on to host.notify.
 */
import type { BroadsheetDb } from '../db/schema';
import { getSetting } from '../db/settings';
import type { ArticleRow } from '../db/schema';
import { batchNewArticleNotifications, ruleNotifications } from '../notifications';
import type { NotificationDraft } from '../notifications';

/**
 * Articles a rule asked about (shared/rules) are announced whatever the app's or the feed's notification setting:
 * the user asked for these by name. Hidden ones are no news.
 */
export async function newArticleNotifications(db: BroadsheetDb, addedIds: readonly string[]): Promise<NotificationDraft[]> {
  if (addedIds.length === 0) return [];
  const [rows, feeds, enabled] = await Promise.all([db.articles.bulkGet([...addedIds]), db.feeds.toArray(), getSetting(db, 'notifyNewArticles')]);
  const titles = new Map(feeds.map((feed) => [feed.id, feed.title || feed.url]));
  const asked = ruleNotifications(rows.filter((row): row is ArticleRow => row?.ruleNotify === 1), titles);
  if (!enabled) return asked;
  const byFeed = new Map<string, { id: string; title: string }[]>();
  for (const row of rows) {
    if (!row || row.hidden === 1 || row.ruleNotify === 1) continue;
    const list = byFeed.get(row.feedId) ?? [];
    list.push({ id: row.id, title: row.title });
    byFeed.set(row.feedId, list);
  }
  const muted = feeds.filter((feed) => feed.options.notify === false).map((feed) => feed.id);
  const outcomes = [...byFeed].map(([feedId, articles]) => ({ feedId, added: articles.length, articles }));
  return [...asked, ...batchNewArticleNotifications(outcomes, titles, { notifyNewArticles: true, mutedFeedIds: muted })];
}
