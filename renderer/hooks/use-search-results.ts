import { useLiveQuery } from 'dexie-react-hooks';
import { useCallback, useEffect, useMemo, useState } from 'react';
import type { ArticleRow, FeedRow, FolderRow } from '../../shared/db';
import { parseSearchQuery } from '../../shared/search';
import type { SearchHit } from '../../shared/search';
import { useLibrary } from '../library/library-context';
import { resolveQueryFilters } from '../search/resolve-query';
import { useIndexProgress } from './use-index-progress';

const RESULT_LIMIT = 300;
/** Rows the Worker sends with each answer: a screenful plus the list's overscan, so the answer paints at once. */
const PAGE_ROWS = 40;
/** Rows added to the live window when the list nears its end. */
const MORE_ROWS = 100;

export interface SearchResults {
  /** The rows of the first hits (a window that grows as the list is scrolled), in rank order. */
  articles: ArticleRow[];
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
  hits: SearchHit[];
  /** The Worker's rows of the first PAGE_ROWS hits, by id. */
  pageRows: ReadonlyMap<string, ArticleRow>;
  error: string | null;
}

/**
 * Results of a query as the user types. Each keystroke asks the Worker (older questions are dropped, there and
 * here), which answers with the hits and the rows of the first page, so the list paints from that one message.
 * Afterwards the rows are read live (read and bookmark marks change in place) for a window of hits that grows as
 * the list scrolls. While the index builds, the query is asked again as it grows.
 */
export function useSearchResults(query: string | null, feeds: readonly FeedRow[], folders: readonly FolderRow[], libraryVersion: number): SearchResults {
  const { db, search } = useLibrary();
  const indexed = useIndexProgress().size;
  const [answer, setAnswer] = useState<Answer | null>(null);
  const [window, setWindow] = useState(PAGE_ROWS);

  useEffect(() => {
    if (query === null) return;
    let cancelled = false;
    const parsed = parseSearchQuery(query);
    const ask = async () => {
      const filters = await resolveQueryFilters(db, parsed, feeds, folders);
      if (cancelled) return;
      const outcome = await search.search(query, { limit: RESULT_LIMIT, pageRows: PAGE_ROWS, ...filters });
      if (cancelled || outcome.status === 'superseded') return;
      setAnswer(
        outcome.status === 'ok'
          ? { query, hits: outcome.hits, pageRows: new Map(outcome.rows.map((row) => [row.id, row])), error: null }
          : { query, hits: [], pageRows: new Map(), error: outcome.message },
      );
      setWindow(PAGE_ROWS);
    };
    void ask();
    return () => {
      cancelled = true;
    };
  }, [db, search, query, feeds, folders, libraryVersion, indexed]);

  // Until the new answer comes the previous one stays on screen: the list changes once per keystroke, not twice.
  const current = query !== null ? answer : null;
  const hits = current?.hits ?? null;
  const shown = useMemo(() => (hits ?? []).slice(0, window).map((hit) => hit.id), [hits, window]);
  // Not on a keystroke's path: the first page is painted from the Worker's rows; this keeps them live after.
  const live = useLiveQuery(async () => ({ ids: shown, rows: await db.articles.bulkGet(shown) }), [db, shown]);
  // Articles a rule hid are found only by asking for them (is:hidden).
  const hidden = query !== null && parseSearchQuery(query).hidden === true;
  const articles = useMemo(() => {
    if (!current) return [];
    const liveRows = live && live.ids === shown ? live.rows : null;
    const out: ArticleRow[] = [];
    shown.forEach((id, i) => {
      const row = liveRows ? liveRows[i] : current.pageRows.get(id);
      if (row && (row.hidden === 1) === hidden) out.push(row);
    });
    return out;
  }, [current, live, shown, hidden]);
  const hitMap = useMemo(() => new Map((hits ?? []).map((hit) => [hit.id, hit])), [hits]);
  const count = hits?.length ?? 0;
  const loadMore = useCallback(() => setWindow((n) => (n < count ? n + MORE_ROWS : n)), [count]);
  return { articles, hits: hitMap, count, loaded: hits !== null, error: current?.error ?? null, loadMore };
}
