/**
 * The renderer's handle on search: one Worker holding the index, kept in step with the library (the Worker reads
 * Dexie itself; the sync engine's new articles are sent over by id), and a latest-query-wins search.
 */
import type { SearchClient, SearchOutcome, SearchRequestOptions } from './search-client';
import { createSearchClient } from './search-client';
import type { LibraryIndexRequest, LibraryIndexResponse } from './library-protocol';

export interface SearchService {
  /** Resolves when the index has loaded its snapshot (or built) and caught up with the library. */
  ready: Promise<Extract<LibraryIndexResponse, { type: 'library-ready' }> | null>;
  search(query: string, options?: SearchRequestOptions): Promise<SearchOutcome>;
  indexArticles(ids: readonly string[]): void;
  forgetArticles(ids: readonly string[]): void;
}

type LibraryMessage = LibraryIndexRequest extends infer R ? (R extends { requestId: number } ? Omit<R, 'requestId'> : never) : never;

export function createSearchService(dbName: string): SearchService {
  const worker = new Worker(new URL('./search-worker.ts', import.meta.url), { type: 'module', name: 'search' });
  const client: SearchClient = createSearchClient(worker);
  const pending = new Map<number, (response: LibraryIndexResponse) => void>();
  let nextId = -1;
  worker.addEventListener('message', (event: MessageEvent) => {
    const data = event.data as { requestId?: unknown };
    if (typeof data?.requestId !== 'number' || data.requestId >= 0) return;
    pending.get(data.requestId)?.(event.data as LibraryIndexResponse);
    pending.delete(data.requestId);
  });
  const send = (message: LibraryMessage): Promise<LibraryIndexResponse> =>
    new Promise((resolve) => {
      const requestId = nextId--;
      pending.set(requestId, resolve);
      worker.postMessage({ ...message, requestId });
    });

  const ready = send({ type: 'open-library', dbName }).then((response) => (response.type === 'library-ready' ? response : null));
  return {
    ready,
    search: (query, options) => client.search(query, options),
    indexArticles(ids) {
      if (ids.length > 0) void ready.then(() => send({ type: 'index-articles', ids: [...ids] }));
    },
    forgetArticles(ids) {
      if (ids.length > 0) void ready.then(() => send({ type: 'forget-articles', ids: [...ids] }));
    },
  };
}
