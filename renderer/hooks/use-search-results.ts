import { RangeSet, rangesOverlap } from 'dexie';
import { useLiveQuery } from 'dexie-react-hooks';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { flushSync } from 'react-dom';
import type { ArticleRow, FeedRow, FolderRow } from '../../shared/db';
import { parseSearchQuery } from '../../shared/search';
import type { SearchHit } from '../../shared/search';
import { useLibrary } from '../library/library-context';
import { articleWrites } from '../search/article-writes';
import { resolveQueryFilters } from '../search/resolve-query';
import type { SearchRequestOptions } from '../search/search-client';
import { shareRows } from '../state/library-store';
import { useIndexProgress } from './use-index-progress';

/** Hits a query has at most (the list and its count stop there: "300+ results"). */
const RESULT_LIMIT = 300;
/**
 * Rows the Worker sends with each answer, so the answer paints at once from that one message. More than a screenful:
 * the list asks for more rows as soon as its last drawn row is within 60 of the end (ArticleList's NEAR_END, like
 * the article list's pages of 200). A first page shorter than that made every answer grow the window at once,
 * which read 140 rows on this thread and painted the list a second time per keystroke.
 */
const PAGE_ROWS = 100;
/** Rows added to the live window when the list nears its end. */
const MORE_ROWS = 100;

export interface SearchResults {
  /** The rows of the first hits (a window that grows as the list is scrolled), in rank order. */
  articles: readonly ArticleRow[];
  hits: ReadonlyMap<string, SearchHit>;
  /** How many hits the index found (at most 300). */
  count: number;
  /** False until the first answer since search opened (later queries show the previous answer until theirs). */
  loaded: boolean;
  error: string | null;
  /** Shows more of the hits (the list calls it near its end). */
  loadMore: () => void;
}

interface Answer {
  query: string;
  /** What the Worker was asked besides the query (the filters resolved from feed:/folder:/is:). */
  filters: SearchRequestOptions;
  hits: SearchHit[];
  /** True when `hits` holds every hit up to RESULT_LIMIT; false while only the first page was ranked. */
  complete: boolean;
  /** How many hits there are, at most RESULT_LIMIT (the index counts matches without ranking them all). */
  count: number;
  /** The Worker's rows of the first PAGE_ROWS hits, by id. */
  pageRows: ReadonlyMap<string, ArticleRow>;
  error: string | null;
  /** Article writes this thread had heard of when it asked (the Worker's rows include all of those). */
  writesSeen: number;
}

/**
 * Results of a query as the user types. Each keystroke asks the Worker (older questions are dropped, there and
 * here) for the first page only: it ranks that many hits, counts the rest without ranking them, and sends the rows
 * of the page, so the list paints from that one message. The rest of the hits are asked for when the list is
 * scrolled near the end of the page, and appended after the hits already shown. Afterwards the rows are read live
 * (read and bookmark marks change in place) for a window of hits that grows as the list scrolls. While the index
 * builds, the query is asked again as it grows. `libraryVersion` changes when the library does (null until the
 * library's state has loaded).
 */
