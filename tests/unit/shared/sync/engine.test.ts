import { describe, expect, it } from 'vitest';
import Dexie from 'dexie';
import { setFeedUrl, subscribe } from '../../../../shared/db/feeds';
import { markRead } from '../../../../shared/db/read-state';
import type { BroadsheetDb } from '../../../../shared/db/schema';
import { setSettings } from '../../../../shared/db/settings';
import { createSyncEngine, type SyncEngineOptions, type SyncProgress } from '../../../../shared/sync/engine';
import { BACKOFF_CAP_MS } from '../../../../shared/sync/schedule';
import { DAY, expectUnreadCountsTrue, freshDb, HOUR, item, items, MIN, parsedFeed, T0 } from '../db/test-db';
import { clock, fakeDiscover, FakeHost, hostError, movedTo } from './fake-host';

async function sub(db: BroadsheetDb, url: string): Promise<string> {
  const r = await subscribe(db, url, { now: T0 });
  if (!r.ok) throw new Error(r.error.message);
  return r.value.feed.id;
}

function setup(extra: Partial<SyncEngineOptions> = {}) {
  const db = freshDb();
  const host = new FakeHost();
  const time = clock(T0);
  const engine = createSyncEngine({ db, host, now: time.now, discoverFeeds: fakeDiscover, ...extra });
  return { db, host, time, engine };
}

async function until(condition: () => Promise<boolean> | boolean): Promise<void> {
  for (let i = 0; i < 1000; i++) {
    if (await condition()) return;
    await new Promise<void>((resolve) => setImmediate(resolve));
  }
  throw new Error('condition never became true');
}

describe('sync engine: fetching and merging', () => {
  it('fetches due feeds, stores validators, then asks conditionally and gets not-modified', async () => {
    const { db, host, time, engine } = setup();
    const url = 'https://a.example/feed';
    const feedId = await sub(db, url);
    host.setFeed(url, parsedFeed(items(3)));
    const first = await engine.syncDue();
    expect(first).toMatchObject({ newArticles: 3, errors: 0 });
    const feed = await db.feeds.get(feedId);
    expect(feed).toMatchObject({ etag: '"v1"', bodyHash: 'hash-1', lastSuccessAt: T0, errorCount: 0, unreadCount: 3 });
    expect(feed!.nextCheckAt).toBeGreaterThan(T0);
    expect((await engine.syncDue()).outcomes).toEqual([]);
    time.set(feed!.nextCheckAt);
    const second = await engine.syncDue();
    expect(second.outcomes[0]?.status).toBe('not-modified');
    expect(host.callsTo(url)[1]).toMatchObject({ etag: '"v1"', bodyHash: 'hash-1' });
    await expectUnreadCountsTrue(db);
  });

  it('keeps read state when a refetch brings a changed version of the article', async () => {
    const { db, host, engine } = setup();
    const url = 'https://a.example/feed';
    await sub(db, url);
    host.setFeed(url, parsedFeed([item(1), item(2)]));
    await engine.syncAll();
    const [id1] = (await db.articles.orderBy('sortTime').reverse().primaryKeys()) as string[];
    await markRead(db, [id1!]);
    host.setFeed(url, parsedFeed([item(0), item(1, { title: 'Edited' }), item(2)]));
    const result = await engine.syncAll();
    expect(result.newArticles).toBe(1);
    expect(await db.articles.get(id1!)).toMatchObject({ title: 'Edited', read: 1 });
    await expectUnreadCountsTrue(db);
  });

  it('tells onArticlesAdded listeners the new ids after each merge, and reports progress', async () => {
    const { db, host, engine } = setup();
    await sub(db, 'https://a.example/feed');
    await sub(db, 'https://b.example/feed');
    host.setFeed('https://a.example/feed', parsedFeed(items(2), { title: 'A' }));
    host.setFeed('https://b.example/feed', parsedFeed(items(3, 10), { title: 'B' }));
    const added: string[][] = [];
    const progress: SyncProgress[] = [];
    engine.onArticlesAdded((ids) => added.push(ids));
    engine.onProgress((p) => progress.push(p));
    await engine.syncAll();
    expect(added.map((ids) => ids.length).sort()).toEqual([2, 3]);
    expect(new Set(added.flat()).size).toBe(5);
    expect(progress.some((p) => p.running && p.total === 2)).toBe(true);
    expect(progress.at(-1)).toMatchObject({ running: false, done: 2, total: 2, newArticles: 5, errors: 0 });
    expect(engine.progress().running).toBe(false);
  });

  it('moves a feed to its new URL after a permanent redirect', async () => {
    const { db, host, time, engine } = setup();
    const feedId = await sub(db, 'https://old.example/feed');
    host.script('https://old.example/feed', movedTo('https://new.example/feed', parsedFeed(items(2))));
    host.setFeed('https://new.example/feed', parsedFeed(items(2)));
    await engine.syncAll();
    expect((await db.feeds.get(feedId))?.url).toBe('https://new.example/feed');
    time.advance(DAY);
    await engine.syncDue();
    expect(host.calls.at(-1)?.url).toBe('https://new.example/feed');
    expect(await db.articles.count()).toBe(2);
  });

  it('stops polling a feed that answered 410 Gone, until the user refreshes it by hand', async () => {
    const { db, host, time, engine } = setup();
    const url = 'https://a.example/feed';
    const feedId = await sub(db, url);
    host.script(url, hostError('gone', { status: 410 }));
    await engine.syncDue();
    expect(await db.feeds.get(feedId)).toMatchObject({ gone: 1, lastError: { kind: 'gone', status: 410 } });
    time.advance(30 * DAY);
    await engine.syncDue();
    await engine.syncAll();
    expect(host.callsTo(url)).toHaveLength(1);
    host.setFeed(url, parsedFeed(items(1)));
    expect((await engine.syncFeed(feedId)).status).toBe('ok');
    expect(await db.feeds.get(feedId)).toMatchObject({ gone: 0, lastError: null });
  });
});

