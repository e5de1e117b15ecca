import { describe, expect, it } from 'vitest';
import { setFeedSettings, subscribe } from '../../../../shared/db/feeds';
import { markRead, setStarred } from '../../../../shared/db/read-state';
import { applyRetention } from '../../../../shared/db/retention';
import { setSettings } from '../../../../shared/db/settings';
import { mergeParsedFeed } from '../../../../shared/sync/merge';
import { DAY, expectUnreadCountsTrue, freshDb, item, parsedFeed, T0 } from './test-db';

/** 100 items, one a day back from T0 (item n is n days old). */
const daily = () => Array.from({ length: 100 }, (_, n) => item(n, { published: T0 - n * DAY }));

async function setup() {
  const db = freshDb();
  const sub = await subscribe(db, 'https://example.com/feed', { now: T0 });
  if (!sub.ok) throw new Error(sub.error.message);
  const feedId = sub.value.feed.id;
  const merged = await mergeParsedFeed(db, feedId, parsedFeed(daily()), T0, () => ({}));
  return { db, feedId, ids: merged!.added };
}

describe('applyRetention', () => {
  it('keeps everything by default', async () => {
    const { db } = await setup();
    expect(await applyRetention(db, T0)).toEqual({ deleted: 0 });
    expect(await db.articles.count()).toBe(100);
  });

  it('deletes old read articles but keeps the newest 50, starred ones and recent unread ones', async () => {
    const { db, feedId, ids } = await setup();
    await setSettings(db, { retentionDays: 10 });
    await markRead(db, ids.filter((_, n) => n !== 55 && n !== 70));
    await setStarred(db, [ids[90]!], true, T0);
    const result = await applyRetention(db, T0);
    const left = new Set((await db.articles.toArray()).map((a) => a.id));
    // Newest 50 (0..49) kept although 10..49 are older than 10 days.
    for (let n = 0; n < 50; n++) expect(left.has(ids[n]!)).toBe(true);
    // Unread and younger than 2×10 days: none past index 50 qualifies (55 and 70 are older than 20 days).
    expect(left.has(ids[55]!)).toBe(false);
    expect(left.has(ids[90]!)).toBe(true);
    expect(result.deleted).toBe(49);
    expect(await db.contents.count()).toBe(51);
    await expectUnreadCountsTrue(db);
    expect((await db.feeds.get(feedId))?.purgedBefore).toBe(T0 - 50 * DAY);
  });

  it('keeps unread articles younger than twice the window', async () => {
    const { db, feedId, ids } = await setup();
    await setFeedSettings(db, feedId, { retentionDays: 30 });
    await markRead(db, ids.filter((_, n) => n !== 55));
    await applyRetention(db, T0);
    expect(await db.articles.get(ids[55]!)).toBeDefined();
    expect(await db.articles.get(ids[65]!)).toBeUndefined();
    await expectUnreadCountsTrue(db);
  });

  it('lets a per-feed setting override the global one', async () => {
    const { db, feedId } = await setup();
    await setSettings(db, { retentionDays: 10 });
    await setFeedSettings(db, feedId, { retentionDays: 365 });
    expect((await applyRetention(db, T0)).deleted).toBe(0);
  });

  it('does not bring deleted articles back as new when the feed still lists them', async () => {
    const { db, feedId } = await setup();
    await setSettings(db, { retentionDays: 10 });
    await db.articles.toCollection().modify({ read: 1 });
    await db.feeds.update(feedId, { unreadCount: 0 });
    await applyRetention(db, T0);
    const again = await mergeParsedFeed(db, feedId, parsedFeed([item(-1, { published: T0 + DAY }), ...daily()]), T0 + DAY, () => ({}));
    expect(again?.added).toHaveLength(1);
    expect(await db.articles.count()).toBe(51);
    await expectUnreadCountsTrue(db);
  });
});
