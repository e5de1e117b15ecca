// @vitest-environment jsdom
/**
 * "Mark read on open" writes a moment after the article shows (renderer/reader/read-marks): every article that was on
 * screen is marked, even one shown only from its read-ahead copy, and even when the window is closed or reloaded
 * within that moment (which runs no unmount and no timer again). The panes are mounted over a real (in-memory) Dexie
 * library; the window going away is its pagehide, after which nothing of it can reach the library (its database
 * connection closes); the next start is a fresh mount.
 */
// Dexie's live queries run on the global IndexedDB (a factory passed to one database is not watched by them).
import 'fake-indexeddb/auto';
import { act } from 'react';
import { afterEach, describe, expect, it } from 'vitest';
import { BroadsheetDb, subscribe } from '../../../../../../shared/db';
import { mergeParsedFeed } from '../../../../../../shared/sync/merge';
import { T0, items, parsedFeed } from '../../../../shared/db/test-db';
import { mountPanes, searchStandIn, until, type MountedPanes } from '../../../support/mount-panes';

const noSearch = searchStandIn(() => Promise.reject(new Error('search was not expected here')), 0);

const mounted: MountedPanes[] = [];
afterEach(() => {
  for (const panes of mounted.splice(0)) panes.unmount();
  localStorage.clear();
});

/** A library named `name` with one feed, "News", of `count` unread articles (not due for a day: nothing syncs). */
async function newsLibrary(name: string, count: number): Promise<{ db: BroadsheetDb; feedId: string }> {
  const db = new BroadsheetDb({ name });
  const result = await subscribe(db, 'https://news.example/feed.xml', { title: 'News' });
  if (!result.ok) throw new Error(result.error.message);
  const feedId = result.value.feed.id;
  await mergeParsedFeed(db, feedId, parsedFeed(items(count)), T0, () => ({ nextCheckAt: Date.now() + 86_400_000 }));
  return { db, feedId };
}

describe('mark read on open', () => {
  it('an article opened just before the window is closed is read at the next start', async () => {
    const name = 'mark-read-on-leave';
    const { db, feedId } = await newsLibrary(name, 2);
    const opened = (await db.articles.where('feedId').equals(feedId).first())!;

    const first = await mountPanes(db, { search: noSearch, ui: { view: { kind: 'feed', feedId }, selectedId: opened.id } });
    mounted.push(first);
    const readButton = (panes: MountedPanes) => panes.container.querySelector('.reader-toolbar button:nth-child(2)')?.textContent;
    // The article is on screen, still unread: its mark is waiting.
    await until(() => readButton(first) === 'Mark read');

    // The window is closed: pagehide, and its database connection goes with it (a write it tries later fails).
    act(() => void window.dispatchEvent(new Event('pagehide')));
    db.close();

    const again = await mountPanes(new BroadsheetDb({ name }), { search: noSearch, ui: { view: { kind: 'feed', feedId }, selectedId: null } });
    mounted.push(again);
    const newsRow = () => [...again.container.querySelectorAll<HTMLElement>('nav .nav-item')].find((button) => button.textContent?.includes('News'));
    await until(() => newsRow()?.textContent?.endsWith('1') === true);
    const check = new BroadsheetDb({ name });
    expect((await check.articles.get(opened.id))?.read).toBe(1);
    expect((await check.feeds.get(feedId))?.unreadCount).toBe(1);
    check.close();
  });

  it('an article shown from its read-ahead copy and passed over before its own row was read is marked too', async () => {
    const name = 'mark-read-read-ahead';
    const { db, feedId } = await newsLibrary(name, 3);
    const panes = await mountPanes(db, { search: noSearch, ui: { view: { kind: 'feed', feedId }, selectedId: null } });
    mounted.push(panes);
    const { app } = panes;
    // Which articles the reader has read ahead (prepared for the next j).
    const prepared = new Set<string>();
    const prepare = app.documents.prepare.bind(app.documents);
    app.documents.prepare = (id, key) => prepare(id, key).then((document) => (prepared.add(id), document));
    await until(() => app.shownList.items.length === 3);
    const [first, second] = app.shownList.items.map((item) => item.id) as [string, string];
    act(() => app.ui.set({ selectedId: first }));
    const newsRow = () => [...panes.container.querySelectorAll<HTMLElement>('nav .nav-item')].find((button) => button.textContent?.includes('News'));
    // The first is on screen and read; the second is read ahead.
    await until(() => newsRow()?.textContent?.endsWith('2') === true && prepared.has(second));

    // j, and on at once: the second shows from its read-ahead copy and is left before its own row is read.
    act(() => app.ui.set({ selectedId: second }));
    expect(panes.container.querySelector('iframe')).not.toBeNull();
    act(() => app.ui.set({ selectedId: null }));
    await until(() => newsRow()?.textContent?.endsWith('1') === true);
    expect((await db.articles.get(second))?.read).toBe(1);
  });
});
