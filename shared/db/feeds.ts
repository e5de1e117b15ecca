/** Subscriptions: subscribe, unsubscribe, rename, move, change URL, per-feed options. */
import { err, ok, type Result } from '../result';
import { feedIdFor, normaliseFeedUrl } from './ids';
import { LOCAL_ACCOUNT_ID, type BroadsheetDb, type FeedOptions, type FeedRow } from './schema';
import { countUnreadRows } from './unread';
import { coded } from '../i18n/errors';
import type { DescribableError } from '../i18n/errors';

export interface SubscribeOptions {
  title?: string;
  folderId?: string | null;
  siteUrl?: string | null;
  /** Epoch ms; defaults to Date.now(). */
  now?: number;
}

/** A feed of "On this computer" (rows written before v5 have no accountId: they are local too). */
export function isLocalFeed(feed: Pick<FeedRow, 'accountId'>): boolean {
  return (feed.accountId ?? LOCAL_ACCOUNT_ID) === LOCAL_ACCOUNT_ID;
}

/** The local subscription to a normalised URL: an account may hold a feed of the same URL, and it does not count. */
export function localFeedByUrl(db: BroadsheetDb, normalisedUrl: string): Promise<FeedRow | undefined> {
  return db.feeds.where('url').equals(normalisedUrl).filter(isLocalFeed).first();
}

export function newFeedRow(id: string, url: string, options: SubscribeOptions, position: number, now: number): FeedRow {
  return {
    id,
    accountId: LOCAL_ACCOUNT_ID,
    url,
    folderId: options.folderId ?? null,
    title: options.title?.trim() || url,
    userTitled: 0,
    siteUrl: options.siteUrl ?? null,
    iconUrl: null,
    description: null,
    position,
    etag: null,
    lastModified: null,
    bodyHash: null,
    lastFetchedAt: null,
    lastSuccessAt: null,
    nextCheckAt: 0,
    intervalMinutes: null,
    retentionDays: null,
    ttlMinutes: null,
    lastError: null,
    errorCount: 0,
    gone: 0,
    unreadCount: 0,
    purgedBefore: 0,
    options: {},
    createdAt: now,
  };
}

export async function findFeedByUrl(db: BroadsheetDb, url: string): Promise<FeedRow | undefined> {
  const normal = normaliseFeedUrl(url);
  if (!normal.ok) return undefined;
  return (await localFeedByUrl(db, normal.value)) ?? (await db.feeds.get(feedIdFor(normal.value)));
}

/**
 * Subscribes to a feed URL (no fetch; the sync engine fetches it, it is due at once). Idempotent: the URL
 * of an existing feed, or the original URL of a feed that moved by redirect, returns that feed.
 */
export async function subscribe(
  db: BroadsheetDb,
  url: string,
  options: SubscribeOptions = {},
): Promise<Result<{ feed: FeedRow; created: boolean }, DescribableError>> {
  const normal = normaliseFeedUrl(url);
  if (!normal.ok) return err(normal.error);
  const now = options.now ?? Date.now();
  return db.transaction('rw', db.feeds, db.articles, db.folders, async () => {
    const existing = (await localFeedByUrl(db, normal.value)) ?? (await db.feeds.get(feedIdFor(normal.value)));
    if (existing) return ok({ feed: existing, created: false });
    if (options.folderId && !(await db.folders.get(options.folderId))) return err(coded('errors.library.noSuchFolder', `No such folder: ${options.folderId}`));
    const id = feedIdFor(normal.value);
    const position = await nextPosition(db, options.folderId ?? null);
    const feed = newFeedRow(id, normal.value, options, position, now);
    // A title given at subscribe time (typed, or from OPML where the user may have renamed it) is kept.
    if (options.title?.trim()) feed.userTitled = 1;
    // Bookmarks kept from an earlier subscription to the same URL come back under it.
    feed.unreadCount = await countUnreadRows(db, id);
    await db.feeds.add(feed);
    return ok({ feed, created: true });
  });
}

async function nextPosition(db: BroadsheetDb, folderId: string | null): Promise<number> {
  let max = -1;
  await db.feeds.each((f) => {
    if (f.folderId === folderId && isLocalFeed(f) && f.position > max) max = f.position;
  });
  return max + 1;
}

/**
 * Removes a feed with its articles, contents and images, except starred articles: they stay as bookmarks with
 * the feed's title and URL copied onto them, marked read (no feed is left to count them as unread).
 */
