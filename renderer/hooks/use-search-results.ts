import { useLiveQuery } from 'dexie-react-hooks';
import { useEffect, useState } from 'react';
import type { ArticleRow, FeedRow, FolderRow } from '../../shared/db';
import { parseSearchQuery } from '../../shared/search';
import type { SearchHit } from '../../shared/search';
import { useLibrary } from '../library/library-context';
import { resolveQueryFilters } from '../search/resolve-query';

const RESULT_LIMIT = 300;

export interface SearchResults {
  articles: ArticleRow[];
  hits: ReadonlyMap<string, SearchHit>;
  /** False until the first answer for the current query. */
  loaded: boolean;
  error: string | null;
}

/**
 * Results of a query as the user types: each keystroke asks the Worker (older questions are dropped there), and
 * the rows are read live so read and bookmark marks change in place.
 */
export function useSearchResults(query: string | null, feeds: readonly FeedRow[], folders: readonly FolderRow[], libraryVersion: number): SearchResults {
  const { db, search } = useLibrary();
  const [answer, setAnswer] = useState<{ query: string; hits: SearchHit[]; error: string | null } | null>(null);

  useEffect(() => {
    if (query === null) return;
    let cancelled = false;
    const parsed = parseSearchQuery(query);
    void resolveQueryFilters(db, parsed, feeds, folders)
      .then((filters) => search.search(query, { limit: RESULT_LIMIT, ...filters }))
      .then((outcome) => {
        if (cancelled || outcome.status === 'superseded') return;
        setAnswer(outcome.status === 'ok' ? { query, hits: outcome.hits, error: null } : { query, hits: [], error: outcome.message });
      });
    return () => {
      cancelled = true;
    };
  }, [db, search, query, feeds, folders, libraryVersion]);

  const hits = answer && answer.query === query ? answer.hits : null;
  const rows = useLiveQuery(async () => (hits ? db.articles.bulkGet(hits.map((hit) => hit.id)) : []), [db, hits]);
  // Articles a rule hid are found only by asking for them (is:hidden).
  const hidden = query !== null && parseSearchQuery(query).hidden === true;
  return {
    articles: (rows ?? []).filter((row): row is ArticleRow => row !== undefined && (row.hidden === 1) === hidden),
    hits: new Map((hits ?? []).map((hit) => [hit.id, hit])),
    loaded: hits !== null,
    error: answer?.error ?? null,
  };
}
