/**
 * The loaded part of a view's article list, kept live a page at a time. Each page is its own live query between
 * fixed positions (after the previous page's last row, through its own last row), so loading the next page reads
 * that page, not every row loaded so far again, and a write re-reads only the pages it touches. A row added to or
 * removed from one page (a sync, a read mark in an unread-only list) changes that page alone; no row of the next
 * is shifted out of sight. Only the last page is "the next N rows", and it is fixed to its last row when another
 * is loaded after it.
 */
import { liveQuery } from 'dexie';
import type { ArticleRow, ArticleView, BroadsheetDb, ListCursor } from '../../shared/db';
import { listArticles } from '../../shared/db';
import { shareRows } from '../state/library-store';

export interface ArticlePagesSnapshot {
  articles: readonly ArticleRow[];
  /** The first page has answered. */
  loaded: boolean;
  /** More rows exist past the last page. */
  more: boolean;
}

/**
 * Why the list changed: `asked` when the reader asked for it (a page's first answer, more loaded, an article kept),
 * `library` when rows already listed were read again because the library changed under them (a sync's commits).
 */
export type ArticlePagesChange = 'asked' | 'library';

export interface ArticlePages {
  snapshot(): ArticlePagesSnapshot;
  subscribe(listener: (change: ArticlePagesChange) => void): () => void;
  /** Adds the next page when there is one and the last page has answered. */
  loadMore(): void;
  /** Keeps an article listed although it left the view's query (read in an unread-only list). */
  keep(id: string): void;
  dispose(): void;
}

export interface ArticlePagesOptions {
  /** The view as a query, made at each read (Today moves with the clock); null lists nothing. */
  view: () => ArticleView | null;
  order: 'newest' | 'oldest';
  unreadOnly: boolean;
  pageSize: number;
}

interface Page {
  cursor: ListCursor | undefined;
  /** Set once a page follows this one. */
  until: ListCursor | undefined;
  rows: readonly ArticleRow[] | undefined;
  next: ListCursor | null;
  unsubscribe: () => void;
}

/** What a list row shows of an article; rows equal in these keep their identity across re-reads. */
function sameListed(a: ArticleRow, b: ArticleRow): boolean {
  return (
    a.read === b.read && a.starred === b.starred && a.title === b.title && a.summary === b.summary && a.sortTime === b.sortTime &&
    a.feedId === b.feedId && a.feedTitle === b.feedTitle
  );
}

const noRows: readonly ArticleRow[] = [];

export function createArticlePages(db: BroadsheetDb, options: ArticlePagesOptions): ArticlePages {
  const { order, unreadOnly, pageSize } = options;
  const newest = order === 'newest';
  const pages: Page[] = [];
  const listeners = new Set<(change: ArticlePagesChange) => void>();
  const kept = new Set<string>();
  let keptRows: readonly ArticleRow[] = noRows;
  let unsubscribeKept = () => {};
  let disposed = false;
  let current: ArticlePagesSnapshot = { articles: noRows, loaded: false, more: false };

  const listOrder = (a: ArticleRow, b: ArticleRow) =>
    newest ? b.sortTime - a.sortTime || (a.id < b.id ? 1 : -1) : a.sortTime - b.sortTime || (a.id < b.id ? -1 : 1);

  const publish = (change: ArticlePagesChange) => {
    const first = pages[0];
    const loaded = first?.rows !== undefined;
    let articles: readonly ArticleRow[] = pages.flatMap((page) => page.rows ?? noRows);
    if (keptRows.length > 0) {
      const present = new Set(articles.map((article) => article.id));
      const extra = keptRows.filter((row) => !present.has(row.id));
      if (extra.length > 0) articles = [...articles, ...extra].sort(listOrder);
    }
    const last = pages[pages.length - 1];
    current = { articles: shareRows(current.articles, articles, (a, b) => a === b), loaded, more: last?.rows !== undefined && last.next !== null };
    for (const listener of listeners) listener(change);
  };

  const subscribePage = (page: Page) => {
    const subscription = liveQuery(async () => {
      const view = options.view();
      if (view === null) return { articles: [] as ArticleRow[], nextCursor: null };
      return listArticles(db, view, {
        order,
        unreadOnly,
        ...(page.cursor ? { cursor: page.cursor } : {}),
        ...(page.until ? { until: page.until } : { limit: pageSize }),
      });
    }).subscribe({
      next: (result) => {
        if (disposed) return;
        const rows = page.rows ? shareRows(page.rows, result.articles, sameListed) : result.articles;
        const next = page.until ? null : result.nextCursor;
        if (rows === page.rows && sameCursor(next, page.next)) return;
        const change: ArticlePagesChange = page.rows === undefined ? 'asked' : 'library';
        page.rows = rows;
        page.next = next;
        publish(change);
      },
      error: (error: unknown) => console.error('article list query failed', error),
    });
    page.unsubscribe = () => subscription.unsubscribe();
  };

  const addPage = (cursor: ListCursor | undefined) => {
    const page: Page = { cursor, until: undefined, rows: undefined, next: null, unsubscribe: () => {} };
    pages.push(page);
    subscribePage(page);
  };

  const watchKept = () => {
    unsubscribeKept();
    const ids = [...kept];
    let first = true;
    const subscription = liveQuery(() => db.articles.bulkGet(ids)).subscribe({
      next: (rows) => {
        if (disposed) return;
        keptRows = rows.filter((row): row is ArticleRow => row !== undefined);
        publish(first ? 'asked' : 'library');
        first = false;
      },
      error: (error: unknown) => console.error('kept articles query failed', error),
    });
    unsubscribeKept = () => subscription.unsubscribe();
  };

  addPage(undefined);

  return {
    snapshot: () => current,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    loadMore() {
      const last = pages[pages.length - 1];
      if (disposed || !last?.rows || last.next === null) return;
      // The last page now ends where it ends now; it is read again as a fixed range, its rows shown meanwhile.
      const end = last.next;
      last.unsubscribe();
      last.until = end;
      last.next = null;
      subscribePage(last);
      addPage(end);
      publish('asked');
    },
    keep(id) {
      if (!unreadOnly || kept.has(id)) return;
      kept.add(id);
      // Held from now on (as listed), not from the kept query's first answer: the read mark that follows may re-read
      // its page sooner, and the row must not leave the list meanwhile.
      const listed = current.articles.find((article) => article.id === id);
      if (listed && !keptRows.includes(listed)) keptRows = [...keptRows, listed];
      watchKept();
    },
    dispose() {
      disposed = true;
      for (const page of pages) page.unsubscribe();
      unsubscribeKept();
      listeners.clear();
    },
  };
}

function sameCursor(a: ListCursor | null, b: ListCursor | null): boolean {
  return a === b || (a !== null && b !== null && a.key === b.key && a.id === b.id);
}
