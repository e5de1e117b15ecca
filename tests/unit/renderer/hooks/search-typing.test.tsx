// @vitest-environment jsdom
/**
 * Typing a search costs the list pane and nothing else: the sidebar (a thousand feed rows in a big library) and the
 * reader do not re-render per keystroke, and an answer to a query the user has typed past is never shown, even when
 * it arrives after the newer one. Render commits are counted with React's Profiler over a real (in-memory) Dexie
 * library; the search Worker (which jsdom has not) is replaced by answers this test releases in the order it wants.
 */
import 'fake-indexeddb/auto';
import { act } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ArticleRow } from '../../../../shared/db';
import { BroadsheetDb, subscribe } from '../../../../shared/db';
import { mergeParsedFeed } from '../../../../shared/sync/merge';
import type { SearchOutcome, SearchRequestOptions } from '../../../../renderer/search/search-client';
import type { SearchService } from '../../../../renderer/search/search-service';
import { T0, items, parsedFeed } from '../../shared/db/test-db';
import { mountPanes, searchStandIn, until } from '../support/mount-panes';

let cleanup: (() => void) | null = null;
afterEach(() => {
  cleanup?.();
  cleanup = null;
});

/** A search stand-in whose index size the test sets (as the Worker's progress reports do). */
function growingIndex(search: SearchService['search']) {
  let progress = { phase: 'loading', indexed: 0, total: 0, size: 0 };
  const listeners = new Set<() => void>();
  const service = { ...searchStandIn(search, 0), progress: () => progress, onProgress: (listener: () => void) => (listeners.add(listener), () => listeners.delete(listener)) };
  const grow = (size: number) =>
    act(async () => {
      progress = { phase: 'ready', indexed: size, total: size, size };
      for (const listener of listeners) listener();
    });
  return { service: service as SearchService, grow };
}

/** The three panes over a real library of three articles, with a search service whose answers the test releases. */
async function mountSearchPanes(name: string, growing = false) {
  const db = new BroadsheetDb({ name });
  const result = await subscribe(db, 'https://alpha.example/feed.xml', { title: 'Alpha' });
  if (!result.ok) throw new Error(result.error.message);
  await mergeParsedFeed(db, result.value.feed.id, parsedFeed(items(3)), T0, () => ({ nextCheckAt: Date.now() + 86_400_000 }));
  const [first, second] = (await db.articles.toArray()) as [ArticleRow, ArticleRow];

  // Each search waits until the test answers it; answers are released by query.
  const asked: string[] = [];
  const answers = new Map<string, (outcome: SearchOutcome) => void>();
  const ask = (query: string) =>
    new Promise<SearchOutcome>((resolve) => {
      asked.push(query);
      answers.set(query, resolve);
    });
  const index = growingIndex(ask);
  const search = growing ? index.service : searchStandIn(ask, 3);
  const answer = (query: string, row: ArticleRow, indexed?: number) =>
    act(async () => answers.get(query)?.({ status: 'ok', hits: [{ id: row.id, score: 1 }], rows: [row], matched: 1, tookMs: 1, indexed }));

  const { app, container, commits, unmount } = await mountPanes(db, { search, ui: { view: { kind: 'search', query: '' }, selectedId: null } });
  cleanup = unmount;
  const shownIds = () => app.shownList.items.map((item) => item.id);
  await until(() => container.querySelector('nav .nav-item') !== null && container.querySelector('.search-meta') !== null);
  return { db, first, second, asked, answer, app, container, commits, shownIds, grow: index.grow };
}

/**
 * The panes over a library of 150 articles, more than the Worker sends rows for with an answer (as for any short
 * prefix in a real library), counting every read of article rows by key on this thread. The stand-in Worker ranks
 * `limit` hits (in `order` when it ranks them all), sends the rows of the first page as structured clones (new
 * objects each time), and marks each title on its first three letters except the second hit's, marked as far as the
 * query goes.
 */
