// @vitest-environment jsdom
/**
 * A change to one feed's unread count re-renders the sidebar rows that show it (the feed, the unread total) and
 * nothing else: not the article list, not the reader, not another feed's row. Render commits are counted with
 * React's Profiler around each pane and around two feed rows, over a real (in-memory) Dexie library.
 */
// Dexie's live queries run on the global IndexedDB (a factory passed to one database is not watched by them).
import 'fake-indexeddb/auto';
import { act } from 'react';
import { afterEach, describe, expect, it } from 'vitest';
import type { FeedRow } from '../../../../shared/db';
import { BroadsheetDb, markRead, subscribe } from '../../../../shared/db';
import { mergeParsedFeed } from '../../../../shared/sync/merge';
import { FeedItem } from '../../../../renderer/components/panes/sidebar/FeedItem';
import { T0, items, parsedFeed } from '../../shared/db/test-db';
import { mountPanes, searchStandIn, settle, until } from '../support/mount-panes';

/** Nothing here searches, and a call would fail the test. */
const noSearch = searchStandIn(() => Promise.reject(new Error('search was not expected here')), 0);

let cleanup: (() => void) | null = null;
afterEach(() => {
  cleanup?.();
  cleanup = null;
});

/** Alpha and Beta with three articles each, the panes mounted on Alpha's first article, everything settled. */
async function mountTwoFeeds(dbName: string) {
  const db = new BroadsheetDb({ name: dbName });
  const added: FeedRow[] = [];
  for (const name of ['alpha', 'beta']) {
    const result = await subscribe(db, `https://${name}.example/feed.xml`, { title: name === 'alpha' ? 'Alpha' : 'Beta' });
    if (!result.ok) throw new Error(result.error.message);
    // Not due for a day, so nothing would sync during the test even if an engine ran.
    await mergeParsedFeed(db, result.value.feed.id, parsedFeed(items(3)), T0, () => ({ nextCheckAt: Date.now() + 86_400_000 }));
    added.push((await db.feeds.get(result.value.feed.id))!);
  }
  const [alpha, beta] = added as [FeedRow, FeedRow];
  const alphaArticle = (await db.articles.where('feedId').equals(alpha.id).first())!;
  const betaArticle = (await db.articles.where('feedId').equals(beta.id).first())!;

  const noop = () => undefined;
  const { container, commits, unmount } = await mountPanes(db, {
    search: noSearch,
    ui: { view: { kind: 'feed', feedId: alpha.id }, selectedId: alphaArticle.id },
    extra: (probe) => (
      <ul>
        {probe('row:alpha', <FeedItem feed={alpha} selected={false} dropTarget={false} favicon={undefined} onSelect={noop} onMenu={noop} onDragOver={noop} onDrop={noop} />)}
        {probe('row:beta', <FeedItem feed={beta} selected={false} dropTarget={false} favicon={undefined} onSelect={noop} onMenu={noop} onDragOver={noop} onDrop={noop} />)}
      </ul>
    ),
  });
  cleanup = unmount;

  const sidebarButton = (title: string) => [...container.querySelectorAll<HTMLElement>('nav .nav-item')].find((button) => button.textContent?.includes(title));
  // Everything on screen: Beta with 3 unread, Alpha's list (jsdom lays nothing out, so the virtualised list draws
  // no rows), the selected article in the reader, marked read on open (Alpha 2, All unread 5).
  await until(
    () =>
      sidebarButton('Beta')?.textContent?.endsWith('3') === true &&
      container.querySelector('[role="listbox"][aria-label="Alpha articles"]') !== null &&
      sidebarButton('Alpha')?.textContent?.endsWith('2') === true &&
      sidebarButton('All unread')?.textContent?.endsWith('5') === true &&
      container.querySelector('.reader-toolbar button:nth-child(2)')?.textContent === 'Mark unread',
  );
  await settle(commits, db);
  commits.clear();

  return { db, alpha, beta, betaArticle, container, commits, sidebarButton };
}

describe('render only what changed', () => {
  it('re-renders the changed feed row and the unread total, not the list, the reader or other feeds', async () => {
    const { db, betaArticle, commits, sidebarButton } = await mountTwoFeeds('render-only-what-changed');
    // Another feed's article is read (by a sync, another window, the menu): Beta's count goes from 3 to 2.
    await act(async () => void (await markRead(db, [betaArticle.id])));
    await until(() => sidebarButton('Beta')?.textContent?.endsWith('2') === true && sidebarButton('All unread')?.textContent?.endsWith('4') === true);
    expect(sidebarButton('Alpha')?.textContent?.endsWith('2')).toBe(true);
    await settle(commits, db);

    expect(commits.get('row:beta')).toBeGreaterThan(0);
    expect(commits.get('sidebar')).toBeGreaterThan(0);
    expect({ list: commits.get('list') ?? 0, reader: commits.get('reader') ?? 0, otherFeed: commits.get('row:alpha') ?? 0 }).toEqual({ list: 0, reader: 0, otherFeed: 0 });
  });

  it('re-renders nothing when a fetch changes only a feed\'s bookkeeping (a 304 answer)', async () => {
    const { db, alpha, commits, sidebarButton } = await mountTwoFeeds('render-only-what-changed-304');
    // What the sync engine writes for a 304: validators, fetch times, the next check.
    await act(async () => void (await db.feeds.update(alpha.id, { etag: '"v2"', lastModified: 'Tue, 02 Jan 2024 00:00:00 GMT', lastFetchedAt: T0 + 1, lastSuccessAt: T0 + 1, nextCheckAt: T0 + 3_600_000 })));
    expect((await db.feeds.get(alpha.id))?.etag).toBe('"v2"');
    await settle(commits, db);
    expect(Object.fromEntries(commits)).toEqual({});

    // The same write with a change the sidebar shows does reach it (the live queries did see the first one).
    await act(async () => void (await db.feeds.update(alpha.id, { title: 'Alpha renamed', etag: '"v3"' })));
    await until(() => sidebarButton('Alpha renamed') !== undefined);
    expect(commits.get('sidebar')).toBeGreaterThan(0);
  });

  it('a feed renamed by a sync re-renders the reader only when the article on screen is from that feed', async () => {
    const { db, alpha, beta, container, commits, sidebarButton } = await mountTwoFeeds('render-only-what-changed-rename');
    // The frame's first document comes as its srcdoc, which jsdom does not load; later ones replace its document.
    const readerText = () => {
      const frame = container.querySelector<HTMLIFrameElement>('iframe.reader-frame');
      const shown = frame?.contentDocument?.body?.textContent ?? '';
      return shown !== '' ? shown : new DOMParser().parseFromString(frame?.getAttribute('srcdoc') ?? '', 'text/html').body.textContent ?? '';
    };
    await until(() => readerText().includes('Alpha'));
    // A sync's first fetch names a feed: another feed's new name is none of the reader's business.
    await act(async () => void (await db.feeds.update(beta.id, { title: 'Beta Daily' })));
    await until(() => sidebarButton('Beta Daily') !== undefined);
    await settle(commits, db);
    expect(commits.get('reader') ?? 0).toBe(0);

    // The name of the feed of the article on screen does reach the reader.
    await act(async () => void (await db.feeds.update(alpha.id, { title: 'Alpha Weekly' })));
    await until(() => readerText().includes('Alpha Weekly'));
    expect(commits.get('reader')).toBeGreaterThan(0);
  });
});
