// @vitest-environment jsdom
/**
 * A sync commit that changes some feed rows (a first fetch names the feed and brings its articles) re-renders those
 * rows of the sidebar and not the others: with 500 feeds a cold sync commits dozens of times, and re-rendering every
 * row on each commit filled the page's thread (a commit of 500 rows and their layout in one task). The sidebar's own
 * FeedItem rows are counted (each render the sidebar asks of a row), over a real (in-memory) Dexie library.
 */
import 'fake-indexeddb/auto';
import type { ComponentProps } from 'react';
import { act, createElement, memo } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { FeedRow } from '../../../../shared/db';
import { BroadsheetDb, subscribe } from '../../../../shared/db';
import { mergeParsedFeed } from '../../../../shared/sync/merge';
import { T0, items, parsedFeed } from '../../shared/db/test-db';
import { mountPanes, searchStandIn, settle, until } from '../support/mount-panes';

/** Renders of each feed's sidebar row that its props asked for (a row's own unread count is not counted here). */
const rowRenders = vi.hoisted(() => new Map<string, number>());

vi.mock('../../../../renderer/components/panes/sidebar/FeedItem', async (importOriginal) => {
  const original = await importOriginal<typeof import('../../../../renderer/components/panes/sidebar/FeedItem')>();
  // Memoised as the real row is: it runs exactly when the real row would re-render for its props.
  const Counted = memo(function CountedFeedItem(props: ComponentProps<typeof original.FeedItem>) {
    rowRenders.set(props.feed.id, (rowRenders.get(props.feed.id) ?? 0) + 1);
    return createElement(original.FeedItem, props);
  });
  return { ...original, FeedItem: Counted };
});

const noSearch = searchStandIn(() => Promise.reject(new Error('search was not expected here')), 0);

let cleanup: (() => void) | null = null;
afterEach(() => {
  cleanup?.();
  cleanup = null;
});

describe('sidebar rows during a sync', () => {
  it('a commit that names one feed and adds its articles re-renders that row alone', async () => {
    const db = new BroadsheetDb({ name: 'sidebar-rows' });
    const feeds: FeedRow[] = [];
    for (const name of ['alpha', 'beta', 'gamma']) {
      const result = await subscribe(db, `https://${name}.example/feed.xml`);
      if (!result.ok) throw new Error(result.error.message);
      feeds.push(result.value.feed);
    }
    const [alpha, beta, gamma] = feeds as [FeedRow, FeedRow, FeedRow];
    const { container, commits, unmount } = await mountPanes(db, { search: noSearch, ui: { view: { kind: 'unread' }, selectedId: null } });
    cleanup = unmount;
    const rows = () => [...container.querySelectorAll<HTMLElement>('nav .feed-item')];
    await until(() => rows().length === 3);
    await settle(commits, db);
    rowRenders.clear();

    // What a sync's first fetch of Alpha commits: its title from the feed, and its articles.
    await act(async () => void (await mergeParsedFeed(db, alpha.id, parsedFeed(items(3), { title: 'Alpha Daily' }), T0, () => ({ nextCheckAt: Date.now() + 86_400_000 }))));
    await until(() => rows().some((row) => row.textContent === 'AAlpha Daily3'));
    await settle(commits, db);

    expect(rowRenders.get(alpha.id)).toBeGreaterThan(0);
    expect({ beta: rowRenders.get(beta.id) ?? 0, gamma: rowRenders.get(gamma.id) ?? 0 }).toEqual({ beta: 0, gamma: 0 });
  });
});