async function mountManyHits(
  name: string,
  order: (rows: ArticleRow[], limit: number, query: string) => ArticleRow[] = (rows) => rows,
  hold?: (query: string, limit: number) => boolean,
) {
  const db = new BroadsheetDb({ name });
  const reads = { total: 0, inFlight: 0 };
  const counted = <T,>(read: Promise<T>): Promise<T> => {
    reads.total++;
    reads.inFlight++;
    return read.finally(() => reads.inFlight--);
  };
  db.use({
    stack: 'dbcore',
    name: 'count-row-reads',
    create: (down) => ({
      ...down,
      table: (table) => {
        const inner = down.table(table);
        if (table !== 'articles') return inner;
        return { ...inner, get: (request) => counted(inner.get(request)), getMany: (request) => counted(inner.getMany(request)) };
      },
    }),
  });
  const result = await subscribe(db, 'https://alpha.example/feed.xml', { title: 'Alpha' });
  if (!result.ok) throw new Error(result.error.message);
  await mergeParsedFeed(db, result.value.feed.id, parsedFeed(items(150)), T0, () => ({ nextCheckAt: Date.now() + 86_400_000 }));
  const rows = await db.articles.orderBy('sortTime').reverse().toArray();

  const asked: { query: string; limit: number | undefined }[] = [];
  // Answers `hold` picks wait until the test releases them.
  const held: (() => void)[] = [];
  const search = searchStandIn(async (query: string, options?: SearchRequestOptions) => {
    asked.push({ query, limit: options?.limit });
    if (hold?.(query, options?.limit ?? 100)) await new Promise<void>((release) => held.push(release));
    if (query.trim() === '') return { status: 'ok', hits: [], rows: [], matched: 0, tookMs: 1 };
    const ranked = order(rows, options?.limit ?? 100, query).slice(0, options?.limit);
    const hits = ranked.map((row) => ({ id: row.id, score: 1, matches: [{ field: 'title', ranges: [[0, row === rows[1] ? query.length - 1 : 2] as [number, number]] }] }));
    return { status: 'ok', hits, rows: structuredClone(ranked.slice(0, options?.pageRows ?? 0)), matched: rows.length, tookMs: 1 };
  }, rows.length);
  const { app, container, unmount } = await mountPanes(db, { search, ui: { view: { kind: 'search', query: '' }, selectedId: null } });
  cleanup = unmount;
  // Until nothing more happens: no row read in flight over several rounds of React commits and effects.
  const settle = async () => {
    for (let quiet = 0, round = 0; quiet < 10 && round < 1000; round++) {
      await act(async () => void (await new Promise((resolve) => setTimeout(resolve, 0))));
      quiet = reads.inFlight === 0 ? quiet + 1 : 0;
    }
  };
  const type = async (query: string) => {
    const before = app.shownList.items;
    await act(async () => app.ui.set({ view: { kind: 'search', query } }));
    await until(() => asked.some((question) => question.query === query) && app.shownList.items !== before);
    await settle();
    return app.shownList.items;
  };
  await settle();
  return { rows, reads, asked, app, container, type, held };
}

