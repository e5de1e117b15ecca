import { describe, expect, it } from 'vitest';
import { createFolder, deleteFolder, renameFolder } from '../../../../shared/db/folders';
import { moveFeed, renameFeed, setFeedUrl, subscribe, unsubscribe } from '../../../../shared/db/feeds';
import { getArticle, getContent, listArticles, type ListCursor } from '../../../../shared/db/queries';
import { markAllRead, markRead, markUnread, setStarred, toggleRead, toggleStar } from '../../../../shared/db/read-state';
import type { BroadsheetDb } from '../../../../shared/db/schema';
import { defaultSettings, getSetting, getSettings, setSettings } from '../../../../shared/db/settings';
import { describeError } from '../../../../shared/i18n/errors';
import { bundledCatalogues } from '../../../../shared/i18n/catalogues';
import { loadTranslator } from '../../../../shared/i18n/translator';
import { unreadCounts } from '../../../../shared/db/unread';
import { mergeParsedFeed } from '../../../../shared/sync/merge';
import { DAY, expectUnreadCountsTrue, freshDb, HOUR, item, items, parsedFeed, T0 } from './test-db';

async function feedWith(db: BroadsheetDb, url: string, n: number, folderId: string | null = null, from = 0): Promise<{ feedId: string; ids: string[] }> {
  const sub = await subscribe(db, url, { folderId, now: T0 });
  if (!sub.ok) throw new Error(sub.error.message);
  const merged = await mergeParsedFeed(db, sub.value.feed.id, parsedFeed(items(n, from)), T0, () => ({}));
  return { feedId: sub.value.feed.id, ids: merged!.added };
}

describe('subscriptions', () => {
  it('subscribes once per URL, whatever its spelling', async () => {
    const db = freshDb();
    const a = await subscribe(db, 'https://Example.com/feed#x', { now: T0 });
    const b = await subscribe(db, 'https://example.com/feed', { now: T0 });
    expect(a.ok && a.value.created).toBe(true);
    expect(b.ok && !b.value.created && b.value.feed.id === (a.ok ? a.value.feed.id : '')).toBe(true);
    expect(await db.feeds.count()).toBe(1);
    expect((await subscribe(db, 'ftp://example.com/x')).ok).toBe(false);
  });

  it('keeps starred articles as bookmarks when unsubscribing, and deletes the rest with their contents', async () => {
    const db = freshDb();
    const { feedId, ids } = await feedWith(db, 'https://example.com/feed', 4);
    await setStarred(db, [ids[1]!], true, T0);
    const result = await unsubscribe(db, feedId);
    expect(result).toEqual({ deleted: 3, kept: 1 });
    expect(await db.feeds.get(feedId)).toBeUndefined();
    expect(await db.articles.count()).toBe(1);
    expect(await db.contents.count()).toBe(1);
    expect(await getArticle(db, ids[1]!)).toMatchObject({ starred: 1, feedTitle: 'Example feed', feedUrl: 'https://example.com/feed' });
    expect((await listArticles(db, { kind: 'starred' })).articles.map((a) => a.id)).toEqual([ids[1]]);
    await expectUnreadCountsTrue(db);
  });

  it('renames a feed and then keeps that title', async () => {
    const db = freshDb();
    const { feedId } = await feedWith(db, 'https://example.com/feed', 1);
    await renameFeed(db, feedId, 'My name');
    await mergeParsedFeed(db, feedId, parsedFeed(items(1), { title: 'Server name' }), T0, () => ({}));
    expect(await db.feeds.get(feedId)).toMatchObject({ title: 'My name', userTitled: 1 });
  });

  it('changes a feed URL but refuses one another feed already has', async () => {
    const db = freshDb();
    const { feedId } = await feedWith(db, 'https://example.com/a', 1);
    await feedWith(db, 'https://example.com/b', 1);
    expect(await setFeedUrl(db, feedId, 'https://example.com/c')).toEqual({ ok: true, value: 'https://example.com/c' });
    expect((await setFeedUrl(db, feedId, 'https://example.com/b')).ok).toBe(false);
    expect((await db.feeds.get(feedId))?.url).toBe('https://example.com/c');
  });
});

