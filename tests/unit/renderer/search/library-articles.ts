/** Test helpers shared by the search Worker's library tests: an article row, and the ids a search finds. */
import type { ArticleRow } from '../../../../shared/db';
import type { createSearchWorkerHandler } from '../../../../shared/search/worker-handler';
import { T0 } from '../../shared/db/test-db';

export function article(n: number, fetchedAt: number, title: string): ArticleRow {
  return {
    id: `feed1:${n}`, feedId: 'feed1', guid: `g${n}`, url: null, title, author: 'Ada Writer', summary: `Summary ${n}`, imageUrl: null,
    published: T0 + n, updated: null, fetchedAt, sortTime: T0 + n, read: 0, starred: 0, starredAt: 0, contentHash: 'h',
  };
}

export function searchIds(handle: ReturnType<typeof createSearchWorkerHandler>, query: string): string[] {
  const { response } = handle({ type: 'search', requestId: 1, query });
  return response.type === 'hits' ? response.hits.map((hit) => hit.id) : [];
}