export async function unsubscribe(db: BroadsheetDb, feedId: string): Promise<{ deleted: number; kept: number }> {
  return db.transaction('rw', [db.feeds, db.articles, db.contents, db.images, db.enclosures], async () => {
    const feed = await db.feeds.get(feedId);
    if (!feed) return { deleted: 0, kept: 0 };
    const rows = await db.articles.where('[feedId+sortTime]').between([feedId, -Infinity], [feedId, Infinity], true, true).toArray();
    const doomed: string[] = [];
    const kept: string[] = [];
    for (const row of rows) (row.starred ? kept : doomed).push(row.id);
    await db.articles.bulkDelete(doomed);
    await db.contents.bulkDelete(doomed);
    if (doomed.length > 0) await db.images.where('articleId').anyOf(doomed).delete();
    if (doomed.length > 0) await db.enclosures.where('articleId').anyOf(doomed).delete();
    await db.articles.bulkUpdate(kept.map((key) => ({ key, changes: { feedTitle: feed.title, feedUrl: feed.url, read: 1 as const } })));
    await db.feeds.delete(feedId);
    return { deleted: doomed.length, kept: kept.length };
  });
}

export async function renameFeed(db: BroadsheetDb, feedId: string, title: string): Promise<void> {
  const trimmed = title.trim();
  await db.feeds.update(feedId, trimmed ? { title: trimmed, userTitled: 1 } : { userTitled: 0 });
}

/** Changes a feed's URL (its id stays, so its articles stay). Fails when another feed already has that URL. */
export async function setFeedUrl(db: BroadsheetDb, feedId: string, url: string): Promise<Result<string, DescribableError>> {
  const normal = normaliseFeedUrl(url);
  if (!normal.ok) return normal;
  return db.transaction('rw', db.feeds, async () => {
    const other = await localFeedByUrl(db, normal.value);
    if (other && other.id !== feedId) return err(coded('errors.library.alreadySubscribed', `Already subscribed to ${normal.value}`, { url: normal.value }));
    const changed = await db.feeds.update(feedId, { url: normal.value, gone: 0, errorCount: 0, lastError: null, nextCheckAt: 0, etag: null, lastModified: null, bodyHash: null });
    return changed ? ok(normal.value) : err(coded('errors.library.noSuchFeed', `No such feed: ${feedId}`));
  });
}

/** Moves a feed into a folder (null = top level) at a position (default: last), renumbering its siblings. */
export async function moveFeed(db: BroadsheetDb, feedId: string, folderId: string | null, position?: number): Promise<void> {
  await db.transaction('rw', db.feeds, db.folders, async () => {
    const feed = await db.feeds.get(feedId);
    if (!feed) return;
    if (folderId !== null && !(await db.folders.get(folderId))) throw new Error(`No such folder: ${folderId}`);
    const all = await db.feeds.toArray();
    const siblings = all.filter((f) => f.folderId === folderId && f.id !== feedId).sort((a, b) => a.position - b.position);
    const at = Math.max(0, Math.min(position ?? siblings.length, siblings.length));
    siblings.splice(at, 0, { ...feed, folderId });
    await db.feeds.bulkUpdate(siblings.map((f, i) => ({ key: f.id, changes: { position: i, folderId } })));
  });
}

export interface FeedSettingsPatch {
  intervalMinutes?: number | null;
  retentionDays?: number | null;
  options?: FeedOptions;
}

export async function setFeedSettings(db: BroadsheetDb, feedId: string, patch: FeedSettingsPatch): Promise<void> {
  await db.transaction('rw', db.feeds, async () => {
    const feed = await db.feeds.get(feedId);
    if (!feed) return;
    await db.feeds.update(feedId, {
      ...(patch.intervalMinutes !== undefined ? { intervalMinutes: patch.intervalMinutes } : {}),
      ...(patch.retentionDays !== undefined ? { retentionDays: patch.retentionDays } : {}),
      ...(patch.options ? { options: { ...feed.options, ...patch.options } } : {}),
    });
  });
}

/** The sidebar's order: top-level first, then by folder, then by position; rows alike in both keep their id order (the table's). */
export function sidebarOrder(a: FeedRow, b: FeedRow): number {
  return (a.folderId ?? '').localeCompare(b.folderId ?? '') || a.position - b.position || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

/** Feeds of the sidebar in order: top-level first, then by folder. */
export async function listFeeds(db: BroadsheetDb): Promise<FeedRow[]> {
  const feeds = await db.feeds.toArray();
  return feeds.sort(sidebarOrder);
}
