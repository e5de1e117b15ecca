import { describe, expect, it } from 'vitest';
import { markRead, setStarred } from '../../../../shared/db/read-state';
import { subscribe, unsubscribe } from '../../../../shared/db/feeds';
import type { BroadsheetDb } from '../../../../shared/db/schema';
import { mergeParsedFeed } from '../../../../shared/sync/merge';
import { expectUnreadCountsTrue, freshDb, item, items, parsedFeed, T0 } from '../db/test-db';

async function setup(): Promise<{ db: BroadsheetDb; feedId: string }> {
  const db = freshDb();
  const sub = await subscribe(db, 'https://example.com/feed.xml', { now: T0 });
  if (!sub.ok) throw new Error(sub.error.message);
  return { db, feedId: sub.value.feed.id };
}

describe('mergeParsedFeed', () => {
  it('adds new articles with slim rows and content rows, and counts them unread', async () => {
    const { db, feedId } = await setup();
    const result = await mergeParsedFeed(db, feedId, parsedFeed(items(3)), T0, () => ({}));
    expect(result?.added).toHaveLength(3);
    const row = await db.articles.get(result!.added[0]!);
    expect(row).toMatchObject({ title: 'Post 0', summary: 'Summary of post 0', read: 0, starred: 0, sortTime: T0 });
    expect((await db.contents.get(row!.id))?.html).toBe('<p>Body of post 0</p>');
    expect((await db.feeds.get(feedId))?.unreadCount).toBe(3);
    expect((await db.feeds.get(feedId))?.title).toBe('Example feed');
    await expectUnreadCountsTrue(db);
  });

  it('stores the same article fetched twice as one row', async () => {
    const { db, feedId } = await setup();
    await mergeParsedFeed(db, feedId, parsedFeed(items(5)), T0, () => ({}));
    const again = await mergeParsedFeed(db, feedId, parsedFeed(items(5)), T0 + 1000, () => ({}));
    expect(again?.added).toEqual([]);
    expect(again?.updated).toBe(0);
    expect(await db.articles.count()).toBe(5);
    await expectUnreadCountsTrue(db);
  });

  it('keeps read state when an article is updated with a new title and content', async () => {
    const { db, feedId } = await setup();
    const first = await mergeParsedFeed(db, feedId, parsedFeed([item(1)]), T0, () => ({}));
    const id = first!.added[0]!;
    await markRead(db, [id]);
    const second = await mergeParsedFeed(db, feedId, parsedFeed([item(1, { title: 'Post 1 (corrected)', content: '<p>New body</p>' })]), T0 + 5000, () => ({}));
    expect(second).toMatchObject({ added: [], updated: 1 });
    expect(await db.articles.get(id)).toMatchObject({ title: 'Post 1 (corrected)', read: 1, fetchedAt: T0 });
    expect((await db.contents.get(id))?.html).toBe('<p>New body</p>');
    expect((await db.feeds.get(feedId))?.unreadCount).toBe(0);
    await expectUnreadCountsTrue(db);
  });

  it('keeps the star when an article is updated', async () => {
    const { db, feedId } = await setup();
    const first = await mergeParsedFeed(db, feedId, parsedFeed([item(1)]), T0, () => ({}));
    const id = first!.added[0]!;
    await setStarred(db, [id], true, T0 + 1);
    await mergeParsedFeed(db, feedId, parsedFeed([item(1, { summary: 'changed' })]), T0 + 2, () => ({}));
    expect(await db.articles.get(id)).toMatchObject({ starred: 1, starredAt: T0 + 1, summary: 'changed' });
  });

  it('keeps a bookmark made before unsubscribing when the same feed is subscribed and synced again', async () => {
    const { db, feedId } = await setup();
    const first = await mergeParsedFeed(db, feedId, parsedFeed(items(3)), T0, () => ({}));
    const bookmarked = first!.added[1]!;
    await setStarred(db, [bookmarked], true, T0 + 1);
    await unsubscribe(db, feedId);
    const again = await subscribe(db, 'https://example.com/feed.xml', { now: T0 + 2 });
    expect(again.ok && again.value.feed.id).toBe(feedId);
    const second = await mergeParsedFeed(db, feedId, parsedFeed(items(3)), T0 + 3, () => ({}));
    expect(second?.added).toHaveLength(2);
    expect(second?.added).not.toContain(bookmarked);
    expect(await db.articles.get(bookmarked)).toMatchObject({ starred: 1, starredAt: T0 + 1, read: 1 });
    await expectUnreadCountsTrue(db);
  });

  it('keeps articles the feed no longer lists', async () => {
    const { db, feedId } = await setup();
    await mergeParsedFeed(db, feedId, parsedFeed(items(5)), T0, () => ({}));
    await mergeParsedFeed(db, feedId, parsedFeed(items(3, 10)), T0 + 1, () => ({}));
    expect(await db.articles.count()).toBe(8);
    await expectUnreadCountsTrue(db);
  });

  it('keeps every item that shares a guid inside one document', async () => {
    const { db, feedId } = await setup();
    const dupes = [item(1, { guid: 'same' }), item(2, { guid: 'same' }), item(3, { guid: 'same' })];
    const result = await mergeParsedFeed(db, feedId, parsedFeed(dupes), T0, () => ({}));
    expect(result?.added).toHaveLength(3);
    const again = await mergeParsedFeed(db, feedId, parsedFeed(dupes), T0 + 1, () => ({}));
    expect(again?.added).toHaveLength(0);
    expect((await db.articles.toArray()).map((a) => a.title).sort()).toEqual(['Post 1', 'Post 2', 'Post 3']);
  });

  it('orders undated items in document order', async () => {
    const { db, feedId } = await setup();
    const undated = [item(1, { published: undefined }), item(2, { published: undefined })];
    const result = await mergeParsedFeed(db, feedId, parsedFeed(undated), T0, () => ({}));
    const [a, b] = await db.articles.bulkGet(result!.added);
    expect(a!.sortTime).toBeGreaterThan(b!.sortTime);
  });

  it('does not overwrite a title the user gave the feed', async () => {
    const { db, feedId } = await setup();
    await db.feeds.update(feedId, { title: 'Mine', userTitled: 1 });
    await mergeParsedFeed(db, feedId, parsedFeed(items(1)), T0, () => ({}));
    expect((await db.feeds.get(feedId))?.title).toBe('Mine');
  });

  it('writes nothing for a feed unsubscribed while its fetch was in flight', async () => {
    const { db, feedId } = await setup();
    await db.feeds.delete(feedId);
    expect(await mergeParsedFeed(db, feedId, parsedFeed(items(2)), T0, () => ({}))).toBeNull();
    expect(await db.articles.count()).toBe(0);
  });

  it('merges a 10,000-item feed in one go', async () => {
    const { db, feedId } = await setup();
    const big = parsedFeed(items(10_000));
    const started = performance.now();
    const result = await mergeParsedFeed(db, feedId, big, T0, () => ({}));
    const ms = performance.now() - started;
    console.log(`merged 10,000 items in ${ms.toFixed(0)} ms (fake-indexeddb)`);
    expect(result?.added).toHaveLength(10_000);
    expect(await db.articles.count()).toBe(10_000);
    expect((await db.feeds.get(feedId))?.unreadCount).toBe(10_000);
  });
});
