/**
 * A sync of 200 feeds over real HTTP (shared/net fetchFeed + Node fetch → the fault-injecting feed server), with
 * 40 of them misbehaving: socket resets, stalled headers and bodies, 500s, redirect loops, pages and binary under
 * feed URLs, and a slowloris trickle past the total timeout. Every good feed syncs, every bad one records its own
 * error, the run ends in time bounded by the (small) timeouts, and nothing rejects unhandled.
 */
import type { ServerResponse } from 'node:http';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { subscribe } from '../../../shared/db/feeds';
import type { HostErrorKind } from '../../../shared/host';
import { fetchFeed, fetchPage, userAgentFor } from '../../../shared/net';
import { createSyncEngine, type SyncHost } from '../../../shared/sync/engine';
import { rssXml, startFeedServer, type FeedServer } from '../../support/feed-server';
import { expectUnreadCountsTrue, freshDb, T0 } from '../shared/db/test-db';

// Generous for a 2-core machine running other test files at once: a good feed's first byte has come after more than
// 1 s there. The slowloris trickle below must outlast TOTAL_TIMEOUT_MS.
const FIRST_BYTE_TIMEOUT_MS = 3_000;
const TOTAL_TIMEOUT_MS = 6_000;
const CONCURRENCY = 10;

let server: FeedServer;
const unhandled: unknown[] = [];
const onUnhandled = (reason: unknown) => unhandled.push(reason);

beforeAll(async () => {
  process.on('unhandledRejection', onUnhandled);
  server = await startFeedServer();
  const htmlPage = (res: ServerResponse) => {
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    res.end('<!doctype html><html><head><title>Not a feed</title></head><body><p>Hello</p></body></html>');
  };
  const binary = (res: ServerResponse) => {
    res.writeHead(200, { 'content-type': 'application/rss+xml' });
    res.end(Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919 + 13) % 256)));
  };
  for (let i = 0; i < 4; i++) {
    server.route(`/bad/html-page/${i}`, (_req, res) => htmlPage(res));
    server.route(`/bad/binary/${i}`, (_req, res) => binary(res));
  }
});

afterAll(async () => {
  await server.close();
  process.off('unhandledRejection', onUnhandled);
});

function httpHost(): SyncHost {
  const options = {
    fetch: globalThis.fetch,
    userAgent: userAgentFor('0.0.0-test'),
    now: () => T0,
    firstByteTimeoutMs: FIRST_BYTE_TIMEOUT_MS,
    totalTimeoutMs: TOTAL_TIMEOUT_MS,
  };
  return { fetchFeed: (request) => fetchFeed(request, options), fetchPage: (url) => fetchPage(url, options) };
}

interface Misbehaviour {
  path: (i: number) => string;
  count: number;
  kinds: HostErrorKind[];
}

const MISBEHAVIOURS: Record<string, Misbehaviour> = {
  'reset before headers': { path: (i) => `/reset/before-headers?n=${i}`, count: 5, kinds: ['network'] },
  'reset mid-body': { path: (i) => `/reset/mid-body?n=${i}`, count: 5, kinds: ['network'] },
  'stalled headers': { path: (i) => `/hang/headers?n=${i}`, count: 5, kinds: ['timeout'] },
  'stalled body': { path: (i) => `/hang/body?n=${i}`, count: 4, kinds: ['timeout'] },
  '500': { path: (i) => `/status/500?n=${i}`, count: 5, kinds: ['http'] },
  'endless redirects': { path: (i) => `/redirect/endless/${i * 1000}`, count: 2, kinds: ['network'] },
  'redirect loop': { path: (i) => `/redirect/loop/a?n=${i}`, count: 2, kinds: ['network'] },
  'web page': { path: (i) => `/bad/html-page/${i}`, count: 4, kinds: ['not-a-feed'] },
  'binary under a feed type': { path: (i) => `/bad/binary/${i}`, count: 4, kinds: ['parse', 'not-a-feed'] },
  slowloris: { path: (i) => `/slow/body?ms=150&chunks=100&n=${i}`, count: 4, kinds: ['timeout'] },
};

