// Live queries need the global IndexedDB (Dexie's change tracking works through it), as in the app.
import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { subscribe } from '../../../../shared/db/feeds';
import { listArticles } from '../../../../shared/db/queries';
import { markRead } from '../../../../shared/db/read-state';
import { BroadsheetDb } from '../../../../shared/db/schema';
import { mergeParsedFeed } from '../../../../shared/sync/merge';
import type { ArticlePages, ArticlePagesSnapshot } from '../../../../renderer/hooks/article-pages';
import { createArticlePages } from '../../../../renderer/hooks/article-pages';
import { HOUR, item, items, parsedFeed, T0 } from '../../shared/db/test-db';

/** Resolves with the first snapshot (now or later) that `holds`. */
function until(pages: ArticlePages, holds: (snapshot: ArticlePagesSnapshot) => boolean): Promise<ArticlePagesSnapshot> {
  return new Promise((resolve) => {
    const check = () => {
      const snapshot = pages.snapshot();
      if (!holds(snapshot)) return;
      stop();
      resolve(snapshot);
    };
    const stop = pages.subscribe(check);
    check();
  });
}

let databases = 0;

async function library(n: number): Promise<{ db: BroadsheetDb; feedId: string }> {
  const db = new BroadsheetDb({ name: `article-pages-${++databases}` });
  const sub = await subscribe(db, 'https://a.example/feed', { now: T0 });
  if (!sub.ok) throw new Error(sub.error.message);
  await mergeParsedFeed(db, sub.value.feed.id, parsedFeed(items(n)), T0, () => ({}));
  return { db, feedId: sub.value.feed.id };
}

const ids = (snapshot: ArticlePagesSnapshot) => snapshot.articles.map((article) => article.id);

describe('article pages', () => {
  it('grows a page at a time and lists what one read of the same length lists', async () => {
    const { db } = await library(23);
    const pages = createArticlePages(db, { view: () => ({ kind: 'all' }), order: 'newest', unreadOnly: false, pageSize: 10 });
    const first = await until(pages, (s) => s.loaded);
    expect(first.articles).toHaveLength(10);
    expect(first.more).toBe(true);
    const changes: string[] = [];
    pages.subscribe((change) => changes.push(change));
    pages.loadMore();
    const second = await until(pages, (s) => s.articles.length === 20 && s.more);
    // More rows asked for show at once.
    expect(changes).toEqual(['asked', 'asked']);
    // Rows already listed keep their objects (their list rows need not render again).
    expect(second.articles.slice(0, 10)).toEqual(first.articles);
    expect(second.articles[0]).toBe(first.articles[0]);
    pages.loadMore();
    const third = await until(pages, (s) => s.articles.length === 23);
    expect(third.more).toBe(false);
    expect(ids(third)).toEqual((await listArticles(db, { kind: 'all' }, { limit: 100 })).articles.map((a) => a.id));
    pages.dispose();
  });

  it('loses no row at a page boundary when articles arrive at the top', async () => {
    const { db, feedId } = await library(20);
    const pages = createArticlePages(db, { view: () => ({ kind: 'all' }), order: 'newest', unreadOnly: false, pageSize: 10 });
    await until(pages, (s) => s.loaded);
    pages.loadMore();
    await until(pages, (s) => s.articles.length === 20);
    const changes: string[] = [];
    pages.subscribe((change) => changes.push(change));
    // Three newer articles: the first page holds 13 now; the row that was its tenth is still listed.
    await mergeParsedFeed(db, feedId, parsedFeed([item(100, { guid: 'n1', published: T0 + HOUR }), item(101, { guid: 'n2', published: T0 + 2 * HOUR }), item(102, { guid: 'n3', published: T0 + 3 * HOUR })]), T0, () => ({}));
    const after = await until(pages, (s) => s.articles.length === 23);
    expect(ids(after)).toEqual((await listArticles(db, { kind: 'all' }, { limit: 100 })).articles.map((a) => a.id));
    // A change under the listed rows, not one the reader asked for (the list renders it in a transition).
    expect(new Set(changes)).toEqual(new Set(['library']));
    pages.dispose();
  });

  it('keeps an article read here in an unread-only list, in its place', async () => {
    const { db } = await library(15);
    const pages = createArticlePages(db, { view: () => ({ kind: 'unread' }), order: 'newest', unreadOnly: true, pageSize: 10 });
    await until(pages, (s) => s.loaded);
    pages.loadMore();
    const all = ids(await until(pages, (s) => s.articles.length === 15));
    const read = all[9]!;
    const other = all[3]!;
    const seen: ArticlePagesSnapshot[] = [];
    pages.subscribe(() => seen.push(pages.snapshot()));
    pages.keep(read);
    await markRead(db, [read, other]);
    // The one kept stays where it was (it was the first page's last row), never missing in between (a j pressed
    // meanwhile would skip an article); the other leaves the list.
    const after = await until(pages, (s) => s.articles.length === 14 && s.articles.find((a) => a.id === read)?.read === 1);
    expect(ids(after)).toEqual(all.filter((id) => id !== other));
    expect(seen.filter((snapshot) => !ids(snapshot).includes(read))).toEqual([]);
    pages.dispose();
  });
});
