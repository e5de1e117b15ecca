/**
 * The OS notifications a finished sync run deserves, worked out where the sync ran (the worker), so the window only
 * decides whether it is in use, words them in its language and passes them on to host.notify.
 */
import type { BroadsheetDb } from '../db/schema';
import { getSetting } from '../db/settings';
import type { ArticleRow } from '../db/schema';
import { batchNewArticleNotifications, ruleNotifications } from '../notifications';
import type { NotificationDraft } from '../notifications';

/** What the notifications read of a new article: its feed, its title, and whether a rule hid it or asked about it. */
export type NotifiedArticle = Pick<ArticleRow, 'id' | 'feedId' | 'title' | 'hidden' | 'ruleNotify'>;

/** The part of a new article row the notifications read, copied so the run need not keep (or read back) whole rows. */
export const notifiedArticle = (row: NotifiedArticle): NotifiedArticle => ({
  id: row.id,
  feedId: row.feedId,
  title: row.title,
  ...(row.hidden === 1 ? { hidden: 1 as const } : {}),
  ...(row.ruleNotify === 1 ? { ruleNotify: 1 as const } : {}),
});

/**
 * A run's new articles, in the order they were added: the rows the feed engine wrote (as written: after rules and
 * pending read marks), or the ids of articles stored elsewhere (an account's sync), read back here. The feed engine's
 * articles used to be read back too: a cold sync of 25,000 articles read every one of them again after the run.
 * An article whose feed is gone by the end of the run (unsubscribed meanwhile) is no news.
 *
 * Articles a rule asked about (shared/rules) are announced whatever the app's or the feed's notification setting:
 * the user asked for these by name. Hidden ones are no news.
 */
export async function newArticleNotifications(db: BroadsheetDb, added: ReadonlyArray<string | NotifiedArticle>): Promise<NotificationDraft[]> {
  if (added.length === 0) return [];
  const readBackIds = added.filter((entry): entry is string => typeof entry === 'string');
  const [readBack, feeds, enabled] = await Promise.all([readBackIds.length > 0 ? db.articles.bulkGet(readBackIds) : [], db.feeds.toArray(), getSetting(db, 'notifyNewArticles')]);
  const titles = new Map(feeds.map((feed) => [feed.id, feed.title || feed.url]));
  let next = 0;
  const rows: NotifiedArticle[] = [];
  for (const entry of added) {
    if (typeof entry === 'string') {
      const row = readBack[next++];
      if (row) rows.push(row);
    } else if (titles.has(entry.feedId)) rows.push(entry);
  }
  const asked = ruleNotifications(rows.filter((row) => row.ruleNotify === 1), titles);
  if (!enabled) return asked;
  const byFeed = new Map<string, { id: string; title: string }[]>();
  for (const row of rows) {
    if (row.hidden === 1 || row.ruleNotify === 1) continue;
    const list = byFeed.get(row.feedId) ?? [];
    list.push({ id: row.id, title: row.title });
    byFeed.set(row.feedId, list);
  }
  const muted = feeds.filter((feed) => feed.options.notify === false).map((feed) => feed.id);
  const outcomes = [...byFeed].map(([feedId, articles]) => ({ feedId, added: articles.length, articles }));
  return [...asked, ...batchNewArticleNotifications(outcomes, titles, { notifyNewArticles: true, mutedFeedIds: muted })];
}
