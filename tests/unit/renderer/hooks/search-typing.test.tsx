// @vitest-environment jsdom
/**
 * Typing a search costs the list pane and nothing else: the sidebar (a thousand feed rows in a big library) and the
 * reader do not re-render per keystroke, and an answer to a query the user has typed past is never shown, even when
 * it arrives after the newer one. Render commits are counted with React's Profiler over a real (in-memory) Dexie
 * library; the search Worker (which jsdom has not) is replaced by answers this test releases in the order it wants.
 */
import 'fake-indexeddb/auto';
import { act } from 'react';
import { afterEach, describe, expect, it } from 'vitest';
import type { ArticleRow } from '../../../../shared/db';
import { BroadsheetDb, subscribe } from '../../../../shared/db';
import { mergeParsedFeed } from '../../../../shared/sync/merge';
import type { SearchOutcome } from '../../../../renderer/search/search-client';
import { T0, items, parsedFeed } from '../../shared/db/test-db';
import { mountPanes, searchStandIn, until } from '../support/mount-panes';

let cleanup: (() => void) | null = null;
afterEach(() => {
  cleanup?.();
  cleanup = null;
});

/** The three panes over a real library of three articles, with a search service whose answers the test releases. */
async function mountSearchPanes(name: string) {
  const db = new BroadsheetDb({ name });
  const result = await subscribe(db, 'https://alpha.example/feed.xml', { title: 'Alpha' });
  if (!result.ok) throw new Error(result.error);
  await mergeParsedFeed(db, result.value.feed.id, parsedFeed(items(3)), T0, () => ({ nextCheckAt: Date.now() + 86_400_000 }));
  const [first, second] = (await db.articles.toArray()) as [ArticleRow, ArticleRow];

  // Each search waits until the test answers it; answers are released by query.
  const asked: string[] = [];
  const answers = new Map<string, (outcome: SearchOutcome) => void>();
  const search = searchStandIn(
    (query: string) =>
      new Promise<SearchOutcome>((resolve) => {
        asked.push(query);
        answers.set(query, resolve);
      }),
    3,
  );
  const answer = (query: string, row: ArticleRow) =>
    act(async () => answers.get(query)?.({ status: 'ok', hits: [{ id: row.id, score: 1 }], rows: [row], tookMs: 1 }));

  const { app, container, commits, unmount } = await mountPanes(db, { search, ui: { view: { kind: 'search', query: '' }, selectedId: null } });
  cleanup = unmount;
  const shownIds = () => app.shownList.items.map((item) => item.id);
  await until(() => container.querySelector('nav .nav-item') !== null && container.querySelector('.search-meta') !== null);
  return { db, first, second, asked, answer, app, commits, shownIds };
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
});