describe('sync engine: errors and scheduling', () => {
  it('backs off exponentially from 1 minute, doubling up to a 24 hour cap, and never disables the feed', async () => {
    const { db, host, time, engine } = setup();
    const url = 'https://a.example/feed';
    const feedId = await sub(db, url);
    const delays: number[] = [];
    for (let i = 0; i < 14; i++) {
      host.script(url, hostError('timeout'));
      const out = await engine.syncDue();
      expect(out.outcomes).toHaveLength(1);
      const feed = (await db.feeds.get(feedId))!;
      delays.push(feed.nextCheckAt - time.now());
      time.set(feed.nextCheckAt);
    }
    expect(delays.slice(0, 5)).toEqual([1, 2, 4, 8, 16].map((m) => m * MIN));
    expect(delays.at(-1)).toBe(BACKOFF_CAP_MS);
    expect(Math.max(...delays)).toBe(BACKOFF_CAP_MS);
    expect(await db.feeds.get(feedId)).toMatchObject({ errorCount: 14, gone: 0, lastError: { kind: 'timeout' } });
    host.setFeed(url, parsedFeed(items(1)));
    await engine.syncDue();
    expect(await db.feeds.get(feedId)).toMatchObject({ errorCount: 0, lastError: null });
  });

  it('retries at once on a manual refresh, whatever the backoff', async () => {
    const { db, host, engine } = setup();
    const url = 'https://a.example/feed';
    await sub(db, url);
    host.script(url, hostError('network'), hostError('network'));
    await engine.syncDue();
    expect((await engine.syncDue()).outcomes).toEqual([]);
    await engine.syncAll();
    expect(host.callsTo(url)).toHaveLength(2);
  });

  it('makes every feed of a rate-limited host wait until Retry-After', async () => {
    const { db, host, time, engine } = setup();
    const a1 = await sub(db, 'https://a.example/one');
    const a2 = await sub(db, 'https://a.example/two');
    await sub(db, 'https://b.example/feed');
    for (const url of ['https://a.example/one', 'https://a.example/two', 'https://b.example/feed']) host.setFeed(url, parsedFeed(items(1)));
    const retryAt = T0 + 2 * HOUR;
    host.script('https://a.example/one', hostError('rate-limited', { status: 429, retryAt }));
    host.script('https://a.example/two', hostError('rate-limited', { status: 429, retryAt }));
    const out = await engine.syncDue();
    // Whichever a.example feed went first was told to wait; the other was not asked at all.
    expect(host.calls.filter((c) => c.url.startsWith('https://a.example')).length).toBe(1);
    expect(out.outcomes.filter((o) => o.reason === 'rate-limited')).toHaveLength(1);
    expect((await db.feeds.get(a1))!.nextCheckAt).toBe(retryAt);
    expect((await db.feeds.get(a2))!.nextCheckAt).toBe(retryAt);
    time.set(retryAt - 1);
    await engine.syncDue();
    expect(host.calls.filter((c) => c.url.startsWith('https://a.example')).length).toBe(1);
    time.set(retryAt);
    host.clearScripts();
    const later = await engine.syncDue();
    expect(later.outcomes).toHaveLength(2);
    expect(later.outcomes.every((o) => o.status === 'ok')).toBe(true);
  });

  it('adapts the interval to how often a feed publishes: busy feeds down to 15 minutes, quiet ones up to a day', async () => {
    const { db, host, engine } = setup();
    const every = (gapMs: number) => Array.from({ length: 10 }, (_, n) => item(n, { published: T0 - n * gapMs }));
    const urls = { sixHourly: 'https://a.example/f', weekly: 'https://b.example/f', busy: 'https://c.example/f', undated: 'https://d.example/f' };
    const ids = { sixHourly: await sub(db, urls.sixHourly), weekly: await sub(db, urls.weekly), busy: await sub(db, urls.busy), undated: await sub(db, urls.undated) };
    host.setFeed(urls.sixHourly, parsedFeed(every(6 * HOUR)));
    host.setFeed(urls.weekly, parsedFeed(every(7 * DAY)));
    host.setFeed(urls.busy, parsedFeed(every(2 * MIN)));
    host.setFeed(urls.undated, parsedFeed(items(3).map((i) => ({ ...i, published: undefined }))));
    await engine.syncAll();
    const next = async (id: string) => (await db.feeds.get(id))!.nextCheckAt - T0;
    expect(await next(ids.sixHourly)).toBe(6 * HOUR);
    expect(await next(ids.weekly)).toBe(DAY);
    expect(await next(ids.busy)).toBe(15 * MIN);
    expect(await next(ids.undated)).toBe(30 * MIN);
  });

  it('waits at least the feed TTL or max-age, capped at 5 hours', async () => {
    const { db, host, engine } = setup();
    const ttl = await sub(db, 'https://a.example/f');
    const maxAge = await sub(db, 'https://b.example/f');
    const huge = await sub(db, 'https://c.example/f');
    host.setFeed('https://a.example/f', parsedFeed(items(1), { ttlMinutes: 120 }));
    host.setFeed('https://b.example/f', parsedFeed(items(1)), { maxAgeSeconds: 3 * 3600 });
    host.setFeed('https://c.example/f', parsedFeed(items(1), { ttlMinutes: 10_000 }));
    await engine.syncAll();
    expect((await db.feeds.get(ttl))!.nextCheckAt - T0).toBe(2 * HOUR);
    expect((await db.feeds.get(maxAge))!.nextCheckAt - T0).toBe(3 * HOUR);
    expect((await db.feeds.get(huge))!.nextCheckAt - T0).toBe(5 * HOUR);
  });

  it('does nothing on its own in manual mode (interval 0)', async () => {
    const { db, host, engine } = setup();
    await sub(db, 'https://a.example/f');
    await setSettings(db, { syncIntervalMinutes: 0 });
    expect((await engine.syncDue()).outcomes).toEqual([]);
    expect(host.calls).toHaveLength(0);
  });

  it('runs syncDue from its timer when the next feed falls due', async () => {
    const timers: Array<{ fn: () => void; ms: number }> = [];
    const { db, host, time, engine } = setup({ setTimer: (fn, ms) => { timers.push({ fn, ms }); return () => undefined; } });
    const id = await sub(db, 'https://a.example/f');
    host.setFeed('https://a.example/f', parsedFeed(items(1)));
    await db.feeds.update(id, { nextCheckAt: T0 + 10 * MIN });
    engine.start();
    await until(() => timers.length === 1);
    expect(timers[0]!.ms).toBe(10 * MIN);
    time.advance(10 * MIN);
    timers[0]!.fn();
    await until(() => timers.length === 2);
    expect(host.calls).toHaveLength(1);
    engine.stop();
  });
});