describe('typing a search', () => {
  it('re-renders the list pane only, and never shows the answer to a query typed past', async () => {
    const { db, first, second, asked, answer, app, commits, shownIds } = await mountSearchPanes('search-typing');
    // A first answer on screen (the reader then knows the list has rows).
    await act(async () => app.ui.set({ view: { kind: 'search', query: 'har' } }));
    await until(() => asked.includes('har'));
    await answer('har', first);
    await until(() => shownIds().length === 1);
    for (let settle = 0; settle < 5; settle++) await act(async () => void (await db.articles.count()));
    commits.clear();

    // Two keystrokes; the newer query is answered first, the older one after it.
    await act(async () => app.ui.set({ view: { kind: 'search', query: 'harb' } }));
    await act(async () => app.ui.set({ view: { kind: 'search', query: 'harbo' } }));
    await until(() => asked.includes('harbo'));
    await answer('harbo', second);
    await until(() => shownIds()[0] === second.id);
    await answer('harb', first);
    for (let settle = 0; settle < 5; settle++) await act(async () => void (await db.articles.count()));

    expect(shownIds()).toEqual([second.id]);
    expect(commits.get('list')).toBeGreaterThan(0);
    expect({ sidebar: commits.get('sidebar') ?? 0, reader: commits.get('reader') ?? 0 }).toEqual({ sidebar: 0, reader: 0 });
  });

  it('waits for the answer to a query asked while the index grows; asks again when it grows after, or the answer came from less', async () => {
    const { db, first, asked, answer, app, shownIds, grow } = await mountSearchPanes('search-index-grows', true);
    await act(async () => app.ui.set({ view: { kind: 'search', query: 'har' } }));
    await until(() => asked.includes('har'));
    // The snapshot loaded while the question was out: the Worker answers it after reporting so, from the loaded index.
    await grow(3);
    await answer('har', first, 3);
    await until(() => shownIds().length === 1);
    const har = () => asked.filter((query) => query === 'har');
    expect(har()).toHaveLength(1);
    // Answered, then the index grew: that answer is older than the articles added, so the query is asked again.
    await grow(4);
    await until(() => har().length === 2);
    // Grown while out, answered from the index before it grew (the Worker was reading the answer's rows): again.
    await grow(5);
    await answer('har', first, 4);
    await until(() => har().length === 3);
    await answer('har', first, 5);
    for (let settle = 0; settle < 5; settle++) await act(async () => void (await db.articles.count()));
    expect(har()).toHaveLength(3);
  });

  it('asks a feed: query again when a feed is renamed, a plain query not', async () => {
    const { db, first, asked, answer, app, container, shownIds } = await mountSearchPanes('search-feeds-changed');
    const feed = (await db.feeds.toArray())[0]!;
    const rename = async (title: string) => {
      await act(async () => void (await db.feeds.update(feed.id, { title })));
      await until(() => container.textContent?.includes(title) === true);
      for (let settle = 0; settle < 5; settle++) await act(async () => void (await db.articles.count()));
    };
    await act(async () => app.ui.set({ view: { kind: 'search', query: 'har' } }));
    await until(() => asked.includes('har'));
    await answer('har', first);
    await until(() => shownIds().length === 1);
    // At start-up the sidebar's rows change several times: an answer on its way was dropped for each.
    await rename('Alpha renamed');
    expect(asked.filter((query) => query === 'har')).toHaveLength(1);

    await act(async () => app.ui.set({ view: { kind: 'search', query: 'feed:alpha har' } }));
    await until(() => asked.includes('feed:alpha har'));
    await rename('Alpha again');
    expect(asked.filter((query) => query === 'feed:alpha har')).toHaveLength(2);
  });

  it('shows the current marks of the rows it painted from an answer: written after the answer, or while it was asked', async () => {
    const { db, first, asked, answer, app, shownIds } = await mountSearchPanes('search-marks');
    const shown = () => app.shownList.items.map((item) => `${item.title} read:${item.read} starred:${item.starred}`);
    await act(async () => app.ui.set({ view: { kind: 'search', query: 'har' } }));
    await until(() => asked.includes('har'));
    await answer('har', first);
    await until(() => shownIds().length === 1);
    expect(shown()).toEqual([`${first.title} read:false starred:false`]);

    // Marked elsewhere after the answer was painted: the row is read again and shows it.
    await act(async () => void (await db.articles.update(first.id, { starred: 1, starredAt: T0 })));
    await until(() => shown()[0] === `${first.title} read:false starred:true`);

    // Marked while the next question was out: the answer carries the row as it was when the Worker read it, and the
    // write heard of since the question makes the list read it again.
    await act(async () => app.ui.set({ view: { kind: 'search', query: 'harb' } }));
    await until(() => asked.includes('harb'));
    const before = (await db.articles.get(first.id))!;
    await act(async () => void (await db.articles.update(first.id, { read: 1 })));
    await answer('harb', before);
    await until(() => shown()[0] === `${first.title} read:true starred:true`);
  });

  it('paints each answer from its own message: no article row is read on this thread, unchanged rows keep their items', async () => {
    const { reads, type } = await mountManyHits('search-no-reads');
    reads.total = 0;
    const first = await type('har');
    const second = await type('harb');

    expect(reads.total).toBe(0);
    expect(second.map((item) => item.id)).toEqual(first.map((item) => item.id));
    // The second row's marks changed with the query; every other row is the very same item (its row is not rendered).
    expect(second[1]).not.toBe(first[1]);
    expect(second[1]!.titleMarks).toEqual([[0, 3]]);
    expect(second.filter((item, i) => item !== first[i]).map((item) => item.id)).toEqual([first[1]!.id]);
  });

  it('ranks one page per keystroke, counts the rest, and appends them after the page once the list is scrolled there', async () => {
    // Ranked in full, the Worker puts the last articles first: the page already shown must not move.
    const { rows, asked, app, container, type } = await mountManyHits('search-rest', (all, limit) => (limit > 100 ? [...all].reverse() : all));
    const page = await type('har');
    expect(asked.filter((question) => question.query === 'har').map((question) => question.limit)).toEqual([100]);
    expect(page.map((item) => item.id)).toEqual(rows.slice(0, 100).map((row) => row.id));
    expect(container.querySelector('.search-meta [role="status"]')?.textContent).toBe('150 results');

    // Scrolled near the end of the page: a list tall enough to draw all of it (jsdom lays nothing out, so the
    // height the virtualiser reads when the list appears is given here; the list appears again after no results).
    const tall = vi.spyOn(HTMLElement.prototype, 'clientHeight', 'get').mockReturnValue(96 * 120);
    try {
      await type('');
      await act(async () => app.ui.set({ view: { kind: 'search', query: 'har ' } }));
      await until(() => app.shownList.items.length === 150);
    } finally {
      tall.mockRestore();
    }
    const all = app.shownList.items.map((item) => item.id);
    expect(asked.filter((question) => question.query === 'har ').map((question) => question.limit)).toEqual([100, 300]);
    expect(all.slice(0, 100)).toEqual(rows.slice(0, 100).map((row) => row.id));
    expect(all.slice(100)).toEqual(rows.slice(100).reverse().map((row) => row.id));
  });

  it('drops the rest of the hits of a query typed past, arriving after the newer answer', async () => {
    const { rows, asked, app, held } = await mountManyHits(
      'search-rest-stale',
      // The newer query ranks the other way round, so the older query's hits are told apart from its own.
      (all, _limit, query) => (query === 'harb' ? [...all].reverse() : all),
      (query, limit) => query === 'har' && limit > 100,
    );
    const tall = vi.spyOn(HTMLElement.prototype, 'clientHeight', 'get').mockReturnValue(96 * 120);
    try {
      // The list is tall enough to ask for the rest at once; that answer is held back.
      await act(async () => app.ui.set({ view: { kind: 'search', query: 'har' } }));
      await until(() => asked.some((question) => question.query === 'har' && question.limit === 300));
      // The next keystroke ranks its own page, and only then does the older rest arrive.
      const before = app.shownList.items;
      await act(async () => app.ui.set({ view: { kind: 'search', query: 'harb' } }));
      await until(() => asked.some((question) => question.query === 'harb') && app.shownList.items !== before);
      const shown = app.shownList.items.map((item) => item.id);
      expect(shown).toEqual([...rows].reverse().slice(0, 100).map((row) => row.id));
      await act(async () => held.forEach((release) => release()));
      for (let round = 0; round < 20; round++) await act(async () => void (await new Promise((resolve) => setTimeout(resolve, 0))));
      expect(app.shownList.items.map((item) => item.id)).toEqual(shown);
    } finally {
      tall.mockRestore();
    }
  });
});
