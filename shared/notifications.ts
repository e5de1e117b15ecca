/**
 * Decides which OS notifications a sync deserves: one per feed while few feeds got news ("3 new articles in
 * Daring Fireball"), the article itself when a feed got exactly one, and a single summary when many feeds did, so a
 * morning sync of 80 feeds is one notification, not 80. They are decided where the sync runs (the worker) as
 * drafts naming messages; the window words them in its language (wordNotification) and passes them to host.notify.
 */
import type { HostNotification } from './host';
import type { Translate } from './i18n/translator';

/** A piece of notification text: a message with its values (which may be messages too), or text from a feed. */
export type NotificationText =
  | { text: string }
  | { key: NotificationKey; count?: number; values?: Record<string, string | number | NotificationText> };

type NotificationKey =
  | 'notifications.untitledFeed'
  | 'notifications.newArticle'
  | 'notifications.newArticlesInFeed'
  | 'notifications.summaryFeeds'
  | 'notifications.summary'
  | 'notifications.summaryLine'
  | 'notifications.moreFeeds'
  | 'notifications.ruleMatches'
  | 'notifications.more';

export interface NotificationDraft {
  title: NotificationText;
  /** One line each. */
  body: NotificationText[];
  articleId?: string;
  feedId?: string;
}

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
): NotificationDraft[] {
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
  const feeds = [...byFeed.entries()]
    .map(([feedId, entry]) => ({ feedId, title: clean(lookup(feedTitles, feedId) ?? ''), ...entry }))
    .sort((a, b) => b.added - a.added || a.title.localeCompare(b.title));
  if (feeds.length === 0) return [];
  const feedName = (title: string): NotificationText => (title ? { text: title } : { key: 'notifications.untitledFeed' });

  const limit = Math.max(1, settings.maxPerFeedNotifications ?? 3);
  if (feeds.length > limit) {
    const total = feeds.reduce((sum, feed) => sum + feed.added, 0);
    const lines: NotificationText[] = feeds
      .slice(0, FEEDS_IN_SUMMARY)
      .map((feed) => ({ key: 'notifications.summaryLine', count: feed.added, values: { feed: feedName(feed.title) } }));
    if (feeds.length > FEEDS_IN_SUMMARY) lines.push({ key: 'notifications.moreFeeds', count: feeds.length - FEEDS_IN_SUMMARY });
    return [{ title: { key: 'notifications.summary', count: total, values: { feeds: { key: 'notifications.summaryFeeds', count: feeds.length } } }, body: lines }];
  }

  return feeds.map((feed): NotificationDraft => {
    const [first] = feed.articles;
    if (feed.added === 1 && first) {
      return { title: feedName(feed.title), body: [articleTitle(first.title)], articleId: first.id, feedId: feed.feedId };
    }
    const titles = feed.articles.slice(0, TITLES_IN_BODY).map((article) => clean(article.title)).filter((title) => title !== '');
    return {
      title: { key: 'notifications.newArticlesInFeed', count: feed.added, values: { feed: feedName(feed.title) } },
      body: titles.map((text) => ({ text })),
      feedId: feed.feedId,
    };
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
): NotificationDraft[] {
  if (articles.length === 0) return [];
  if (articles.length > maxSingle) {
    const lines: NotificationText[] = articles.slice(0, TITLES_IN_BODY).map((article) => ({ text: clean(article.title) }));
    if (articles.length > TITLES_IN_BODY) lines.push({ key: 'notifications.more', count: articles.length - TITLES_IN_BODY });
    return [{ title: { key: 'notifications.ruleMatches', count: articles.length }, body: lines }];
  }
  return articles.map((article) => {
    const feedTitle = clean(lookup(feedTitles, article.feedId) ?? '');
    return {
      title: feedTitle ? { text: feedTitle } : { key: 'notifications.untitledFeed' },
      body: [articleTitle(article.title)],
      articleId: article.id,
      feedId: article.feedId,
    };
  });
}

function articleTitle(title: string): NotificationText {
  const cleaned = clean(title);
  return cleaned ? { text: cleaned } : { key: 'notifications.newArticle' };
}

/** A draft in words, within the lengths OS notification centres show. */
export function wordNotification(draft: NotificationDraft, t: Translate): HostNotification {
  return {
    title: cut(word(draft.title, t), TITLE_LIMIT),
    body: cut(draft.body.map((line) => word(line, t)).join('\n'), BODY_LIMIT),
    ...(draft.articleId !== undefined ? { articleId: draft.articleId } : {}),
    ...(draft.feedId !== undefined ? { feedId: draft.feedId } : {}),
  };
}

function word(text: NotificationText, t: Translate): string {
  if ('text' in text) return text.text;
  const values: Record<string, string | number> = {};
  for (const [name, value] of Object.entries(text.values ?? {})) values[name] = typeof value === 'object' ? word(value, t) : value;
  return t(text.key, { ...values, ...(text.count !== undefined ? { count: text.count } : {}) });
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
