/**
 * Decides which OS notifications a sync deserves: one per feed while few feeds got news ("3 new articles in
 * Daring Fireball"), the article itself when a feed got exactly one, and a single summary when many feeds did, so a
 * morning sync of 80 feeds is one notification, not 80. The renderer passes each result to host.notify.
 */
import type { HostNotification } from './host';

/** What a sync added to one feed; the engine's FeedSyncOutcome fits, articles are optional extra detail. */
export interface NewArticlesInFeed {
  feedId: string;
  added: number;
  /** The new articles, newest first, when the caller has them at hand. */
  articles?: readonly { id: string; title: string }[];
}

export interface NotificationBatchSettings {
  /** The user's "notify me about new articles" setting. */
  notifyNewArticles: boolean;
  /** Feeds the user muted. */
  mutedFeedIds?: readonly string[];
  /** More feeds with news than this become one summary (default 3). */
  maxPerFeedNotifications?: number;
}

const TITLE_LIMIT = 256;
const BODY_LIMIT = 2048;
const TITLES_IN_BODY = 3;
const FEEDS_IN_SUMMARY = 5;

export function batchNewArticleNotifications(
  outcomes: readonly NewArticlesInFeed[],
  feedTitles: ReadonlyMap<string, string> | Readonly<Record<string, string>>,
  settings: NotificationBatchSettings,
): HostNotification[] {
  if (!settings.notifyNewArticles) return [];
  const muted = new Set(settings.mutedFeedIds ?? []);
  const byFeed = new Map<string, { added: number; articles: { id: string; title: string }[] }>();
  for (const outcome of outcomes) {
    if (!(outcome.added > 0) || muted.has(outcome.feedId)) continue;
    const entry = byFeed.get(outcome.feedId) ?? { added: 0, articles: [] };
    entry.added += outcome.added;
    entry.articles.push(...(outcome.articles ?? []));
    byFeed.set(outcome.feedId, entry);
  }
  const titleOf = (feedId: string) => clean(lookup(feedTitles, feedId) ?? '') || 'Untitled feed';
  const feeds = [...byFeed.entries()]
    .map(([feedId, entry]) => ({ feedId, title: titleOf(feedId), ...entry }))
    .sort((a, b) => b.added - a.added || a.title.localeCompare(b.title));
  if (feeds.length === 0) return [];

  const limit = Math.max(1, settings.maxPerFeedNotifications ?? 3);
  if (feeds.length > limit) {
    const total = feeds.reduce((sum, feed) => sum + feed.added, 0);
    const lines = feeds.slice(0, FEEDS_IN_SUMMARY).map((feed) => `${feed.title} (${feed.added})`);
    if (feeds.length > FEEDS_IN_SUMMARY) lines.push(`and ${feeds.length - FEEDS_IN_SUMMARY} more feeds`);
    return [{ title: cut(`${total} new articles in ${feeds.length} feeds`, TITLE_LIMIT), body: cut(lines.join('\n'), BODY_LIMIT) }];
  }

  return feeds.map((feed): HostNotification => {
    const [first] = feed.articles;
    if (feed.added === 1 && first) {
      return { title: cut(feed.title, TITLE_LIMIT), body: cut(clean(first.title) || 'New article', BODY_LIMIT), articleId: first.id, feedId: feed.feedId };
    }
    const noun = feed.added === 1 ? 'new article' : 'new articles';
    const titles = feed.articles.slice(0, TITLES_IN_BODY).map((article) => clean(article.title)).filter((title) => title !== '');
    return { title: cut(`${feed.added} ${noun} in ${feed.title}`, TITLE_LIMIT), body: cut(titles.join('\n'), BODY_LIMIT), feedId: feed.feedId };
  });
}

/**
 * Articles a rule asked to be told about: one notification each while they are few, then one summary, whatever
 * the feed's notification setting (the rule is the user's explicit request).
 */
export function ruleNotifications(
  articles: readonly { id: string; feedId: string; title: string }[],
  feedTitles: ReadonlyMap<string, string> | Readonly<Record<string, string>>,
  maxSingle = 3,
): HostNotification[] {
  if (articles.length === 0) return [];
  const titleOf = (feedId: string) => clean(lookup(feedTitles, feedId) ?? '') || 'Untitled feed';
  if (articles.length > maxSingle) {
    const lines = articles.slice(0, TITLES_IN_BODY).map((article) => clean(article.title));
    if (articles.length > TITLES_IN_BODY) lines.push(`and ${articles.length - TITLES_IN_BODY} more`);
    return [{ title: cut(`${articles.length} articles match your rules`, TITLE_LIMIT), body: cut(lines.join('\n'), BODY_LIMIT) }];
  }
  return articles.map((article) => ({
    title: cut(titleOf(article.feedId), TITLE_LIMIT),
    body: cut(clean(article.title) || 'New article', BODY_LIMIT),
    articleId: article.id,
    feedId: article.feedId,
  }));
}

function lookup(titles: ReadonlyMap<string, string> | Readonly<Record<string, string>>, feedId: string): string | undefined {
  if (titles instanceof Map) return titles.get(feedId);
  const record = titles as Readonly<Record<string, string>>;
  return Object.prototype.hasOwnProperty.call(record, feedId) ? record[feedId] : undefined;
}

/** Feed and article titles come from strangers: one line, no control characters. */
function clean(text: string): string {
  return text.replace(/[\u0000-\u001f\u007f\s]+/g, ' ').trim();
}

function cut(text: string, limit: number): string {
  return text.length <= limit ? text : `${text.slice(0, limit - 1)}…`;
}