describe('sync engine: concurrency, offline, cancel', () => {
  it('runs at most 6 fetches at once and never 2 on the same host', async () => {
    const { db, host, engine } = setup();
    for (let h = 0; h < 10; h++) {
      for (let f = 0; f < 3; f++) {
        const url = `https://host${h}.example/feed${f}`;
        await sub(db, url);
        host.setFeed(url, parsedFeed(items(2)));
      }
    }
    const out = await engine.syncAll();
    expect(out.outcomes).toHaveLength(30);
    expect(out.outcomes.every((o) => o.status === 'ok')).toBe(true);
    expect(host.maxPerHost).toBe(1);
    expect(host.maxInFlight).toBe(6);
    await expectUnreadCountsTrue(db);
  });

  it('skips syncs while offline and catches up when back online', async () => {
    const { db, host, engine } = setup();
    await sub(db, 'https://a.example/f');
    host.setFeed('https://a.example/f', parsedFeed(items(2)));
    engine.setOnline(false);
    const out = await engine.syncDue();
    expect(out.outcomes[0]).toMatchObject({ status: 'skipped', reason: 'offline' });
    expect(host.calls).toHaveLength(0);
    engine.setOnline(true);
    await until(async () => (await db.articles.count()) === 2);
    expect(host.calls).toHaveLength(1);
  });

  it('cancel drops queued feeds and lets fetches in flight finish', async () => {
    const { db, host, engine } = setup({ concurrency: 1 });
    for (const h of ['a', 'b', 'c']) {
      await sub(db, `https://${h}.example/f`);
      host.setFeed(`https://${h}.example/f`, parsedFeed(items(1)));
    }
    let release!: () => void;
    host.gate = new Promise<void>((resolve) => (release = resolve));
    const running = engine.syncAll();
    await until(() => host.calls.length === 1);
    engine.cancel();
    release();
    const out = await running;
    expect(out.outcomes.map((o) => o.status).sort()).toEqual(['ok', 'skipped', 'skipped']);
    expect(out.outcomes.filter((o) => o.reason === 'cancelled')).toHaveLength(2);
    expect(host.calls).toHaveLength(1);
    expect(engine.progress().running).toBe(false);
  });
});

