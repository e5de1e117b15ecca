import { useEffect, useState } from 'react';
import type { FeedRow, FolderRow, SavedSearch } from '../../shared/db';
import { parseSearchQuery } from '../../shared/search';
import { useLibrary } from '../library/library-context';
import { resolveQueryFilters } from '../search/resolve-query';

const COUNT_LIMIT = 1000;

/**
 * Unread counts of the saved searches, recounted (one search each, in turn) when the library's unread total
 * changes. Counting pauses while the user is searching, so it never competes with typing.
 */
export function useSavedSearchCounts(
  saved: readonly SavedSearch[],
  feeds: readonly FeedRow[],
  folders: readonly FolderRow[],
  unreadTotal: number,
  paused: boolean,
): ReadonlyMap<string, number> {
  const { db, search } = useLibrary();
  const [counts, setCounts] = useState<ReadonlyMap<string, number>>(new Map());

  useEffect(() => {
    if (paused || saved.length === 0) return;
    let cancelled = false;
    const timer = setTimeout(async () => {
      const next = new Map<string, number>();
      for (const entry of saved) {
        const query = `${entry.query} is:unread`;
        const filters = await resolveQueryFilters(db, parseSearchQuery(query), feeds, folders);
        const outcome = await search.search(query, { ...filters, limit: COUNT_LIMIT });
        if (cancelled) return;
        if (outcome.status === 'ok') next.set(entry.id, outcome.hits.length);
      }
      setCounts(next);
    }, 300);
    return () => {
      cancelled = true;
      clearTimeout(timer);
    };
  }, [db, search, saved, feeds, folders, unreadTotal, paused]);

  return counts;
}
