// @vitest-environment jsdom
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { describe, expect, it } from 'vitest';
import { BroadsheetDb, setSettings, subscribe, toggleStar } from '../../../../shared/db';
import type { FeedOptions } from '../../../../shared/db';
import type { HostResult, ImageResponse, PageResponse } from '../../../../shared/host';
import { mergeParsedFeed } from '../../../../shared/sync/merge';
import { createOfflineWorker } from '../../../../renderer/offline/offline-worker';

const fixtures = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../fixtures');
const newsPage = readFileSync(path.join(fixtures, 'pages/news-article.html'), 'utf8');
const png = new Uint8Array(readFileSync(path.join(fixtures, 'images/photo.png')));
const T0 = Date.UTC(2025, 0, 15);
let counter = 0;

function fakeHost() {
  const pages: string[] = [];
  const images: string[] = [];
  return {
    pages,
    images,
    async fetchPage(url: string): Promise<HostResult<PageResponse>> {
      pages.push(url);
      if (url.includes('missing')) return { ok: false, error: { kind: 'http', status: 404, message: 'The page was not found (HTTP 404).' } };
      return { ok: true, value: { finalUrl: url, contentType: 'text/html', html: newsPage } };
    },
    async fetchImage(url: string): Promise<HostResult<ImageResponse>> {
      images.push(url);
      if (url.includes('script')) return { ok: false, error: { kind: 'not-an-image', message: 'no' } };
      return { ok: true, value: { bytes: png, contentType: 'image/png', finalUrl: url } };
    },
  };
}

async function library(options: FeedOptions, items: { guid: string; url: string; html: string }[]) {
  const db = new BroadsheetDb({ name: `offline-${++counter}`, indexedDB: new IDBFactory(), IDBKeyRange });
  const created = await subscribe(db, 'https://daily.example/feed.xml', { now: T0 });
  if (!created.ok) throw new Error(created.error.message);
  const feedId = created.value.feed.id;
  await db.feeds.update(feedId, { options });
  const merged = await mergeParsedFeed(
    db,
    feedId,
    { format: 'rss', title: 'Daily', items: items.map((item, index) => ({ guid: item.guid, url: item.url, title: item.guid, summary: item.html, published: T0 - index * 1000, categories: [], enclosures: [] })) },
    T0,
    () => ({}),
  );
  return { db, ids: merged?.added ?? [] };
}

describe('the offline worker', () => {
  it('loads full text and stores its images for new articles of a full-text feed', async () => {
    const { db, ids } = await library({ fullText: true }, [{ guid: 'bridge', url: 'https://daily.example/2025/bridge', html: '<p>Short summary.</p>' }]);
    const host = fakeHost();
    const worker = createOfflineWorker({ db, host, now: () => T0 + 5 });
    worker.enqueue(ids);
    await worker.idle();
    const content = await db.contents.get(ids[0]!);
    expect(content?.fullText).toContain('reopened to traffic on Monday morning');
    expect(content?.fullTextFetchedAt).toBe(T0 + 5);
    const image = await db.images.get('https://daily.example/images/bridge.png');
    expect(image).toMatchObject({ articleId: ids[0], type: 'image/png', bytes: png.byteLength, storedAt: T0 + 5 });
    expect(host.images).not.toContain('https://ads.example/mega-phone.jpg');
  });

  it('records a failed full-text load and keeps the feed content', async () => {
    const { db, ids } = await library({ fullText: true }, [{ guid: 'gone', url: 'https://daily.example/missing', html: '<p>Feed text.</p>' }]);
    const worker = createOfflineWorker({ db, host: fakeHost(), now: () => T0 });
    worker.enqueue(ids);
    await worker.idle();
    const content = await db.contents.get(ids[0]!);
    expect(content).toMatchObject({ html: '<p>Feed text.</p>', fullTextError: 'The page was not found (HTTP 404).' });
    expect(content?.fullText ?? null).toBeNull();
  });

  it('leaves full text alone unless the feed or the global default asks, but stores feed images', async () => {
    const { db, ids } = await library({}, [{ guid: 'a', url: 'https://daily.example/a', html: '<p><img src="https://img.example/a.png"><img src="https://img.example/script.png"><img src="https://pixel.wp.com/g.gif"></p>' }]);
    const host = fakeHost();
    const worker = createOfflineWorker({ db, host, now: () => T0 });
    worker.enqueue(ids);
    await worker.idle();
    expect(host.pages).toEqual([]);
    expect(host.images).toEqual(['https://img.example/a.png', 'https://img.example/script.png']);
    expect(await db.images.count()).toBe(1);

    const { db: db2, ids: ids2 } = await library({}, [{ guid: 'b', url: 'https://daily.example/b', html: '<p>b</p>' }]);
    await setSettings(db2, { fullTextDefault: true });
    const host2 = fakeHost();
    const worker2 = createOfflineWorker({ db: db2, host: host2, now: () => T0 });
    worker2.enqueue(ids2);
    await worker2.idle();
    expect(host2.pages).toEqual(['https://daily.example/b']);
  });

  it('stores no images for a feed that turned them off', async () => {
    const { db, ids } = await library({ offlineImages: false }, [{ guid: 'a', url: 'https://daily.example/a', html: '<img src="https://img.example/a.png">' }]);
    const host = fakeHost();
    const worker = createOfflineWorker({ db, host, now: () => T0 });
    worker.enqueue(ids);
    await worker.idle();
    expect(host.images).toEqual([]);
  });

  it('evicts over budget after storing, sparing starred articles', async () => {
    const items = ['one', 'two', 'three'].map((guid) => ({ guid, url: `https://daily.example/${guid}`, html: `<img src="https://img.example/${guid}.png">` }));
    const { db, ids } = await library({}, items);
    await toggleStar(db, ids[2]!);
    await setSettings(db, { storageBudgetBytes: png.byteLength });
    let clock = T0;
    const worker = createOfflineWorker({ db, host: fakeHost(), now: () => ++clock, concurrency: 1 });
    worker.enqueue(ids);
    await worker.idle();
    const left = (await db.images.toArray()).map((row) => row.articleId);
    expect(left).toEqual([ids[2]]);
  });

  it('loads full text on demand, whatever the feed option', async () => {
    const { db, ids } = await library({}, [{ guid: 'bridge', url: 'https://daily.example/2025/bridge', html: '<p>Short.</p>' }]);
    const worker = createOfflineWorker({ db, host: fakeHost(), now: () => T0 });
    const result = await worker.loadFullTextNow(ids[0]!);
    expect(result.ok).toBe(true);
    expect((await db.contents.get(ids[0]!))?.fullText).toContain('flasks of tea');
  });
});
