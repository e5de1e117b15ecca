/**
 * The window's sync client talking to the worker's core over a real MessageChannel (as across the Worker boundary:
 * every message structured-cloned), with the real engine on fake-indexeddb: requests and replies, progress, new
 * article ids, the notifications of a finished run, images stored by the worker, and a dead worker.
 */
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { afterEach, describe, expect, it } from 'vitest';
import { BroadsheetDb, subscribe } from '../../../../shared/db';
import type { HostNotification, HostResult, ImageResponse } from '../../../../shared/host';
import { createTranslator } from '../../../../shared/i18n/translator';
import { wordNotification } from '../../../../shared/notifications';
import type { SyncProgress } from '../../../../shared/sync';
import { createSyncClient, type SyncWorkerEndpoint } from '../../../../renderer/sync/sync-client';
import { item, parsedFeed, T0 } from '../../shared/db/test-db';
import { BatchingFakeHost, clock } from '../../shared/sync/fake-host';
import { workerOverChannel, type WorkerOverChannel } from './worker-over-channel';
import { isIndexRows, type IndexRowsMessage } from '../../../../renderer/search/library-protocol';
import { articlesToIndex, type ArticlesToIndex } from '../../../../renderer/search/articles-to-index';

let counter = 0;
const workers: WorkerOverChannel[] = [];

afterEach(() => {
  for (const worker of workers.splice(0)) worker.close();
});

const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0]);

/** A host that also serves images (the worker stores new articles' images). */
class ImageHost extends BatchingFakeHost {
  readonly images: string[] = [];
  async fetchImage(url: string): Promise<HostResult<ImageResponse>> {
    this.images.push(url);
    return { ok: true, value: { bytes: png, contentType: 'image/png', finalUrl: url } };
  }
}

async function setup() {
  const db = new BroadsheetDb({ name: `sync-worker-${++counter}`, indexedDB: new IDBFactory(), IDBKeyRange });
  const host = new ImageHost();
  const worker = workerOverChannel({ db, host, now: clock(T0).now, progressEveryMs: 1 });
  workers.push(worker);
  const { core, client } = worker;
  return { db, host, core, client };
}

async function feed(db: BroadsheetDb, host: ImageHost, url: string, items = [item(1), item(2)]): Promise<string> {
  host.setFeed(url, parsedFeed(items, { title: url }));
  const created = await subscribe(db, url, { now: T0 });
  if (!created.ok) throw new Error(created.error.message);
  return created.value.feed.id;
}

