// Live queries need the global IndexedDB (Dexie's change tracking works through it), as in the app.
import 'fake-indexeddb/auto';
import { liveQuery } from 'dexie';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { BroadsheetDb, subscribe } from '../../../../shared/db';
import { mergeParsedFeed } from '../../../../shared/sync/merge';
import { articleWrites } from '../../../../renderer/search/article-writes';

const T0 = Date.UTC(2025, 0, 15);

afterEach(() => {
  vi.restoreAllMocks();
});

describe('the article writes watcher', () => {
  it('a listener that throws neither stops the others nor the live queries that show the library', async () => {
    vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const db = new BroadsheetDb({ name: 'article-writes-throwing' });
    const created = await subscribe(db, 'https://daily.example/feed.xml', { now: T0 });
    if (!created.ok) throw new Error(created.error.message);
    // A live query already on screen (the list, the counts) before the search results start watching writes.
    const counts: number[] = [];
    const shown = liveQuery(() => db.articles.count()).subscribe({ next: (count) => counts.push(count) });
    await vi.waitFor(() => expect(counts).toEqual([0]));

    const writes = articleWrites(db.name);
    writes.onWrite(() => {
      throw new Error('a broken search view');
    });
    let heard = 0;
    writes.onWrite(() => {
      heard += 1;
    });
    await mergeParsedFeed(
      db,
      created.value.feed.id,
      { format: 'rss', title: 'Daily', items: [{ guid: 'a', url: 'https://daily.example/a', title: 'A', summary: 'A', published: T0, categories: [], enclosures: [] }] },
      T0,
      () => ({}),
    );
    await vi.waitFor(() => expect(counts).toEqual([0, 1]));
    expect(heard).toBe(1);
    expect(writes.count()).toBe(1);
    shown.unsubscribe();
  });
});