describe('folders', () => {
  it('moves feeds into folders in order and back to the top level when the folder is deleted', async () => {
    const db = freshDb();
    const folder = await createFolder(db, 'News');
    await renameFolder(db, folder.id, 'World news');
    const a = await feedWith(db, 'https://a.example/feed', 1);
    const b = await feedWith(db, 'https://b.example/feed', 1);
    await moveFeed(db, a.feedId, folder.id);
    await moveFeed(db, b.feedId, folder.id, 0);
    const inFolder = (await db.feeds.where('folderId').equals(folder.id).sortBy('position')).map((f) => f.id);
    expect(inFolder).toEqual([b.feedId, a.feedId]);
    expect((await db.folders.get(folder.id))?.title).toBe('World news');
    await deleteFolder(db, folder.id);
    expect(await db.folders.count()).toBe(0);
    expect((await db.feeds.toArray()).every((f) => f.folderId === null)).toBe(true);
  });
});

describe('read state and counters', () => {
  it('keeps unread counts equal to the real unread rows after every operation', async () => {
    const db = freshDb();
    const folder = await createFolder(db, 'F');
    const a = await feedWith(db, 'https://a.example/feed', 10, folder.id);
    const b = await feedWith(db, 'https://b.example/feed', 10, folder.id);
    const c = await feedWith(db, 'https://c.example/feed', 10);
    await expectUnreadCountsTrue(db);
    expect(await markRead(db, [a.ids[0]!, a.ids[1]!, b.ids[0]!, 'missing'])).toBe(3);
    await expectUnreadCountsTrue(db);
    expect(await markRead(db, [a.ids[0]!])).toBe(0);
    expect(await markUnread(db, [a.ids[0]!])).toBe(1);
    await expectUnreadCountsTrue(db);
    expect(await markAllRead(db, { feedId: c.feedId })).toBe(10);
    await expectUnreadCountsTrue(db);
    // Items are an hour apart from T0 backwards: "older than" T0 - 5h leaves items 0..5 unread.
    expect(await markAllRead(db, { olderThan: T0 - 5 * HOUR, scope: { folderId: folder.id } })).toBe(8);
    await expectUnreadCountsTrue(db);
    const counts = await unreadCounts(db);
    expect(counts.byFolder[folder.id]).toBe(counts.byFeed[a.feedId]! + counts.byFeed[b.feedId]!);
    expect(counts.total).toBe(counts.byFeed[a.feedId]! + counts.byFeed[b.feedId]! + counts.byFeed[c.feedId]!);
    expect(await markAllRead(db, { all: true })).toBe(counts.total);
    expect((await unreadCounts(db)).total).toBe(0);
    await expectUnreadCountsTrue(db);
  });

  it('toggles read and back in one go, its feed count following; an article that is gone changes nothing', async () => {
    const db = freshDb();
    const { feedId, ids } = await feedWith(db, 'https://a.example/feed', 3);
    expect(await toggleRead(db, ids[0]!)).toBe(1);
    expect(await getArticle(db, ids[0]!)).toMatchObject({ read: 1 });
    expect((await unreadCounts(db)).byFeed[feedId]).toBe(2);
    expect(await toggleRead(db, ids[0]!)).toBe(0);
    expect((await unreadCounts(db)).byFeed[feedId]).toBe(3);
    expect(await toggleRead(db, 'no-such-article')).toBeNull();
    await expectUnreadCountsTrue(db);
  });

  it('stars and unstars, recording when', async () => {
    const db = freshDb();
    const { ids } = await feedWith(db, 'https://a.example/feed', 2);
    expect(await toggleStar(db, ids[0]!, T0 + 7)).toBe(true);
    expect(await getArticle(db, ids[0]!)).toMatchObject({ starred: 1, starredAt: T0 + 7 });
    expect(await toggleStar(db, ids[0]!, T0 + 8)).toBe(false);
    expect(await getArticle(db, ids[0]!)).toMatchObject({ starred: 0, starredAt: 0 });
  });
});

