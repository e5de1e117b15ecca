import { describe, expect, it } from 'vitest';
import { createSearchClient, type WorkerLike } from '../../../../renderer/search/search-client';
import type { SearchRequest } from '../../../../shared/search/protocol';
import { createSearchWorkerHandler } from '../../../../shared/search/worker-handler';

// A real Worker must fit the client's WorkerLike.
export const workerFits = (w: Worker): WorkerLike => w;

/** Runs the real Worker handler in-process; replies arrive asynchronously, as they would from a Worker. */
function fakeWorker(): WorkerLike & { received: SearchRequest[] } {
  const handle = createSearchWorkerHandler();
  const listeners: ((event: MessageEvent) => void)[] = [];
  const received: SearchRequest[] = [];
  return {
    received,
    postMessage(message) {
      received.push(message);
      const copy: unknown = structuredClone(message);
      void Promise.resolve().then(() => {
        const { response } = handle(copy);
        const event = { data: structuredClone(response) } as MessageEvent;
        for (const l of listeners) l(event);
      });
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

  it('resolves older searches as superseded and sends only the first and the latest', async () => {
    const worker = fakeWorker();
    const client = createSearchClient(worker);
    await client.add(docs);
    const typed = ['s', 'so', 'sol', 'sola', 'solar'].map((q) => client.search(q));
    const outcomes = await Promise.all(typed);
    expect(outcomes.slice(0, 4)).toEqual(Array(4).fill({ status: 'superseded' }));
    const last = outcomes[4]!;
    expect(last.status === 'ok' && last.hits.map((h) => h.id).sort()).toEqual(['a', 'b']);
    const searches = worker.received.filter((m) => m.type === 'search').map((m) => m.type === 'search' && m.query);
    expect(searches).toEqual(['s', 'solar']);
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
