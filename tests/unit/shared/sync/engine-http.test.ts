/**
 * The engine against the real transport: shared/net's fetchFeed/fetchPage with Node's fetch, talking to the
 * fault-injecting feed server on 127.0.0.1, parsing with shared/feeds.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { markRead, setStarred } from '../../../../shared/db/read-state';
import { fetchFeed, fetchPage, userAgentFor } from '../../../../shared/net';
import { createSyncEngine, type SyncHost } from '../../../../shared/sync/engine';
import { rssXml, startFeedServer, type FeedServer, type FixtureItem } from '../../../support/feed-server';
import { DAY, expectUnreadCountsTrue, freshDb, T0 } from '../db/test-db';
import { clock } from './fake-host';

let server: FeedServer;

beforeAll(async () => {
  server = await startFeedServer();
});

afterAll(async () => {
  await server.close();
});

function httpHost(now: () => number): SyncHost {
  const options = { fetch: globalThis.fetch, userAgent: userAgentFor('0.0.0-test'), now };
  return {
    fetchFeed: (request) => fetchFeed(request, options),
    fetchPage: (url) => fetchPage(url, options),
  };
}

const story = (n: number): FixtureItem => ({
  title: `Story ${n}`,
  guid: `urn:story:${n}`,
  link: `https://news.example/${n}`,
  pubDate: new Date(T0 - (10 - n) * 3_600_000).toUTCString(),
});

describe('sync engine over HTTP', () => {
  it('subscribes, syncs, picks up a newly published item and keeps read and starred state', async () => {
    const path = '/engine/news.xml';
    server.setFeed(path, rssXml({ title: 'News', link: 'https://news.example/', items: [story(2), story(1)] }), { etag: '"n1"' });
    const db = freshDb();
    const time = clock(T0);
    const engine = createSyncEngine({ db, host: httpHost(time.now), now: time.now });

    const subscribed = await engine.subscribeAndDiscover(server.url(path));
    expect(subscribed).toMatchObject({ kind: 'subscribed', created: true, newArticles: 2 });
    const feedId = subscribed.kind === 'subscribed' ? subscribed.feedId : '';
    expect(await db.feeds.get(feedId)).toMatchObject({ title: 'News', etag: '"n1"', unreadCount: 2 });

    const [newest, older] = await db.articles.orderBy('sortTime').reverse().toArray();
    await markRead(db, [newest!.id]);
    await setStarred(db, [older!.id], true, T0);

    // Nothing changed: a conditional GET answered 304.
    time.advance(DAY);
    expect((await engine.syncDue()).outcomes[0]?.status).toBe('not-modified');
    expect(server.requestsTo(path).at(-1)?.headers['if-none-match']).toBe('"n1"');

    server.setFeed(path, rssXml({ title: 'News', link: 'https://news.example/', items: [story(3), story(2), story(1)] }), { etag: '"n2"' });
    time.advance(DAY);
    const added: string[] = [];
    engine.onArticlesAdded((ids) => added.push(...ids));
    const second = await engine.syncDue();
    expect(second).toMatchObject({ newArticles: 1, errors: 0 });
    expect(added).toHaveLength(1);
    expect(await db.articles.get(added[0]!)).toMatchObject({ title: 'Story 3', read: 0 });
    expect(await db.articles.get(newest!.id)).toMatchObject({ read: 1 });
    expect(await db.articles.get(older!.id)).toMatchObject({ starred: 1 });
    expect(await db.feeds.get(feedId)).toMatchObject({ etag: '"n2"', unreadCount: 2, errorCount: 0 });
    await expectUnreadCountsTrue(db);
  });

  it('offers the feeds an HTML page links to', async () => {
    const db = freshDb();
    const time = clock(T0);
    const engine = createSyncEngine({ db, host: httpHost(time.now), now: time.now });
    const out = await engine.subscribeAndDiscover(server.url('/html/with-alternate'));
    expect(out.kind).toBe('choose');
    const urls = out.kind === 'choose' ? out.candidates.map((c) => c.url) : [];
    expect(urls).toEqual(expect.arrayContaining([server.url('/feed.xml'), server.url('/atom.xml')]));
  });

  it('marks a feed gone after 410 and records a rate limit from Retry-After', async () => {
    const db = freshDb();
    const time = clock(T0);
    const engine = createSyncEngine({ db, host: httpHost(time.now), now: time.now });
    const { subscribe } = await import('../../../../shared/db/feeds');
    const gone = await subscribe(db, server.url('/status/410'), { now: T0 });
    const limited = await subscribe(db, server.url('/rate-limited/seconds?s=120'), { now: T0 });
    if (!gone.ok || !limited.ok) throw new Error('subscribe failed');
    expect((await engine.syncFeed(gone.value.feed.id)).status).toBe('error');
    expect(await db.feeds.get(gone.value.feed.id)).toMatchObject({ gone: 1, lastError: { kind: 'gone', status: 410 } });
    expect((await engine.syncFeed(limited.value.feed.id)).error).toMatchObject({ kind: 'rate-limited', status: 429 });
    expect((await db.feeds.get(limited.value.feed.id))?.nextCheckAt).toBe(T0 + 120_000);
    // Until then, nothing on that server is asked again, even on a manual refresh.
    const before = server.requests.length;
    expect((await engine.syncAll()).outcomes.every((o) => o.reason === 'rate-limited')).toBe(true);
    expect(server.requests.length).toBe(before);
  });
});