describe('listArticles', () => {
  it('lists a feed newest first and pages through it by cursor and by offset without gaps', async () => {
    const db = freshDb();
    const { feedId, ids } = await feedWith(db, 'https://a.example/feed', 25);
    const seen: string[] = [];
    let cursor: ListCursor | null | undefined;
    do {
      const page = await listArticles(db, { kind: 'feed', feedId }, { limit: 10, ...(cursor ? { cursor } : {}) });
      seen.push(...page.articles.map((a) => a.id));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toEqual(ids);
    const second = await listArticles(db, { kind: 'feed', feedId }, { limit: 10, offset: 10 });
    expect(second.articles.map((a) => a.id)).toEqual(ids.slice(10, 20));
    const oldest = await listArticles(db, { kind: 'feed', feedId }, { limit: 3, order: 'oldest' });
    expect(oldest.articles.map((a) => a.id)).toEqual(ids.slice(-3).reverse());
  });

  it('pages correctly across articles that share one sortTime', async () => {
    const db = freshDb();
    const sub = await subscribe(db, 'https://a.example/feed', { now: T0 });
    const feedId = sub.ok ? sub.value.feed.id : '';
    await mergeParsedFeed(db, feedId, parsedFeed(items(7).map((i) => ({ ...i, published: T0 }))), T0, () => ({}));
    const seen: string[] = [];
    let cursor: ListCursor | null = null;
    do {
      const page: Awaited<ReturnType<typeof listArticles>> = await listArticles(db, { kind: 'all' }, { limit: 3, ...(cursor ? { cursor } : {}) });
      seen.push(...page.articles.map((a) => a.id));
      cursor = page.nextCursor;
    } while (cursor);
    expect(new Set(seen).size).toBe(7);
    expect(seen).toHaveLength(7);
  });

  it('reads a page between two fixed positions (until), ties on one sortTime included', async () => {
    const db = freshDb();
    const sub = await subscribe(db, 'https://a.example/feed', { now: T0 });
    const feedId = sub.ok ? sub.value.feed.id : '';
    // Seven articles on one time, then five older ones.
    await mergeParsedFeed(db, feedId, parsedFeed([...items(7).map((i) => ({ ...i, published: T0 })), ...items(5, 7)]), T0, () => ({}));
    for (const order of ['newest', 'oldest'] as const) {
      const whole = (await listArticles(db, { kind: 'all' }, { limit: 100, order })).articles.map((a) => a.id);
      expect(whole).toHaveLength(12);
      // Ends inside the run of equal times, on both sides.
      const from = { key: (await getArticle(db, whole[2]!))!.sortTime, id: whole[2]! };
      const to = { key: (await getArticle(db, whole[8]!))!.sortTime, id: whole[8]! };
      const between = await listArticles(db, { kind: 'all' }, { order, cursor: from, until: to });
      expect(between.articles.map((a) => a.id)).toEqual(whole.slice(3, 9));
      expect(between.nextCursor).toBeNull();
      const head = await listArticles(db, { kind: 'all' }, { order, until: from });
      expect(head.articles.map((a) => a.id)).toEqual(whole.slice(0, 3));
      // A limited page starting inside the run reads past the rows it drops.
      const next = await listArticles(db, { kind: 'all' }, { order, cursor: from, limit: 4 });
      expect(next.articles.map((a) => a.id)).toEqual(whole.slice(3, 7));
    }
  });

  it('merges the feeds of a folder, honours unreadOnly, and serves unread, starred and today views', async () => {
    const db = freshDb();
    const folder = await createFolder(db, 'F');
    const a = await feedWith(db, 'https://a.example/feed', 5, folder.id);
    const b = await feedWith(db, 'https://b.example/feed', 5, folder.id, 100);
    await feedWith(db, 'https://c.example/feed', 5, null, 200);
    const sub = await subscribe(db, 'https://b.example/feed');
    expect(sub.ok).toBe(true);
    await mergeParsedFeed(db, b.feedId, parsedFeed([item(0, { guid: 'b-new', published: T0 - 30 * 60_000 })]), T0, () => ({}));
    const folderPage = await listArticles(db, { kind: 'folder', folderId: folder.id }, { limit: 4 });
    const times = folderPage.articles.map((x) => x.sortTime);
    expect(times).toEqual([...times].sort((p, q) => q - p));
    expect(folderPage.articles.map((x) => x.title)).toEqual(['Post 0', 'Post 0', 'Post 1', 'Post 2']);
    expect(folderPage.articles.every((x) => x.feedId === a.feedId || x.feedId === b.feedId)).toBe(true);
    const folderAll = await listArticles(db, { kind: 'folder', folderId: folder.id }, { limit: 100 });
    expect(folderAll.articles).toHaveLength(11);

    await markRead(db, a.ids);
    const unreadFolder = await listArticles(db, { kind: 'folder', folderId: folder.id }, { limit: 100, unreadOnly: true });
    expect(unreadFolder.articles.every((x) => x.feedId === b.feedId && x.read === 0)).toBe(true);
    expect((await listArticles(db, { kind: 'unread' }, { limit: 100 })).articles).toHaveLength(11);

    await setStarred(db, [a.ids[3]!], true, T0 + 1);
    await setStarred(db, [b.ids[4]!], true, T0 + 2);
    expect((await listArticles(db, { kind: 'starred' })).articles.map((x) => x.id)).toEqual([b.ids[4], a.ids[3]]);
    expect((await listArticles(db, { kind: 'starred' }, { unreadOnly: true })).articles.map((x) => x.id)).toEqual([b.ids[4]]);

    const today = await listArticles(db, { kind: 'today', now: T0 + DAY }, { limit: 100 });
    expect(today.articles).toEqual([]);
    const todayNow = await listArticles(db, { kind: 'today', now: T0 }, { limit: 100 });
    const start = new Date(T0);
    start.setHours(0, 0, 0, 0);
    expect(todayNow.articles.length).toBeGreaterThan(0);
    expect(todayNow.articles.every((x) => x.sortTime >= start.getTime())).toBe(true);
  });

  it('loads the heavy content separately from the slim row', async () => {
    const db = freshDb();
    const { ids } = await feedWith(db, 'https://a.example/feed', 1);
    const article = await getArticle(db, ids[0]!);
    expect(article).not.toHaveProperty('html');
    expect(await getContent(db, ids[0]!)).toMatchObject({ html: '<p>Body of post 0</p>', enclosures: [], categories: [] });
  });
});

describe('settings', () => {
  it('returns defaults, stores valid values and rejects invalid ones', async () => {
    const db = freshDb();
    expect(await getSettings(db)).toEqual(defaultSettings);
    expect(await setSettings(db, { syncIntervalMinutes: 60, theme: 'dark' })).toEqual([]);
    expect(await getSetting(db, 'syncIntervalMinutes')).toBe(60);
    // A refusal says why in catalogue words (worded in the reader's language where it is shown), never valibot's English.
    expect(await setSettings(db, { syncIntervalMinutes: 5 })).toEqual([expect.objectContaining({ key: 'syncIntervalMinutes', code: 'errors.settings.atLeast', values: { min: 15 } })]);
    expect(await setSettings(db, { readerFontSize: 60 })).toEqual([expect.objectContaining({ code: 'errors.settings.atMost', values: { max: 48 } })]);
    expect(await setSettings(db, { savedSearches: [{ id: 's', title: 'x'.repeat(201), query: 'q' }] })).toEqual([expect.objectContaining({ code: 'errors.settings.tooLong', values: { max: 200 } })]);
    expect(await setSettings(db, { theme: 'plaid' as never })).toEqual([expect.objectContaining({ code: 'errors.settings.invalid' })]);
    const { t } = await loadTranslator('de', bundledCatalogues);
    expect((await setSettings(db, { markReadDelaySeconds: 601 })).map((error) => describeError(error, t))).toEqual(['Geben Sie 600 oder weniger ein.']);
    expect(await setSettings(db, { syncIntervalMinutes: 0 })).toEqual([]);
    expect((await getSettings(db)).theme).toBe('dark');
    await db.settings.put({ key: 'readerFontSize', value: 'huge' });
    expect(await getSetting(db, 'readerFontSize')).toBe(defaultSettings.readerFontSize);
  });
});
