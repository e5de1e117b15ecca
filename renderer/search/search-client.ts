/**
 * Promise-returning access to the search Worker. Searches are latest-query-wins: at most one search is at the
 * Worker at a time and at most one waits behind it; a newer search resolves older pending ones as
 * `superseded` at once, so fast typing never builds a queue of stale searches in the Worker.
 */
import type { SearchRequest, SearchResponse } from '../../shared/search/protocol';
import type { SearchDoc, SearchHit } from '../../shared/search/types';
import { err, ok, type Result } from '../../shared/result';

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
}

export type SearchOutcome =
  | { status: 'ok'; hits: SearchHit[] }
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
type SearchBody = Omit<Extract<SearchRequest, { type: 'search' }>, 'requestId'>;

export function createSearchClient(worker: WorkerLike): SearchClient {
  let nextId = 1;
  const waiting = new Map<number, Waiter>();
  let inFlight: { requestId: number; resolve: ((o: SearchOutcome) => void) | null } | null = null;
  let queued: { body: SearchBody; resolve: (o: SearchOutcome) => void } | null = null;

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

  const sendSearch = (body: SearchBody, resolve: (o: SearchOutcome) => void): void => {
    const requestId = nextId++;
    const slot = { requestId, resolve: resolve as ((o: SearchOutcome) => void) | null };
    inFlight = slot;
    void send({ ...body, requestId }).then((response) => {
      slot.resolve?.(
        response.type === 'hits'
          ? { status: 'ok', hits: response.hits }
          : { status: 'error', message: response.type === 'error' ? response.message : `unexpected ${response.type}` },
      );
      inFlight = null;
      const next = queued;
      queued = null;
      if (next) sendSearch(next.body, next.resolve);
    });
  };

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
      return new Promise<SearchOutcome>((resolve) => {
        const body: SearchBody = { type: 'search', query, ...options };
        queued?.resolve({ status: 'superseded' });
        queued = null;
        if (inFlight) {
          inFlight.resolve?.({ status: 'superseded' });
          inFlight.resolve = null;
          queued = { body, resolve };
        } else {
          sendSearch(body, resolve);
        }
      });
    },
  };
}