export function useSearchResults(query: string | null, feeds: readonly FeedRow[], folders: readonly FolderRow[], libraryVersion: number | null): SearchResults {
  const { db, search } = useLibrary();
  const indexed = useIndexProgress().size;
  const [answer, setAnswer] = useState<Answer | null>(null);
  const [window, setWindow] = useState(PAGE_ROWS);

  // The feeds and folders matter only to a query naming some (feed:, folder:). Others are not asked again when they
  // change (a feed's row changes with its unread count or icon, and the list loads at start-up): each change dropped
  // the answer on its way for a new question.
  const namesFeeds = useMemo(() => {
    if (query === null) return false;
    const parsed = parseSearchQuery(query);
    return parsed.feeds.length > 0 || parsed.folders.length > 0;
  }, [query]);
  const feedsAsked = namesFeeds ? feeds : noFeeds;
  const foldersAsked = namesFeeds ? folders : noFolders;

  // The question out now, and the last one answered: what each was asked with (and the index's size then, and in the
  // answer). While the index grows (its snapshot loading after a restart, a build), a question out is not dropped for
  // the same one again: its answer is awaited, and the question asked again only if that answer came from a smaller
  // index than the one reported since. After a restart, a query typed as the index loaded was otherwise asked twice,
  // and the first, costlier answer (the loaded index's first query) thrown away.
  const out = useRef<{ asked: readonly unknown[]; cancel: () => void } | null>(null);
  const answered = useRef<{ asked: readonly unknown[]; askedAt: number; indexed: number } | null>(null);
  useEffect(() => () => out.current?.cancel(), []);
  useEffect(() => {
    const asked = [db, search, query, feedsAsked, foldersAsked, libraryVersion];
    // Asked before the library's state loaded (version null): its loading changed nothing in the library, so the
    // question and its answer stand, as of the version now known. At start-up that re-ask dropped the answer on its way.
    const loaded = (earlier: readonly unknown[]) => (earlier[5] === null ? [...earlier.slice(0, 5), libraryVersion] : earlier);
    if (out.current) out.current.asked = loaded(out.current.asked);
    if (answered.current) answered.current.asked = loaded(answered.current.asked);
    const same = (other: readonly unknown[] | undefined) => other?.every((value, k) => value === asked[k]) === true;
    if (same(out.current?.asked)) return;
    const last = answered.current;
    if (!out.current && same(last?.asked) && last && (last.askedAt >= indexed || last.indexed >= indexed)) return;
    out.current?.cancel();
    out.current = null;
    if (query === null) {
      // Search closed: opened again, even on the same words, it asks anew.
      answered.current = null;
      return;
    }
    let cancelled = false;
    const askedAt = indexed;
    const mine = { asked, cancel: () => void (cancelled = true) };
    out.current = mine;
    const parsed = parseSearchQuery(query);
    const ask = async () => {
      const filters = await resolveQueryFilters(db, parsed, feedsAsked, foldersAsked);
      if (cancelled) return;
      const writesSeen = articleWrites(db.name).count();
      // Phrases are checked while ranking, so the index's count of matches may include docs a phrase rules out:
      // those queries are ranked in full at once (they are rarely typed a letter at a time).
      const limit = parsed.phrases.length > 0 ? RESULT_LIMIT : PAGE_ROWS;
      const outcome = await search.search(query, { limit, pageRows: PAGE_ROWS, ...filters });
      if (out.current === mine) out.current = null;
      if (cancelled || outcome.status === 'superseded') return;
      answered.current = { asked, askedAt, indexed: (outcome.status === 'ok' ? outcome.indexed : undefined) ?? search.progress().size };
      const complete = outcome.status !== 'ok' || outcome.hits.length < limit || limit === RESULT_LIMIT;
      // Committed in this task, the one that brought the answer: left to React's scheduler, the render waits for a
      // task of its own behind whatever else is queued on this thread, and the keystroke waits with it.
      flushSync(() => {
        setAnswer(
          outcome.status === 'ok'
            ? {
                query,
                filters,
                hits: outcome.hits,
                complete,
                count: complete ? outcome.hits.length : Math.min(RESULT_LIMIT, outcome.matched),
                pageRows: new Map(outcome.rows.map((row) => [row.id, row])),
                error: null,
                writesSeen,
              }
            : { query, filters, hits: [], complete, count: 0, pageRows: new Map(), error: outcome.message, writesSeen },
        );
        setWindow(PAGE_ROWS);
      });
    };
    void ask().finally(() => {
      if (out.current === mine) out.current = null;
    });
    // With `answer`: an answer from an index smaller than the one reported while it was out is asked for again.
  }, [db, search, query, feedsAsked, foldersAsked, libraryVersion, indexed, answer]);

  // The list scrolled past the first page: the rest of the hits, ranked in full, after those already shown (the
  // first page stays as it is, so nothing the reader has seen moves).
  const wantsRest = answer !== null && !answer.complete && answer.query === query && window > answer.hits.length;
  useEffect(() => {
    if (!wantsRest || !answer) return;
    let cancelled = false;
    void search.search(answer.query, { limit: RESULT_LIMIT, ...answer.filters }).then((outcome) => {
      if (cancelled || outcome.status !== 'ok') return;
      const shown = new Set(answer.hits.map((hit) => hit.id));
      const hits = [...answer.hits, ...outcome.hits.filter((hit) => !shown.has(hit.id))].slice(0, RESULT_LIMIT);
      setAnswer((now) => (now === answer ? { ...answer, hits, complete: true, count: hits.length } : now));
    });
    return () => {
      cancelled = true;
    };
  }, [search, answer, wantsRest]);

  // Until the new answer comes the previous one stays on screen: the list changes once per keystroke, not twice.
  const current = query !== null ? answer : null;
  const hits = current?.hits ?? null;
  const shown = useMemo(() => (hits ?? []).slice(0, window).map((hit) => hit.id), [hits, window]);
  // The ids whose rows are read live (marks changed elsewhere show in place). A new answer's first page is painted
  // from the Worker's rows, which are current as of the question (search-service.ts forwards every article write
  // this thread heard of before it), so they are read here only once something writes one of them, or if any
  // article write was heard of since the question: a keystroke costs the index query and one render. A longer
  // window (the list scrolled near its end) has rows the Worker did not send, so it is read at once.
  const [liveIds, setLiveIds] = useState<readonly string[]>(noIds);
  const writesSeen = current?.writesSeen ?? null;
  useEffect(() => {
    if (shown.length > PAGE_ROWS) {
      setLiveIds(shown);
      return;
    }
    if (writesSeen === null || shown.length === 0) return;
    const writes = articleWrites(db.name);
    if (writes.count() !== writesSeen) {
      setLiveIds(shown);
      return;
    }
    const keys = new RangeSet().addKeys([...shown]);
    return writes.onWrite((written) => {
      if (rangesOverlap(written, keys)) setLiveIds(shown);
    });
  }, [db, shown, writesSeen]);
  const live = useLiveQuery(async () => ({ ids: liveIds, rows: liveIds.length > 0 ? await db.articles.bulkGet([...liveIds]) : [] }), [db, liveIds]);
  // Articles a rule hid are found only by asking for them (is:hidden).
  const hidden = query !== null && parseSearchQuery(query).hidden === true;
  const lastArticles = useRef<readonly ArticleRow[]>(noArticles);
  const articles = useMemo(() => {
    if (!current) return noArticles;
    const liveRows = live && live.ids === shown ? live.rows : null;
    const out: ArticleRow[] = [];
    shown.forEach((id, i) => {
      const row = liveRows ? liveRows[i] : current.pageRows.get(id);
      if (row && (row.hidden === 1) === hidden) out.push(row);
    });
    // The live re-read of the rows just painted from the Worker's answer reads the same rows again: keeping the
    // shown objects (and the array when all are kept) renders nothing a second time.
    return shareRows(lastArticles.current, out, sameShown);
  }, [current, live, shown, hidden]);
  lastArticles.current = articles;
  const hitMap = useMemo(() => new Map((hits ?? []).map((hit) => [hit.id, hit])), [hits]);
  const count = current?.count ?? 0;
  const loadMore = useCallback(() => setWindow((n) => (n < count ? n + MORE_ROWS : n)), [count]);
  const error = current?.error ?? null;
  const loaded = hits !== null;
  // One object per change, so the list pane's items are not rebuilt on renders where nothing here changed.
  return useMemo(() => ({ articles, hits: hitMap, count, loaded, error, loadMore }), [articles, hitMap, count, loaded, error, loadMore]);
}

const noArticles: readonly ArticleRow[] = [];
const noFeeds: readonly FeedRow[] = [];
const noFolders: readonly FolderRow[] = [];
const noIds: readonly string[] = [];

/** Rows equal in everything a search result shows keep their identity across re-reads. */
function sameShown(a: ArticleRow, b: ArticleRow): boolean {
  return (
    a.read === b.read && a.starred === b.starred && a.hidden === b.hidden && a.title === b.title && a.summary === b.summary &&
    a.published === b.published && a.sortTime === b.sortTime && a.feedId === b.feedId && a.feedTitle === b.feedTitle
  );
}
