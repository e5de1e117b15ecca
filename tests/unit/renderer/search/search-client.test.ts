import { describe, expect, it } from 'vitest';
import { createSearchClient, type WorkerLike } from '../../../../renderer/search/search-client';
import { createLatestSearch } from '../../../../shared/search/latest-search';
import type { SearchRequest, SearchResponse } from '../../../../shared/search/protocol';
import { createSearchWorkerHandler, parseSearchRequest } from '../../../../shared/search/worker-handler';

// A real Worker must fit the client's WorkerLike.
export const workerFits = (w: Worker): WorkerLike => w;

/**
 * Runs the real Worker handler in-process, searches through the same latest-wins runner as the Worker; messages
 * arrive and replies leave asynchronously, as they would with a Worker.
 */
function fakeWorker(): WorkerLike & { received: SearchRequest[]; computed: string[] } {
  const handle = createSearchWorkerHandler();
  const listeners: ((event: MessageEvent) => void)[] = [];
  const received: SearchRequest[] = [];
  const computed: string[] = [];
  const reply = (response: SearchResponse): void => {
    const event = { data: structuredClone(response) } as MessageEvent;
    for (const l of listeners) l(event);
  };
  const search = createLatestSearch<Extract<SearchRequest, { type: 'search' }>, SearchResponse>({
    run: async (request) => {
      computed.push(request.query);
      return handle(request).response;
    },
    post: reply,
    defer: (task) => setTimeout(task, 0),
  });
  return {
    received,
    computed,
    postMessage(message) {
      received.push(message);
      const copy: unknown = structuredClone(message);
      setTimeout(() => {
        const request = parseSearchRequest(copy);
        if (typeof request !== 'string' && request.type === 'search') search(request);
        else reply(handle(copy).response);
      }, 0);
    },
    addEventListener(_type, listener) {
      listeners.push(listener);
    },
  };
}

const docs = [
  { id: 'a', feedId: 'f1', title: 'Solar panels get cheaper' },
  { id: 'b', feedId: 'f1', title: 'Solar storms and radio' },
  { id: 'c', feedId: 'f2', title: 'Wind farms at sea' },
];

describe('search client', () => {
  it('adds and searches through the worker', async () => {
    const client = createSearchClient(fakeWorker());
    expect(await client.add(docs)).toEqual({ ok: true, value: 3 });
    const outcome = await client.search('solar', { feedIds: ['f1'], allowedIds: ['a'] });
    expect(outcome.status === 'ok' && outcome.hits.map((h) => h.id)).toEqual(['a']);
    expect(await client.remove(['a'])).toEqual({ ok: true, value: 2 });
  });

  it('resolves older searches as superseded at once, and the worker computes only the latest', async () => {
    const worker = fakeWorker();
    const client = createSearchClient(worker);
    await client.add(docs);
    const typed = ['s', 'so', 'sol', 'sola', 'solar'].map((q) => client.search(q));
    const outcomes = await Promise.all(typed);
    expect(outcomes.slice(0, 4)).toEqual(Array(4).fill({ status: 'superseded' }));
    const last = outcomes[4]!;
    expect(last.status === 'ok' && last.hits.map((h) => h.id).sort()).toEqual(['a', 'b']);
    expect(worker.computed).toEqual(['solar']);
  });

  it('round-trips a snapshot into another worker', async () => {
    const one = createSearchClient(fakeWorker());
    await one.add(docs);
    const snap = await one.snapshot();
    expect(snap.ok).toBe(true);
    if (!snap.ok) return;
    const two = createSearchClient(fakeWorker());
    expect(await two.load(snap.value)).toEqual({ ok: true, value: 3 });
    const outcome = await two.search('wind');
    expect(outcome.status === 'ok' && outcome.hits.map((h) => h.id)).toEqual(['c']);
  });

  it('reports a worker error as a value', async () => {
    const client = createSearchClient(fakeWorker());
    const loaded = await client.load(new Uint8Array([9, 9, 9, 9]));
    expect(loaded.ok).toBe(false);
  });
});
