import { IDBFactory } from 'fake-indexeddb';
import { RangeSet } from 'dexie';
import { describe, expect, it, vi } from 'vitest';
import { createSearchWorkerHandler } from '../../../../shared/search/worker-handler';
import { createLibraryIndexer } from '../../../../renderer/search/library-indexer';
import { articlesToIndex } from '../../../../renderer/search/articles-to-index';
import { freshDb, T0 } from '../../shared/db/test-db';
import { article, searchIds } from './library-articles';

describe('the library indexer (inside the search Worker)', () => {
  it('builds from the library at first start, including text that is only in the article body', async () => {
    const factory = new IDBFactory();
    const db = freshDb(factory, 'lib');
    await db.articles.bulkPut([article(1, T0, 'Harbour reopens'), article(2, T0, 'Council meets')]);
    await db.contents.bulkPut([
      { articleId: 'feed1:1', html: '<p>The <b>lighthouse</b> keeper waved.</p>', enclosures: [], categories: [] },
      { articleId: 'feed1:2', html: '<p>Budget talks.</p>', enclosures: [], categories: [] },
    ]);
    const handle = createSearchWorkerHandler();
    const indexer = createLibraryIndexer(handle, () => freshDb(factory, 'lib'));
    expect(await indexer.open('lib')).toEqual({ size: 2, source: 'built', caughtUp: 2 });
    expect(searchIds(handle, 'lighthouse')).toEqual(['feed1:1']);
    expect(searchIds(handle, 'counci')).toEqual(['feed1:2']);
  });

  it('starts from the saved snapshot and indexes only what arrived after it', async () => {
    const factory = new IDBFactory();
    const db = freshDb(factory, 'lib');
    await db.articles.bulkPut([article(1, T0, 'Harbour reopens')]);
    const first = createLibraryIndexer(createSearchWorkerHandler(), () => freshDb(factory, 'lib'));
    await first.open('lib');
    await first.save();
    expect(await db.searchSnapshots.count()).toBe(1);

    await db.articles.bulkPut([article(2, T0 + 60_000, 'Bridge closes'), article(3, T0 + 60_000, 'Ferry delayed')]);
    const handle = createSearchWorkerHandler();
    const second = createLibraryIndexer(handle, () => freshDb(factory, 'lib'));
    expect(await second.open('lib')).toEqual({ size: 3, source: 'snapshot', caughtUp: 2 });
    expect(searchIds(handle, 'harbour')).toEqual(['feed1:1']);
    expect(searchIds(handle, 'ferry')).toEqual(['feed1:3']);
  });

  it('takes every article of a fetch even when a fetch is larger than one chunk', async () => {
    const factory = new IDBFactory();
    const db = freshDb(factory, 'lib');
    await db.articles.bulkPut(Array.from({ length: 1203 }, (_, n) => article(n, T0 + (n < 700 ? 0 : 1000), `Story number ${n}`)));
    const indexer = createLibraryIndexer(createSearchWorkerHandler(), () => freshDb(factory, 'lib'));
    expect(await indexer.open('lib')).toMatchObject({ size: 1203, caughtUp: 1203 });
  });

  it('indexes new articles by id and forgets removed ones', async () => {
    const factory = new IDBFactory();
    const db = freshDb(factory, 'lib');
    const handle = createSearchWorkerHandler();
    const indexer = createLibraryIndexer(handle, () => freshDb(factory, 'lib'));
    await indexer.open('lib');
    await db.articles.put(article(9, T0, 'Volcano erupts'));
    expect(await indexer.index(['feed1:9', 'feed1:missing'])).toBe(1);
    expect(searchIds(handle, 'volcano')).toEqual(['feed1:9']);
    expect(indexer.forget(['feed1:9'])).toBe(0);
    expect(searchIds(handle, 'volcano')).toEqual([]);
  });

  it('indexes new articles given with their rows, title and body, without reading them back', async () => {
    const factory = new IDBFactory();
    const handle = createSearchWorkerHandler();
    const reads: Array<ReturnType<typeof vi.spyOn>> = [];
    const indexer = createLibraryIndexer(handle, () => {
      const own = freshDb(factory, 'lib');
      reads.push(vi.spyOn(own.articles, 'bulkGet'), vi.spyOn(own.contents, 'bulkGet'));
      return own;
    });
    await indexer.open('lib');
    const rows = [
      { article: article(7, T0, 'Glacier retreats'), content: { articleId: 'feed1:7', html: '<p>The <i>meltwater</i> rose.</p>', enclosures: [], categories: [] } },
      { article: article(8, T0, 'Orchard blooms'), content: { articleId: 'feed1:8', html: '', enclosures: [], categories: [] } },
    ];
    const columns = articlesToIndex(rows);
    expect(await indexer.indexRows(columns)).toBe(2);
    // The message's texts are let go as they are indexed (they are read once), the ids kept.
    expect([columns.titles, columns.summaries, columns.bodies]).toEqual([['', ''], ['', ''], ['', '']]);
    expect(columns.ids).toEqual(['feed1:7', 'feed1:8']);
    expect(searchIds(handle, 'glacier')).toEqual(['feed1:7']);
    expect(searchIds(handle, 'meltwater')).toEqual(['feed1:7']);
    expect(searchIds(handle, 'orchard')).toEqual(['feed1:8']);
    expect(reads).toHaveLength(2);
    for (const read of reads) expect(read).not.toHaveBeenCalled();
  });

  it('indexes messages of rows that arrive while one is indexed in the order they came: the same ranking as one message', async () => {
    // Articles that tie in a search (same words, same date) come out in the order they were indexed.
    const tied = (n: number) => ({
      article: { ...article(n, T0, 'Harbour news'), published: T0 },
      content: { articleId: `feed1:${n}`, html: '<p>harbour</p>', enclosures: [], categories: [] },
    });
    const rows = Array.from({ length: 6 }, (_, n) => tied(n));
    const indexed = async (messages: Array<typeof rows>): Promise<string[]> => {
      const factory = new IDBFactory();
      const handle = createSearchWorkerHandler();
      // One article per slice: each message takes several, and the next one arrives in between.
      const indexer = createLibraryIndexer(handle, () => freshDb(factory, 'lib'), { sliceDocs: 1 });
      await indexer.open('lib');
      await Promise.all(messages.map((message) => indexer.indexRows(articlesToIndex(message))));
      return searchIds(handle, 'harbour');
    };
    const inOne = await indexed([rows]);
    expect(inOne).toHaveLength(6);
    expect(await indexed([rows.slice(0, 3), rows.slice(3)])).toEqual(inOne);
    expect(await indexed([rows.slice(0, 1), rows.slice(1, 4), rows.slice(4)])).toEqual(inOne);
  });

  it('saves the index two minutes after the last change, once, however many changes came before', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'performance'] });
    try {
      const factory = new IDBFactory();
      const db = freshDb(factory, 'lib');
      const indexer = createLibraryIndexer(createSearchWorkerHandler(), () => freshDb(factory, 'lib'), { yieldToQueue: () => new Promise((resolve) => setImmediate(resolve)) });
      await indexer.open('lib');
      const saved = async (): Promise<number> => {
        // The save's database writes are tasks of their own: let them run before counting.
        for (let k = 0; k < 20; k++) await new Promise((resolve) => setImmediate(resolve));
        return db.searchSnapshots.count();
      };
      const change = (n: number) => indexer.indexRows(articlesToIndex([{ article: article(n, T0, `Story ${n}`), content: { articleId: `feed1:${n}`, html: '', enclosures: [], categories: [] } }]));
      await change(1);
      await vi.advanceTimersByTimeAsync(90_000);
      await change(2);
      await vi.advanceTimersByTimeAsync(60_000);
      // Two minutes after the first change, one after the last: not yet.
      expect(await saved()).toBe(0);
      await vi.advanceTimersByTimeAsync(60_000);
      expect(await saved()).toBe(1);
      const written = (await db.searchSnapshots.toArray()).map((row) => row.coversFetchedAt);
      await vi.advanceTimersByTimeAsync(10 * 60_000);
      expect(await saved()).toBe(1);
      expect((await db.searchSnapshots.toArray()).map((row) => row.coversFetchedAt)).toEqual(written);
    } finally {
      vi.useRealTimers();
    }
  });

  it('builds in slices, answering searches between them from what is indexed so far, and reports progress', async () => {
    const factory = new IDBFactory();
    const db = freshDb(factory, 'lib');
    await db.articles.bulkPut(Array.from({ length: 10 }, (_, n) => article(n, T0 + n, `Harbour story ${n}`)));
    const handle = createSearchWorkerHandler();
    const seenBetweenSlices: number[] = [];
    const progress: string[] = [];
    const indexer = createLibraryIndexer(handle, () => freshDb(factory, 'lib'), {
      sliceDocs: 3,
      yieldToQueue: async () => {
        seenBetweenSlices.push(searchIds(handle, 'harbour').length);
      },
      onProgress: (p) => progress.push(`${p.phase} ${p.indexed}/${p.total} size ${p.size}`),
    });
    expect(await indexer.open('lib')).toMatchObject({ size: 10, source: 'built', caughtUp: 10 });
    expect(seenBetweenSlices).toEqual([3, 6, 9, 10]);
    expect(progress).toEqual([
      'loading 0/0 size 0',
      'indexing 0/10 size 0',
      'indexing 3/10 size 3',
      'indexing 6/10 size 6',
      'indexing 9/10 size 9',
      'indexing 10/10 size 10',
      'ready 10/10 size 10',
    ]);
  });

  it('first build: finds each article by its own body across chunks, and takes articles stored while it runs', async () => {
    const factory = new IDBFactory();
    const db = freshDb(factory, 'lib');
    await db.articles.bulkPut(Array.from({ length: 7 }, (_, n) => article(n + 10, T0, `Story ${n}`)));
    // Bodies for some articles only, as in a real library (contents are kept under the article's id).
    const bodies = ['lighthouse', 'volcano', 'glacier'];
    await db.contents.bulkPut([11, 14, 16].map((n, i) => ({ articleId: `feed1:${n}`, html: `<p>The ${bodies[i]} story.</p>`, enclosures: [], categories: [] })));
    const handle = createSearchWorkerHandler();
    let stored = false;
    const indexer = createLibraryIndexer(handle, () => freshDb(factory, 'lib'), {
      sliceDocs: 2,
      // A sync stores an article while the build runs, with an id before the build's position.
      yieldToQueue: async () => {
        if (stored) return;
        stored = true;
        await db.articles.put(article(0, T0 + 60_000, 'Ferry delayed'));
      },
    });
    expect(await indexer.open('lib')).toMatchObject({ size: 8, source: 'built' });
    expect(searchIds(handle, 'lighthouse')).toEqual(['feed1:11']);
    expect(searchIds(handle, 'volcano')).toEqual(['feed1:14']);
    expect(searchIds(handle, 'glacier')).toEqual(['feed1:16']);
    expect(searchIds(handle, 'ferry')).toEqual(['feed1:0']);
  });

  it('reads the rows of the first hits for the list, in the order asked', async () => {
    const factory = new IDBFactory();
    const db = freshDb(factory, 'lib');
    await db.articles.bulkPut([article(1, T0, 'One'), article(2, T0, 'Two')]);
    const indexer = createLibraryIndexer(createSearchWorkerHandler(), () => freshDb(factory, 'lib'));
    await indexer.open('lib');
    expect((await indexer.rows(['feed1:2', 'feed1:gone', 'feed1:1'])).map((row) => row.title)).toEqual(['Two', 'One']);
  });

  it('answers rows from its cache, but never a row as it was before a write: marks, hidden, titles and big writes', async () => {
    const factory = new IDBFactory();
    const ui = freshDb(factory, 'rows');
    await ui.articles.bulkPut([article(1, T0, 'One'), article(2, T0, 'Two'), article(3, T0, 'Three')]);
    let workerDb: ReturnType<typeof freshDb> | null = null;
    const indexer = createLibraryIndexer(createSearchWorkerHandler(), () => (workerDb = freshDb(factory, 'rows')));
    await indexer.open('rows');
    const reads = vi.spyOn(workerDb!.articles, 'bulkGet');
    const ids = ['feed1:1', 'feed1:2', 'feed1:3'];
    const view = async () => (await indexer.rows(ids)).map((row) => `${row.title} r${row.read} s${row.starred} h${row.hidden ?? 0}`);
    expect(await view()).toEqual(['One r0 s0 h0', 'Two r0 s0 h0', 'Three r0 s0 h0']);
    expect(await view()).toEqual(['One r0 s0 h0', 'Two r0 s0 h0', 'Three r0 s0 h0']);
    // The second answer came from the cache.
    expect(reads.mock.calls.map((call) => call[0])).toEqual([ids]);

    // Written from another context (the UI thread's own Dexie): only the written rows are read again.
    await ui.articles.update('feed1:1', { read: 1 });
    await ui.articles.update('feed1:2', { starred: 1, starredAt: T0 });
    await ui.articles.update('feed1:3', { hidden: 1 });
    expect(await view()).toEqual(['One r1 s0 h0', 'Two r0 s1 h0', 'Three r0 s0 h1']);
    expect(reads.mock.calls.at(-1)?.[0]).toEqual(ids);
    await ui.articles.put({ ...article(2, T0, 'Two, corrected'), starred: 1, starredAt: T0 });
    expect(await view()).toEqual(['One r1 s0 h0', 'Two, corrected r0 s1 h0', 'Three r0 s0 h1']);
    expect(reads.mock.calls.at(-1)?.[0]).toEqual(['feed1:2']);

    // A write of many rows (Dexie reports the whole table) drops everything; a deleted row is left out.
    await ui.articles.bulkPut(Array.from({ length: 60 }, (_, n) => ({ ...article(n + 1, T0, `Again ${n + 1}`), read: 1 as const })));
    await ui.articles.delete('feed1:3');
    expect(await view()).toEqual(['Again 1 r1 s0 h0', 'Again 2 r1 s0 h0']);
    await ui.articles.update('feed1:1', { read: 0 });
    expect(await view()).toEqual(['Again 1 r0 s0 h0', 'Again 2 r1 s0 h0']);
  });

  it('drops the rows of a write the UI thread forwards, before Dexie tells it directly', async () => {
    const factory = new IDBFactory();
    const ui = freshDb(factory, 'forwarded');
    await ui.articles.bulkPut([article(1, T0, 'One'), article(2, T0, 'Two')]);
    const indexer = createLibraryIndexer(createSearchWorkerHandler(), () => freshDb(factory, 'forwarded'));
    await indexer.open('forwarded');
    expect((await indexer.rows(['feed1:1', 'feed1:2'])).map((row) => row.read)).toEqual([0, 0]);
    // Written behind Dexie's back (a raw IndexedDB put reports nothing), then the forwarded report of that write.
    const raw = ui.backendDB();
    await new Promise<void>((resolve, reject) => {
      const tx = raw.transaction('articles', 'readwrite');
      tx.objectStore('articles').put({ ...article(2, T0, 'Two'), read: 1 });
      tx.oncomplete = () => resolve();
      tx.onerror = () => reject(tx.error);
    });
    expect((await indexer.rows(['feed1:1', 'feed1:2'])).map((row) => row.read)).toEqual([0, 0]);
    indexer.written({ 'idb://forwarded/articles/': new RangeSet('feed1:2') });
    expect((await indexer.rows(['feed1:1', 'feed1:2'])).map((row) => row.read)).toEqual([0, 1]);
  });
});