describe('sync engine: fetching while merges write', () => {
  it('starts the next fetch while another transaction holds the feeds (the rows are not read again at launch)', async () => {
    const { db, host, engine } = setup({ concurrency: 1 });
    for (const h of ['a', 'b']) {
      await sub(db, `https://${h}.example/f`);
      host.setFeed(`https://${h}.example/f`, parsedFeed(items(2)));
    }
    let answer!: () => void;
    host.gate = new Promise<void>((resolve) => (answer = resolve));
    const running = engine.syncAll();
    await until(() => host.calls.length === 1);
    // A write to the feeds that began before the second fetch could start (a merge, a person's edit) and goes on.
    let endWrite!: () => void;
    const writeEnds = new Promise<void>((resolve) => (endWrite = resolve));
    let writing = false;
    const write = db.transaction('rw', db.feeds, async () => {
      writing = true;
      await Dexie.waitFor(writeEnds);
    });
    await until(() => writing);
    host.gate = null;
    answer();
    // The first answer's merge waits for that write; the second fetch does not.
    await until(() => host.calls.length === 2);
    endWrite();
    await write;
    const out = await running;
    expect(out).toMatchObject({ newArticles: 4, errors: 0 });
  });

  it('drops an answer fetched from the address the person has just changed, keeping the new address', async () => {
    const { db, host, engine } = setup();
    const feedId = await sub(db, 'https://old.example/f');
    host.setFeed('https://old.example/f', parsedFeed(items(3)));
    let release!: () => void;
    host.gate = new Promise<void>((resolve) => (release = resolve));
    const running = engine.syncAll();
    await until(() => host.calls.length === 1);
    const moved = await setFeedUrl(db, feedId, 'https://new.example/f');
    expect(moved.ok).toBe(true);
    release();
    const out = await running;
    expect(out.outcomes).toEqual([{ feedId, status: 'skipped', added: 0, reason: 'changed' }]);
    expect(await db.feeds.get(feedId)).toMatchObject({ url: 'https://new.example/f', etag: null, bodyHash: null, nextCheckAt: 0, unreadCount: 0 });
    expect(await db.articles.count()).toBe(0);
  });

  it('drops a not-modified or failed answer from the old address the same way', async () => {
    const { db, host, engine } = setup();
    const feedId = await sub(db, 'https://old.example/f');
    host.setFeed('https://old.example/f', parsedFeed(items(1)));
    await engine.syncAll();
    for (const answer of ['not-modified', 'error'] as const) {
      const before = await db.feeds.get(feedId);
      await db.feeds.update(feedId, { url: 'https://old.example/f', etag: before!.etag ?? '"v1"' });
      if (answer === 'error') host.script('https://old.example/f', hostError('http', { status: 500 }));
      let release!: () => void;
      host.gate = new Promise<void>((resolve) => (release = resolve));
      const calls = host.calls.length;
      const running = engine.syncAll();
      await until(() => host.calls.length === calls + 1);
      expect((await setFeedUrl(db, feedId, `https://new.example/${answer}`)).ok).toBe(true);
      release();
      host.gate = null;
      const out = await running;
      expect(out.outcomes).toEqual([{ feedId, status: 'skipped', added: 0, reason: 'changed' }]);
      expect(await db.feeds.get(feedId)).toMatchObject({ url: `https://new.example/${answer}`, lastError: null, errorCount: 0, nextCheckAt: 0 });
    }
  });
});

