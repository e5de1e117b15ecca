/**
 * Article lists, read from slim rows through indexes only. A view becomes one or more index ranges (a folder
 * view is one [feedId+sortTime] range per feed); each range is read newest- or oldest-first up to the page
 * size and the ranges are merged, so a page costs O(ranges × page) whatever the library size.
 * Articles a rule hid are dropped from pages after the read (a filter in the range read would turn IndexedDB's
 * getAll into a cursor walk); the cursor still follows the rows read, so a page short of hidden rows is not the end.
 */
import type { ArticleRow, BroadsheetDb, ContentRow } from './schema';

export type ArticleView =
  | { kind: 'all' }
  | { kind: 'unread' }
  | { kind: 'starred' }
  /** Articles whose sortTime falls on the local day of `now` (or later). */
  | { kind: 'today'; now: number }
  | { kind: 'feed'; feedId: string }
  | { kind: 'folder'; folderId: string };

/** Position after the last article of a page: its sort key (sortTime, or starredAt in the Starred view) and id. */
export interface ListCursor {
  key: number;
  id: string;
}

export interface ListOptions {
  limit?: number;
  /** Rows to skip (read and dropped); prefer `cursor` for deep pages. */
  offset?: number;
  cursor?: ListCursor;
  /**
   * Inclusive end: the page runs from `cursor` (or the start) through this position, however many rows that is
   * (`limit` then defaults to no limit). A list grown page by page keeps each page between fixed positions, so a
   * row added to or removed from one page neither shifts nor drops rows of the next.
   */
  until?: ListCursor;
  order?: 'newest' | 'oldest';
  unreadOnly?: boolean;
}

export interface ArticlePage {
  articles: ArticleRow[];
  /** Pass back as `cursor` for the next page; null at the end. */
  nextCursor: ListCursor | null;
}

interface Range {
  index: string;
  prefix: Array<string | number>;
  /** Inclusive lower bound of the sort key. */
  from: number;
  sortKey: 'sortTime' | 'starredAt';
  filter?: (row: ArticleRow) => boolean;
}

export function startOfLocalDay(now: number): number {
  const d = new Date(now);
  d.setHours(0, 0, 0, 0);
  return d.getTime();
}

async function rangesFor(db: BroadsheetDb, view: ArticleView, unreadOnly: boolean): Promise<Range[]> {
  const timeRange = (from: number): Range =>
    unreadOnly
      ? { index: '[read+sortTime]', prefix: [0], from, sortKey: 'sortTime' }
      : { index: 'sortTime', prefix: [], from, sortKey: 'sortTime' };
  const feedRange = (feedId: string): Range =>
    unreadOnly
      ? { index: '[feedId+read+sortTime]', prefix: [feedId, 0], from: -Infinity, sortKey: 'sortTime' }
      : { index: '[feedId+sortTime]', prefix: [feedId], from: -Infinity, sortKey: 'sortTime' };
  switch (view.kind) {
    case 'all':
      return [timeRange(-Infinity)];
    case 'unread':
      return [{ index: '[read+sortTime]', prefix: [0], from: -Infinity, sortKey: 'sortTime' }];
    case 'today':
      return [timeRange(startOfLocalDay(view.now))];
    case 'starred':
      // Bookmarks are few; the unread filter runs on them in memory.
      return [{ index: '[starred+starredAt]', prefix: [1], from: -Infinity, sortKey: 'starredAt', ...(unreadOnly ? { filter: (r: ArticleRow) => r.read === 0 } : {}) }];
    case 'feed':
      return [feedRange(view.feedId)];
    case 'folder': {
      const feeds = await db.feeds.where('folderId').equals(view.folderId).primaryKeys();
      return feeds.map(feedRange);
    }
  }
}

function before(a: ArticleRow, b: ArticleRow, key: 'sortTime' | 'starredAt', newest: boolean): number {
  const d = a[key] - b[key] || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
  return newest ? -d : d;
}

/** A page's ends in list order: after `cursor` (exclusive) through `until` (inclusive), either optional. */
interface PageEnds {
  newest: boolean;
  cursor: ListCursor | undefined;
  until: ListCursor | undefined;
}

/**
 * The first `most` rows of one range within the page's ends, in list order. Read with getAll (one request; a
 * filter would make it a cursor walk, one event per row, each also tracked by a live query): the index bounds the
 * sort key, and the few rows on an end's own key that lie outside the page (ties broken by id) are dropped after
 * the read, reading that many more when they cut the page short.
 */
async function readRange(db: BroadsheetDb, range: Range, ends: PageEnds, most: number): Promise<ArticleRow[]> {
  const { newest, cursor, until } = ends;
  let lo = range.from;
  let hi = Infinity;
  if (cursor) {
    if (newest) hi = Math.min(hi, cursor.key);
    else lo = Math.max(lo, cursor.key);
  }
  if (until) {
    if (newest) lo = Math.max(lo, until.key);
    else hi = Math.min(hi, until.key);
  }
  if (lo > hi) return [];
  const sortKey = range.sortKey;
  const inPage = (row: ArticleRow) =>
    (!cursor || row[sortKey] !== cursor.key || (newest ? row.id < cursor.id : row.id > cursor.id)) &&
    (!until || row[sortKey] !== until.key || (newest ? row.id >= until.id : row.id <= until.id));
  const key = (t: number) => (range.prefix.length === 0 ? t : [...range.prefix, t]);
  let want = most;
  for (;;) {
    let collection = db.articles.where(range.index).between(key(lo), key(hi), true, true);
    if (newest) collection = collection.reverse();
    // Bookmarks are few: their unread filter may walk them.
    if (range.filter) collection = collection.filter(range.filter);
    const rows = await (Number.isFinite(want) ? collection.limit(want) : collection).toArray();
    const kept = cursor || until ? rows.filter(inPage) : rows;
    const next = most + (rows.length - kept.length);
    if (kept.length >= most || rows.length < want || next <= want) return kept.slice(0, most);
    want = next;
  }
}

export async function listArticles(db: BroadsheetDb, view: ArticleView, options: ListOptions = {}): Promise<ArticlePage> {
  const until = options.until;
  const limit = Math.max(0, options.limit ?? (until ? Infinity : 100));
  const offset = Math.max(0, options.offset ?? 0);
  const newest = (options.order ?? 'newest') === 'newest';
  const ranges = await rangesFor(db, view, options.unreadOnly ?? false);
  const need = offset + limit;
  if (ranges.length === 0 || limit === 0) return { articles: [], nextCursor: null };
  const ends: PageEnds = { newest, cursor: options.cursor, until };
  const lists = await Promise.all(ranges.map((range) => readRange(db, range, ends, need)));
  const sortKey = ranges[0]?.sortKey ?? 'sortTime';
  const read = (ranges.length === 1 ? (lists[0] ?? []) : lists.flat().sort((a, b) => before(a, b, sortKey, newest))).slice(offset, need);
  const last = read[read.length - 1];
  return {
    articles: read.filter((row) => row.hidden !== 1),
    nextCursor: last && read.length === limit ? { key: last[sortKey], id: last.id } : null,
  };
}

export function getArticle(db: BroadsheetDb, id: string): Promise<ArticleRow | undefined> {
  return db.articles.get(id);
}

export function getContent(db: BroadsheetDb, id: string): Promise<ContentRow | undefined> {
  return db.contents.get(id);
}
