import { describe, expect, it } from 'vitest';
import { markRead, setStarred } from '../../../../shared/db/read-state';
import { subscribe, unsubscribe } from '../../../../shared/db/feeds';
import type { BroadsheetDb } from '../../../../shared/db/schema';
import { mergeParsedFeed } from '../../../../shared/sync/merge';
import { fnv1a64 } from '../../../../shared/db/ids';
import type { ParsedItem } from '../../../../shared/feeds/types';
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

  it('sees nothing changed in a library whose hashes an older version wrote (FNV-1a of the fields joined), and a real change still', async () => {
    const { db, feedId } = await setup();
    const fetched: ParsedItem[] = [
      item(1),
      item(2, { title: 'Café 東京 😀 \ud83d', content: '<p>Naïve — ünïcödé</p>', author: 'Zoë', imageUrl: 'https://example.com/i.png', updated: T0 }),
      item(3, { summary: undefined, content: '', title: '' }),
      item(4, { content: undefined }),
    ];
    const first = await mergeParsedFeed(db, feedId, parsedFeed(fetched), T0, () => ({}));
    // The rows as the previous version stored them: its hash was FNV-1a 64 of these fields joined by U+0000.
    const legacy = (it: ParsedItem) => fnv1a64([it.title ?? '', it.url ?? '', it.author ?? '', it.summary ?? '', it.content ?? '', it.imageUrl ?? '', String(it.published ?? ''), String(it.updated ?? '')].join('\u0000'));
    await db.transaction('rw', db.articles, async () => {
      for (const [i, id] of first!.added.entries()) await db.articles.update(id, { contentHash: legacy(fetched[i]!) });
    });
    await markRead(db, [first!.added[1]!]);
    const before = await db.articles.bulkGet(first!.added);
    expect(before.every((row) => /^[0-9a-f]{16}$/.test(row!.contentHash))).toBe(true);

    const again = await mergeParsedFeed(db, feedId, parsedFeed(fetched.map((it) => ({ ...it }))), T0 + 1000, () => ({}));
    expect(again).toMatchObject({ added: [], updated: 0 });
    expect(await db.articles.bulkGet(first!.added)).toEqual(before);

    const changed = fetched.map((it, i) => (i === 1 ? { ...it, content: '<p>Naïve — corrected</p>' } : { ...it }));
    const third = await mergeParsedFeed(db, feedId, parsedFeed(changed), T0 + 2000, () => ({}));
    expect(third).toMatchObject({ added: [], updated: 1 });
    const after = await db.articles.bulkGet(first!.added);
    expect(after[1]).toMatchObject({ read: 1, contentHash: expect.stringMatching(/^w[0-9a-f]{16}$/) });
    expect([after[0], after[2], after[3]]).toEqual([before[0], before[2], before[3]]);
    expect((await db.contents.get(first!.added[1]!))?.html).toBe('<p>Naïve — corrected</p>');

    // Once rewritten in the new form, the same text again is unchanged too.
    expect(await mergeParsedFeed(db, feedId, parsedFeed(changed), T0 + 3000, () => ({}))).toMatchObject({ added: [], updated: 0 });
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