describe('subscribeAndDiscover', () => {
  it('subscribes to a feed URL and merges the first fetch', async () => {
    const { db, host, engine } = setup();
    host.setFeed('https://a.example/feed', parsedFeed(items(4), { title: 'A feed' }));
    const out = await engine.subscribeAndDiscover('https://a.example/feed');
    expect(out).toMatchObject({ kind: 'subscribed', created: true, newArticles: 4 });
    const feed = out.kind === 'subscribed' ? await db.feeds.get(out.feedId) : undefined;
    expect(feed).toMatchObject({ title: 'A feed', unreadCount: 4, etag: '"v1"' });
    expect(await engine.subscribeAndDiscover('https://A.example/feed#again')).toMatchObject({ kind: 'subscribed', created: false });
    expect(host.calls).toHaveLength(1);
  });

  it('offers the feeds a web page declares plus guessed URLs that really are feeds', async () => {
    const { db, host, engine } = setup();
    host.setPage('https://blog.example/', '<link rel="alternate" href="/atom.xml">');
    host.setFeed('https://blog.example/feed', parsedFeed(items(1), { title: 'Guessed' }));
    const out = await engine.subscribeAndDiscover('https://blog.example/');
    expect(out).toEqual({
      kind: 'choose',
      candidates: [
        { url: 'https://blog.example/atom.xml', type: 'application/rss+xml' },
        { url: 'https://blog.example/feed', title: 'Guessed', type: 'rss' },
      ],
    });
    expect(await db.feeds.count()).toBe(0);
  });

  it('returns the typed error when nothing is found', async () => {
    const { host, engine } = setup();
    host.script('https://x.example/', hostError('http', { status: 500 }));
    expect(await engine.subscribeAndDiscover('https://x.example/')).toMatchObject({ kind: 'error', error: { kind: 'http', status: 500 } });
    expect(await engine.subscribeAndDiscover('notaurl://x')).toMatchObject({ kind: 'error', error: { kind: 'invalid-argument' } });
  });
});
