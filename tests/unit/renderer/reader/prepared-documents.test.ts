// @vitest-environment jsdom
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { BroadsheetDb, subscribe } from '../../../../shared/db';
import { mergeParsedFeed } from '../../../../shared/sync/merge';
import { defaultReaderPreferences } from '../../../../renderer/reader/article-document';
import { readArticleSnapshot } from '../../../../renderer/reader/article-snapshot';
import type { DocumentKey } from '../../../../renderer/reader/prepared-documents';
import { createPreparedDocuments } from '../../../../renderer/reader/prepared-documents';

const T0 = Date.UTC(2025, 0, 15);
const IMAGE = 'https://daily.example/images/bridge.png';
let counter = 0;

/** A library with one article whose image is stored for offline reading (so its document holds an object URL). */
async function libraryWithStoredImage() {
  const db = new BroadsheetDb({ name: `prepared-${++counter}`, indexedDB: new IDBFactory(), IDBKeyRange });
  const created = await subscribe(db, 'https://daily.example/feed.xml', { now: T0 });
  if (!created.ok) throw new Error(created.error.message);
  const merged = await mergeParsedFeed(
    db,
    created.value.feed.id,
    { format: 'rss', title: 'Daily', items: [{ guid: 'bridge', url: 'https://daily.example/bridge', title: 'Bridge', summary: `<p><img src="${IMAGE}"></p>`, published: T0, categories: [], enclosures: [] }] },
    T0,
    () => ({}),
  );
  const id = merged?.added[0];
  if (!id) throw new Error('no article');
  await db.images.put({ url: IMAGE, articleId: id, blob: new Blob([new Uint8Array([1, 2, 3])], { type: 'image/png' }), type: 'image/png', bytes: 3, storedAt: T0 });
  return { db, id };
}

/** jsdom has no object URLs: count the ones made and the ones given back. */
function trackObjectUrls() {
  const live = new Set<string>();
  let made = 0;
  vi.spyOn(URL, 'createObjectURL').mockImplementation(() => {
    const url = `blob:test/${++made}`;
    live.add(url);
    return url;
  });
  vi.spyOn(URL, 'revokeObjectURL').mockImplementation((url: string) => {
    live.delete(url);
  });
  return { live, made: () => made };
}

afterEach(() => {
  vi.restoreAllMocks();
});

const key: DocumentKey = { preferences: defaultReaderPreferences, feedTitle: (_feedId, fallback) => fallback ?? '' };

describe('prepared reader documents', () => {
  it('gives back the image object URLs of a read-ahead that a live read of the same article overtook', async () => {
    const { db, id } = await libraryWithStoredImage();
    const urls = trackObjectUrls();
    const documents = createPreparedDocuments(db);
    // Opening an article not read ahead: its live query answers while the prepare started for it is still reading.
    const snapshot = await readArticleSnapshot(db, id);
    if (!snapshot) throw new Error('no snapshot');
    const readAhead = documents.prepare(id, key);
    documents.fromSnapshot(snapshot, key);
    await readAhead;
    expect(urls.made()).toBe(2);
    // Closing the reader gives every object URL back (after the frame's swap delay): none is left holding its blob.
    documents.clear();
    await vi.waitFor(() => expect([...urls.live]).toEqual([]), { timeout: 5000 });
  });

  it('gives back the object URLs of a read-ahead evicted while it was still reading', async () => {
    const { db, id } = await libraryWithStoredImage();
    const urls = trackObjectUrls();
    const documents = createPreparedDocuments(db);
    const readAhead = documents.prepare(id, key);
    // Reading on quickly: more documents arrive than the cache keeps, the slow read-ahead is the oldest.
    for (let n = 0; n < 8; n++) documents.fromArticle(`other-${n}`, { title: `Other ${n}`, feedTitle: 'Daily', html: '<p>x</p>' }, key);
    await readAhead;
    expect(urls.made()).toBe(1);
    await vi.waitFor(() => expect([...urls.live]).toEqual([]), { timeout: 5000 });
  });
});
