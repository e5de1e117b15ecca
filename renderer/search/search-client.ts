/**
 * Promise-returning access to the search Worker. Searches are latest-query-wins: each one is sent at once and a
 * newer search resolves the older pending one as `superseded` immediately (its answer, if any, is ignored); the
 * Worker skips searches overtaken before they start (shared/search/latest-search.ts), so fast typing never makes
 * it compute a queue of stale searches.
 */
import type { SearchRequest, SearchResponse } from '../../shared/search/protocol';
import type { ArticleRow } from '../../shared/db';
import type { SearchDoc, SearchHit } from '../../shared/search/types';
import { err, ok, type Result } from '../../shared/result';
import { t } from '../i18n/window-translator';

/** The part of `Worker` the client uses (a fake in tests). */
export interface WorkerLike {
  postMessage(message: SearchRequest, transfer: Transferable[]): void;
  addEventListener(type: 'message', listener: (event: MessageEvent) => void): void;
}

export interface SearchRequestOptions {
  limit?: number;
  /** Only docs of these feeds (resolved from feed:/folder:). */
  feedIds?: string[];
  /** Only these article ids (resolved from is:unread / is:starred). */
  allowedIds?: string[];
  /** Also return the library rows of the first this-many hits (read in the Worker). */
  pageRows?: number;
}

export type SearchOutcome =
  /**
   * `rows`: the library rows of the first `pageRows` hits, in hit order; `matched`: docs that matched before ranking
   * kept `limit` of them (at least `hits.length`); `tookMs`: the index's own time; `rowsMs`: the Worker's time to get
   * the rows (its cache, or the library); `indexed`: docs in the index when it answered.
   */
  | { status: 'ok'; hits: SearchHit[]; rows: ArticleRow[]; matched: number; tookMs: number; rowsMs?: number; indexed?: number }
  | { status: 'superseded' }
  | { status: 'error'; message: string };

export interface SearchClient {
  /** Resolves to the number of docs indexed. */
  add(docs: SearchDoc[]): Promise<Result<number, string>>;
  remove(ids: string[]): Promise<Result<number, string>>;
  search(query: string, options?: SearchRequestOptions): Promise<SearchOutcome>;
  snapshot(): Promise<Result<Uint8Array, string>>;
  load(bytes: Uint8Array): Promise<Result<number, string>>;
}

type Waiter = (response: SearchResponse) => void;

export function createSearchClient(worker: WorkerLike): SearchClient {
  let nextId = 1;
  const waiting = new Map<number, Waiter>();
  let pending: { requestId: number; resolve: (o: SearchOutcome) => void } | null = null;

  worker.addEventListener('message', (event: MessageEvent) => {
    const data: unknown = event.data;
    if (typeof data !== 'object' || data === null) return;
    const response = data as SearchResponse;
    const waiter = waiting.get(response.requestId);
    if (!waiter) return;
    waiting.delete(response.requestId);
    waiter(response);
  });

  const send = (request: SearchRequest, transfer: Transferable[] = []): Promise<SearchResponse> =>
    new Promise((resolve) => {
      waiting.set(request.requestId, resolve);
      worker.postMessage(request, transfer);
    });

  const sizeOf = (response: SearchResponse): Result<number, string> =>
    response.type === 'done' ? ok(response.size) : err(response.type === 'error' ? response.message : `unexpected ${response.type}`);

  return {
    async add(docs) {
      return sizeOf(await send({ type: 'add', requestId: nextId++, docs }));
    },
    async remove(ids) {
      return sizeOf(await send({ type: 'remove', requestId: nextId++, ids }));
    },
    async load(bytes) {
      return sizeOf(await send({ type: 'load', requestId: nextId++, bytes }));
    },
    async snapshot() {
      const response = await send({ type: 'snapshot', requestId: nextId++ });
      if (response.type === 'snapshot') return ok(response.bytes);
      return err(response.type === 'error' ? response.message : `unexpected ${response.type}`);
    },
    search(query, options = {}) {
      pending?.resolve({ status: 'superseded' });
      const requestId = nextId++;
      return new Promise<SearchOutcome>((resolve) => {
        const slot = { requestId, resolve };
        pending = slot;
        void send({ type: 'search', requestId, query, ...options }).then((response) => {
          if (pending !== slot) return;
          pending = null;
          if (response.type === 'hits') {
            resolve({ status: 'ok', hits: response.hits, rows: response.rows ?? [], matched: Math.max(response.matched ?? 0, response.hits.length), tookMs: response.tookMs ?? 0, rowsMs: response.rowsMs, indexed: response.indexed });
          } else if (response.type === 'superseded') {
            resolve({ status: 'superseded' });
          } else {
            // An answer of a kind this client does not know is a bug; the reader gets the plain "something went wrong".
            resolve({ status: 'error', message: response.type === 'error' ? response.message : t('errors.unknown') });
          }
        });
      });
    },
  };
}
