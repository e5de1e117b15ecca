/**
 * The sync worker's HTTP transport against the real browser host and feed server: fetchFeeds is one POST whose
 * answer streams each feed as it is ready, validated like any host call; and the engine syncing through it.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { subscribe } from '../../../../shared/db/feeds';
import type { FeedResponse, HostResult } from '../../../../shared/host';
import { hostChannel } from '../../../../shared/host';
import { encodeFeedFrame, FEED_FRAMES_TYPE } from '../../../../shared/host-feed-frames';
import { createSyncEngine } from '../../../../shared/sync/engine';
import { createHttpHostTransport } from '../../../../renderer/host/http-host-transport';
import { syncHostOver } from '../../../../renderer/sync/worker-host';
import type { BrowserHost } from '../../../support/browser-host';
import { startBrowserHost } from '../../../support/browser-host';
import type { FeedServer } from '../../../support/feed-server';
import { rssXml, sampleFeed, startFeedServer } from '../../../support/feed-server';
import { concatBytes } from '../../../support/feed-server/fixtures';
import { expectUnreadCountsTrue, freshDb } from '../../shared/db/test-db';

let server: FeedServer;
let host: BrowserHost;

beforeAll(async () => {
  server = await startFeedServer();
  for (let f = 0; f < 12; f++) server.setFeed(`/many/${f}.xml`, rssXml(sampleFeed(`Feed ${f}`, 3)), { etag: `"m${f}"` });
  const dir = mkdtempSync(path.join(tmpdir(), 'broadsheet-renderer-'));
  writeFileSync(path.join(dir, 'index.html'), '<!doctype html><html><head></head><body></body></html>');
  // host<n>.batch.example all lead to the feed server, so the engine sees 12 different servers.
  const routed: typeof fetch = (input, init) => {
    const url = new URL(typeof input === 'string' ? input : input instanceof URL ? input.href : input.url);
    return globalThis.fetch(url.hostname.endsWith('.batch.example') ? server.url(url.pathname + url.search) : input, init);
  };
  host = await startBrowserHost({ rendererDir: dir, fetch: routed });
});

afterAll(async () => {
  await host.close();
  await server.close();
});

describe('fetchFeeds over the browser host', () => {
  it('answers each feed as soon as it is ready, in one request', async () => {
    const transport = createHttpHostTransport(host.token, host.url);
    const seen: Array<[number, HostResult<FeedResponse>]> = [];
    await transport.fetchFeeds(
      [{ url: server.url('/slow/first-byte?ms=400') }, { url: server.url('/many/0.xml') }, { url: server.url('/many/1.xml'), etag: '"m1"' }, { url: server.url('/status/404') }],
      (index, result) => seen.push([index, result]),
    );
    expect(seen.map(([index]) => index).at(-1)).toBe(0);
    const byIndex = new Map(seen);
    expect(byIndex.get(0)).toMatchObject({ ok: true, value: { status: 'ok' } });
    expect(byIndex.get(1)).toMatchObject({ ok: true, value: { status: 'ok', feed: { title: 'Feed 0' } } });
    expect(byIndex.get(2)).toMatchObject({ ok: true, value: { status: 'not-modified' } });
    expect(byIndex.get(3)).toMatchObject({ ok: false, error: { kind: 'http', status: 404 } });
  });

  it('refuses a batch with a bad request as a whole, fetching nothing', async () => {
    const transport = createHttpHostTransport(host.token, host.url);
    const before = server.requests.length;
    const seen: number[] = [];
    await expect(transport.fetchFeeds([{ url: server.url('/many/2.xml') }, { url: 'file:///etc/passwd' }], (index) => seen.push(index))).rejects.toThrow(/http/);
    expect(seen).toEqual([]);
    expect(server.requests.length).toBe(before);
  });

  it('refuses a page without the token', async () => {
    const transport = createHttpHostTransport('not-the-token', host.url);
    await expect(transport.fetchFeeds([{ url: server.url('/many/2.xml') }], () => undefined)).rejects.toThrow(/403/);
    expect(await transport.call('appInfo', [])).toMatchObject({ ok: false, error: { kind: 'unavailable' } });
  });

  it('carries a whole sync in a few requests: 12 feeds, then all of them not modified', async () => {
    const transport = createHttpHostTransport(host.token, host.url);
    const batches: number[] = [];
    const counted = { ...transport, fetchFeeds: (requests: Parameters<typeof transport.fetchFeeds>[0], onResult: Parameters<typeof transport.fetchFeeds>[1]) => (batches.push(requests.length), transport.fetchFeeds(requests, onResult)) };
    const db = freshDb();
    const engine = createSyncEngine({ db, host: syncHostOver(counted), now: Date.now });
    for (let f = 0; f < 12; f++) {
      const created = await subscribe(db, `http://host${f}.batch.example/many/${f}.xml`);
      if (!created.ok) throw new Error(created.error.message);
    }
    const cold = await engine.syncAll();
    expect(cold).toMatchObject({ newArticles: 36, errors: 0 });
    const warm = await engine.syncAll();
    expect(warm.outcomes.every((o) => o.status === 'not-modified')).toBe(true);
    expect(batches.reduce((a, b) => a + b, 0)).toBe(24);
    expect(batches.length).toBeLessThan(24);
    await expectUnreadCountsTrue(db);
  });

  it('still answers JSON lines to a page that does not ask for frames (a build from before them, as a bench baseline)', async () => {
    const response = await fetch(`${host.url}/host/${hostChannel.fetchFeeds}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'X-Broadsheet-Token': host.token },
      body: JSON.stringify({ args: [[{ url: server.url('/many/3.xml') }]] }),
    });
    expect(response.headers.get('content-type')).toMatch(/ndjson/);
    const lines = (await response.text()).trim().split('\n').map((line) => JSON.parse(line) as unknown);
    expect(lines).toMatchObject([{ index: 0, result: { ok: true, value: { status: 'ok', feed: { title: 'Feed 3' } } } }, { result: { ok: true } }]);
  });
});

describe('fetchFeeds from a host that sends bad frames', () => {
  /** A host answering every fetchFeeds with `body`, cut into small chunks. */
  async function hostSending(body: Uint8Array, type = FEED_FRAMES_TYPE): Promise<{ url: string; close: () => Promise<void> }> {
    const fake = http.createServer((request, response) => {
      request.resume();
      response.writeHead(200, { 'Content-Type': type });
      for (let at = 0; at < body.byteLength; at += 7) response.write(body.subarray(at, at + 7));
      response.end();
    });
    await new Promise<void>((resolve) => fake.listen(0, '127.0.0.1', resolve));
    return { url: `http://127.0.0.1:${(fake.address() as AddressInfo).port}`, close: () => new Promise((resolve) => fake.close(() => resolve())) };
  }
  const okFeed = (index: number): Uint8Array =>
    encodeFeedFrame({ index, result: { ok: true, value: { status: 'ok', finalUrl: 'https://a.example/', bodyHash: 'h', feed: { format: 'rss', title: `Feed ${index}`, items: [{ content: 'é', categories: [], enclosures: [] }] } } } });
  /** Feed 1's answer with an item whose title is a number: a well-formed frame whose answer is not a feed's. */
  const badItem = (): Uint8Array =>
    encodeFeedFrame({ index: 1, result: { ok: true, value: { status: 'ok', finalUrl: 'https://a.example/', bodyHash: 'h', feed: { format: 'rss', title: 'Feed 1', items: [{ title: 7 as unknown as string, categories: [], enclosures: [] }] } } } });

  it('gives an error for the feed whose answer is malformed, and the others their feeds', async () => {
    const fake = await hostSending(concatBytes(okFeed(0), badItem(), okFeed(2), encodeFeedFrame({ result: { ok: true, value: null } })));
    try {
      const seen = new Map<number, HostResult<FeedResponse>>();
      await createHttpHostTransport('token', fake.url).fetchFeeds([{ url: 'https://a.example/0' }, { url: 'https://a.example/1' }, { url: 'https://a.example/2' }], (index, result) => seen.set(index, result));
      expect(seen.get(0)).toMatchObject({ ok: true, value: { feed: { title: 'Feed 0', items: [{ content: 'é' }] } } });
      expect(seen.get(1)).toMatchObject({ ok: false, error: { kind: 'unavailable', message: expect.stringMatching(/malformed answer for this feed/) } });
      expect(seen.get(2)).toMatchObject({ ok: true, value: { feed: { title: 'Feed 2' } } });
    } finally {
      await fake.close();
    }
  });

  it('fails the rest of the batch with a clear error when a frame cannot be read', async () => {
    const fake = await hostSending(concatBytes(okFeed(0), new TextEncoder().encode('{"not":"a frame"}\n')));
    try {
      const seen: number[] = [];
      await expect(createHttpHostTransport('token', fake.url).fetchFeeds([{ url: 'https://a.example/0' }, { url: 'https://a.example/1' }], (index) => seen.push(index))).rejects.toThrow(
        /malformed frame header/,
      );
      expect(seen).toEqual([0]);
    } finally {
      await fake.close();
    }
  });

  it('refuses an answer in another format', async () => {
    const fake = await hostSending(new TextEncoder().encode('{"result":{"ok":true}}\n'), 'application/x-ndjson');
    try {
      await expect(createHttpHostTransport('token', fake.url).fetchFeeds([{ url: 'https://a.example/0' }], () => undefined)).rejects.toThrow(/unknown format/);
    } finally {
      await fake.close();
    }
  });
});