describe('the sync worker and its client', () => {
  it('runs a refresh in the worker and answers with its summary, progress and the new article ids', async () => {
    const { db, host, client } = await setup();
    await feed(db, host, 'https://a.example/feed');
    await feed(db, host, 'https://b.example/feed');
    const progress: SyncProgress[] = [];
    const added: string[] = [];
    client.onProgress((p) => progress.push(p));
    client.onArticlesAdded((ids) => added.push(...ids));
    const summary = await client.syncAll();
    expect(summary).toMatchObject({ newArticles: 4, errors: 0 });
    expect(summary.outcomes.map((o) => o.status)).toEqual(['ok', 'ok']);
    await expect.poll(() => added.length).toBe(4);
    expect(added.sort()).toEqual((await db.articles.toCollection().primaryKeys()).sort());
    await expect.poll(() => progress.at(-1)?.running).toBe(false);
    expect(progress.some((p) => p.running && p.total === 2)).toBe(true);
    expect(client.progress().running).toBe(false);
  });

  it('sends new articles with their rows to the search worker\'s port, and by id only what it was not sent', async () => {
    const { db, host, client } = await setup();
    await feed(db, host, 'https://a.example/feed');
    const byId: string[] = [];
    const added: string[] = [];
    client.onArticlesToIndex((ids) => byId.push(...ids));
    client.onArticlesAdded((ids) => added.push(...ids));
    // Before a search port: the window indexes by id.
    await client.syncAll();
    await expect.poll(() => byId.length).toBe(2);

    const search = new MessageChannel();
    const received: IndexRowsMessage[] = [];
    search.port2.onmessage = (event: MessageEvent<unknown>) => {
      if (isIndexRows(event.data)) received.push(event.data);
    };
    client.sendArticlesTo(search.port1);
    await feed(db, host, 'https://b.example/feed', [item(3), item(4), item(5)]);
    await client.syncAll();
    await expect.poll(() => received.flatMap((m) => m.articles.ids).length).toBe(3);
    await expect.poll(() => added.length).toBe(5);
    // What the index reads of the rows the merge stored, article and content, in one column per field.
    const ids = received.flatMap((m) => m.articles.ids);
    const [articles, contents] = await Promise.all([db.articles.bulkGet(ids), db.contents.bulkGet(ids)]);
    const expected = articlesToIndex(ids.map((_, k) => ({ article: articles[k]!, content: contents[k]! })));
    for (const key of Object.keys(expected) as Array<keyof ArticlesToIndex>) {
      expect(received.flatMap((m): unknown[] => m.articles[key])).toEqual(expected[key]);
    }
    expect(byId).toHaveLength(2);
    search.port1.close();
    search.port2.close();
  });

  it('subscribes and refreshes one feed or one folder through the worker', async () => {
    const { db, host, client } = await setup();
    host.setFeed('https://c.example/feed', parsedFeed([item(1)], { title: 'C' }));
    const outcome = await client.subscribeAndDiscover('https://c.example/feed', { folderId: null });
    expect(outcome).toMatchObject({ kind: 'subscribed', created: true, newArticles: 1 });
    const feedId = outcome.kind === 'subscribed' ? outcome.feedId : '';
    expect(await db.feeds.get(feedId)).toMatchObject({ title: 'C', unreadCount: 1 });
    host.setFeed('https://c.example/feed', parsedFeed([item(0), item(1)], { title: 'C' }));
    expect(await client.syncFeed(feedId)).toMatchObject({ feedId, status: 'ok', added: 1 });
    expect(await client.syncFolder('no-such-folder')).toEqual({ outcomes: [], newArticles: 0, errors: 0 });
    expect(await client.syncFeed('no-such-feed')).toMatchObject({ status: 'skipped', reason: 'missing' });
  });

  it('sends the notifications of a finished run, and none for a new subscription\'s first articles', async () => {
    const { db, host, client } = await setup();
    const notified: HostNotification[][] = [];
    // The worker sends drafts; the window words them (here in English).
    const { t } = createTranslator();
    client.onNotifications((drafts) => notified.push(drafts.map((draft) => wordNotification(draft, t))));
    host.setFeed('https://news.example/feed', parsedFeed([item(1)], { title: 'News' }));
    await client.subscribeAndDiscover('https://news.example/feed');
    await feed(db, host, 'https://other.example/feed', [item(5, { title: 'Only one' })]);
    await client.syncDue();
    await expect.poll(() => notified.length).toBe(1);
    expect(notified[0]).toHaveLength(1);
    expect(notified[0]?.[0]).toMatchObject({ title: 'https://other.example/feed', body: 'Only one' });
  });

  it('stores the images of new articles from the worker', async () => {
    const { db, host, core, client } = await setup();
    await feed(db, host, 'https://pics.example/feed', [item(1, { content: '<p><img src="https://pics.example/a.png"></p>' })]);
    await client.syncAll();
    await core.offline.idle();
    // (Besides the feed's icon, looked up after its first sync.)
    expect(host.images).toContain('https://pics.example/a.png');
    expect(await db.images.get('https://pics.example/a.png')).toMatchObject({ type: 'image/png', bytes: png.byteLength });
  });

  it('hands articles whose feed wants the full text to the window instead', async () => {
    const { db, host, client } = await setup();
    const feedId = await feed(db, host, 'https://long.example/feed', [item(1, { content: '<p><img src="https://long.example/a.png"></p>' })]);
    await db.feeds.update(feedId, { options: { fullText: true } });
    const wanted: string[] = [];
    client.onFullTextWanted((ids) => wanted.push(...ids));
    await client.syncAll();
    await expect.poll(() => wanted.length).toBe(1);
    expect(wanted).toEqual(await db.articles.toCollection().primaryKeys());
    expect(host.images.filter((url) => url.startsWith('https://long.example/'))).toEqual([]);
  });

  it('gives callers empty answers instead of waiting forever when the worker dies', async () => {
    let fail: (event: Event) => void = () => undefined;
    const silent: SyncWorkerEndpoint = {
      postMessage: () => undefined,
      addEventListener: (type: 'message' | 'error', listener: (event: never) => void) => {
        if (type === 'error') fail = listener as (event: Event) => void;
      },
    };
    const client = createSyncClient(silent);
    const pending = client.syncAll();
    fail(Object.assign(new Event('error'), { message: 'failed to load the worker script' }));
    expect(await pending).toEqual({ outcomes: [], newArticles: 0, errors: 0 });
    expect(await client.syncFeed('f1')).toMatchObject({ status: 'error', error: { kind: 'unavailable' } });
    expect(await client.subscribeAndDiscover('https://a.example/')).toMatchObject({ kind: 'error' });
  });
});
