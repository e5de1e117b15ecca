/**
 * The renderer's handle on search: one Worker holding the index, kept in step with the library (the Worker reads
 * Dexie itself; the sync engine's new articles are sent over by id), a latest-query-wins search, and the index's
 * progress while it loads or builds (for the search box).
 */
import { Dexie } from 'dexie';
import type { SearchClient, SearchOutcome, SearchRequestOptions } from './search-client';
import { createSearchClient } from './search-client';
import type { IndexProgress } from './library-indexer';
import type { ArticleSourceMessage, LibraryIndexRequest, LibraryIndexResponse, RowsWrittenMessage } from './library-protocol';
import { isIndexProgress } from './library-protocol';

export interface SearchService {
  /** Resolves when the index has loaded its snapshot (or built) and caught up with the library. */
  ready: Promise<Extract<LibraryIndexResponse, { type: 'library-ready' }> | null>;
  search(query: string, options?: SearchRequestOptions): Promise<SearchOutcome>;
  indexArticles(ids: readonly string[]): void;
  /** New articles arrive with their rows on this port (the sync worker holds its other end), indexed unread back. */
  takeArticlesFrom(port: MessagePort): void;
  forgetArticles(ids: readonly string[]): void;
  /** The latest progress report; a new object each time it changes (for useSyncExternalStore). */
  progress(): IndexProgress;
  onProgress(listener: () => void): () => void;
}

type LibraryMessage = LibraryIndexRequest extends infer R ? (R extends { requestId: number } ? Omit<R, 'requestId'> : never) : never;

/** The User Timing mark each answer leaves with the index's own query time (bench/ui reads it as the floor). */
export const QUERY_TIME_MARK = 'broadsheet:search-query';
/** Left once, when the index first answers from more than nothing (snapshot loaded, or the build started). */
export const INDEX_USABLE_MARK = 'broadsheet:search-usable';

/**
 * Test setting: articles per build slice, from localStorage (set by an end-to-end test before the app loads) so a
 * small library's first build is slow enough to watch. Absent in normal use.
 */
function sliceDocsSetting(): number | undefined {
  try {
    const value = Number(globalThis.localStorage?.getItem('broadsheet.searchSliceDocs'));
    return Number.isInteger(value) && value > 0 ? value : undefined;
  } catch {
    return undefined;
  }
}

export function createSearchService(dbName: string): SearchService {
  const worker = new Worker(new URL('./search-worker.ts', import.meta.url), { type: 'module', name: 'search' });
  const client: SearchClient = createSearchClient(worker);
  const pending = new Map<number, (response: LibraryIndexResponse) => void>();
  let nextId = -1;
  let progress: IndexProgress = { phase: 'loading', indexed: 0, total: 0, size: 0 };
  // Not shared/listeners' createListeners: the only subscriber is useSyncExternalStore (useIndexProgress), which never
  // throws (React rethrows a failed read in render, to the error boundary), so there is nothing to swallow.
  const listeners = new Set<() => void>();
  worker.addEventListener('message', (event: MessageEvent) => {
    const data: unknown = event.data;
    if (isIndexProgress(data)) {
      if (progress.phase === 'loading' && data.progress.phase !== 'loading') {
        performance.mark(INDEX_USABLE_MARK, { detail: { loadMs: data.progress.loadMs ?? null, size: data.progress.size } });
      }
      progress = data.progress;
      for (const listener of listeners) listener();
      return;
    }
    const requestId = (data as { requestId?: unknown } | null)?.requestId;
    if (typeof requestId !== 'number' || requestId >= 0) return;
    pending.get(requestId)?.(data as LibraryIndexResponse);
    pending.delete(requestId);
  });
  const send = (message: LibraryMessage): Promise<LibraryIndexResponse> =>
    new Promise((resolve) => {
      const requestId = nextId--;
      pending.set(requestId, resolve);
      worker.postMessage({ ...message, requestId });
    });

  // The Worker keeps the rows it answers with until they are written. Its own Dexie hears of writes from other
  // contexts over a BroadcastChannel, in no set order with this port; forwarding the writes this thread has seen
  // (its own, and the sync Worker's as they reach it) means a search asked after a mark changed never gets the row
  // from before.
  const articlesPart = `idb://${dbName}/articles/`;
  Dexie.on('storagemutated', (parts: Record<string, unknown>) => {
    if (parts[articlesPart]) worker.postMessage({ type: 'rows-written', parts: { [articlesPart]: parts[articlesPart] } } satisfies RowsWrittenMessage);
  });

  const sliceDocs = sliceDocsSetting();
  const ready = send({ type: 'open-library', dbName, ...(sliceDocs ? { sliceDocs } : {}) }).then((response) =>
    response.type === 'library-ready' ? response : null,
  );
  return {
    ready,
    async search(query, options) {
      const outcome = await client.search(query, options);
      if (outcome.status === 'ok') {
        // One mark at a time: it is read right after each answer, and marks would otherwise pile up all session.
        performance.clearMarks(QUERY_TIME_MARK);
        performance.mark(QUERY_TIME_MARK, { detail: { query, ms: outcome.tookMs, rowsMs: outcome.rowsMs ?? 0 } });
      }
      return outcome;
    },
    indexArticles(ids) {
      if (ids.length > 0) void ready.then(() => send({ type: 'index-articles', ids: [...ids] }));
    },
    takeArticlesFrom(port) {
      worker.postMessage({ type: 'article-source' } satisfies ArticleSourceMessage, [port]);
    },
    forgetArticles(ids) {
      if (ids.length > 0) void ready.then(() => send({ type: 'forget-articles', ids: [...ids] }));
    },
    progress: () => progress,
    onProgress(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