describe('a sync of 200 feeds on a broken network', () => {
  it('syncs every good feed, records its own error on every bad one, ends in bounded time, rejects nothing unhandled', async () => {
    const db = freshDb();
    const good: string[] = [];
    const bad = new Map<string, string>();
    for (const [name, m] of Object.entries(MISBEHAVIOURS)) for (let i = 0; i < m.count; i++) bad.set(server.url(m.path(i)), name);
    expect(bad.size).toBe(40);
    for (let i = 0; i < 200 - bad.size; i++) {
      const items = [0, 1, 2].map((k) => ({ title: `Feed ${i} story ${k}`, guid: `g-${i}-${k}`, link: `https://good.example/${i}/${k}`, pubDate: new Date(T0 - k * 3_600_000).toUTCString() }));
      const xml = rssXml({ title: `Good ${i}`, link: `https://good.example/${i}/`, items });
      // A few good feeds are quirky but must still sync: wrong content type, gzip, a slow (in time) first byte.
      const quirk = i % 40;
      const path = `/good/${i}.xml`;
      if (quirk === 1) server.setFeed(path, xml, { contentType: 'text/html; charset=utf-8' });
      else if (quirk === 2) server.setFeed(path, xml, { contentType: 'application/octet-stream' });
      else if (quirk === 3) {
        const body = gzipSync(Buffer.from(xml));
        server.route(path, (_req, res) => {
          res.writeHead(200, { 'content-type': 'application/rss+xml', 'content-encoding': 'gzip', 'content-length': String(body.length) });
          res.end(body);
        });
      } else if (quirk === 4) {
        server.route(path, (_req, res) => {
          const timer = setTimeout(() => {
            res.writeHead(200, { 'content-type': 'application/rss+xml' });
            res.end(xml);
          }, FIRST_BYTE_TIMEOUT_MS / 4);
          res.on('close', () => clearTimeout(timer));
        });
      } else server.setFeed(path, xml);
      good.push(server.url(path));
    }
    const feedIdByUrl = new Map<string, string>();
    // Interleave good and bad so stalls are spread through the queue, as in a real library.
    const urls = [...good, ...bad.keys()].sort((a, b) => (a.length * 31 + a.charCodeAt(a.length - 1)) % 17 - (b.length * 31 + b.charCodeAt(b.length - 1)) % 17);
    for (const url of urls) {
      const created = await subscribe(db, url, { now: T0 });
      if (!created.ok) throw new Error(created.error.message);
      feedIdByUrl.set(url, created.value.feed.id);
    }

    const engine = createSyncEngine({ db, host: httpHost(), now: () => T0, concurrency: CONCURRENCY, perHost: CONCURRENCY });
    const started = performance.now();
    const summary = await engine.syncAll();
    const elapsed = performance.now() - started;
    // Worst case: every bad feed burns the whole total timeout, CONCURRENCY at a time, plus the good ones.
    const bound = Math.ceil(bad.size / CONCURRENCY) * TOTAL_TIMEOUT_MS + 6_000;
    console.info(`[broken-network] 200 feeds (40 bad) synced in ${elapsed.toFixed(0)} ms (bound ${bound} ms), ${summary.newArticles} new articles, ${summary.errors} errors`);

    expect(summary.outcomes).toHaveLength(200);
    expect(summary.errors).toBe(bad.size);
    expect(summary.newArticles).toBe(good.length * 3);
    expect(elapsed).toBeLessThan(bound);

    for (const url of good) {
      const feed = await db.feeds.get(feedIdByUrl.get(url)!);
      expect({ url, lastError: feed?.lastError, unread: feed?.unreadCount }).toEqual({ url, lastError: null, unread: 3 });
    }
    const kindsSeen: Record<string, string[]> = {};
    for (const [url, name] of bad) {
      const feed = await db.feeds.get(feedIdByUrl.get(url)!);
      const error = feed?.lastError;
      (kindsSeen[name] ??= []).push(error?.kind ?? 'none');
      expect(error, `${name}: ${url}`).toBeTruthy();
      expect(MISBEHAVIOURS[name]!.kinds, `${name}: ${error?.kind} ${error?.message}`).toContain(error!.kind);
      expect(error!.message.length).toBeGreaterThan(10);
      expect(feed).toMatchObject({ errorCount: 1, unreadCount: 0 });
      expect(await db.articles.where('feedId').equals(feed!.id).count()).toBe(0);
    }
    console.info(`[broken-network] error kinds: ${JSON.stringify(Object.fromEntries(Object.entries(kindsSeen).map(([k, v]) => [k, [...new Set(v)]])))}`);
    await expectUnreadCountsTrue(db);
    expect(engine.progress()).toMatchObject({ running: false, done: 200, total: 200 });
    // Let any stray promise of an aborted fetch settle before counting unhandled rejections.
    await new Promise((resolve) => setImmediate(resolve));
    expect(unhandled).toEqual([]);
  }, 60_000);
});
