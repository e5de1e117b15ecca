import { describe, expect, it } from 'vitest';
import { createSearchWorkerHandler } from '../../../../shared/search/worker-handler';

const docs = [
  { id: 'a', feedId: 'f1', title: 'Rivers of Europe', published: 1 },
  { id: 'b', feedId: 'f2', title: 'Rivers of Asia', published: 2 },
  { id: 'c', feedId: 'f2', title: 'Mountains of Asia', published: 3 },
];

describe('search worker handler', () => {
  it('adds, searches and removes, answering each request with its id', () => {
    const handle = createSearchWorkerHandler();
    expect(handle({ type: 'add', requestId: 1, docs }).response).toEqual({ type: 'done', requestId: 1, size: 3 });
    const found = handle({ type: 'search', requestId: 2, query: 'rivers' }).response;
    expect(found.type === 'hits' && found.hits.map((h) => h.id)).toEqual(['b', 'a']);
    expect(handle({ type: 'remove', requestId: 3, ids: ['b'] }).response).toEqual({ type: 'done', requestId: 3, size: 2 });
  });

  it('turns feedIds and allowedIds into filters', () => {
    const handle = createSearchWorkerHandler();
    handle({ type: 'add', requestId: 1, docs });
    const byFeed = handle({ type: 'search', requestId: 2, query: 'asia', feedIds: ['f2'], allowedIds: ['c'] }).response;
    expect(byFeed.type === 'hits' && byFeed.hits.map((h) => h.id)).toEqual(['c']);
    const none = handle({ type: 'search', requestId: 3, query: 'asia', allowedIds: [] }).response;
    expect(none.type === 'hits' && none.hits).toEqual([]);
  });

  it('snapshots to transferable bytes and loads them into a fresh worker', () => {
    const first = createSearchWorkerHandler();
    first({ type: 'add', requestId: 1, docs });
    const reply = first({ type: 'snapshot', requestId: 2 });
    expect(reply.response.type).toBe('snapshot');
    if (reply.response.type !== 'snapshot') return;
    expect(reply.transfer).toEqual([reply.response.bytes.buffer]);
    const second = createSearchWorkerHandler();
    expect(second({ type: 'load', requestId: 3, bytes: reply.response.bytes }).response).toEqual({ type: 'done', requestId: 3, size: 3 });
    const found = second({ type: 'search', requestId: 4, query: 'mountains' }).response;
    expect(found.type === 'hits' && found.hits.map((h) => h.id)).toEqual(['c']);
  });

  it('answers malformed messages with an error instead of throwing', () => {
    const handle = createSearchWorkerHandler();
    expect(handle({ type: 'add', requestId: 5, docs: [{ id: 1 }] }).response).toMatchObject({ type: 'error', requestId: 5 });
    expect(handle({ type: 'nope', requestId: 6 }).response).toMatchObject({ type: 'error', requestId: 6 });
    expect(handle('garbage').response).toMatchObject({ type: 'error', requestId: -1 });
    expect(handle({ type: 'load', requestId: 7, bytes: new Uint8Array(8) }).response).toMatchObject({ type: 'error', requestId: 7 });
    expect(handle({ type: 'add', requestId: 8, docs: [{ ...docs[0], text: '<p>x</p>', markup: 'yes' }] }).response).toMatchObject({ type: 'error', requestId: 8 });
  });

  it('indexes a body given as HTML with markup: its words, not its tags', () => {
    const handle = createSearchWorkerHandler();
    handle({ type: 'add', requestId: 1, docs: [{ ...docs[0], text: '<p class="lede">Glaciers <b>retreat</b></p>', markup: true }] });
    const words = handle({ type: 'search', requestId: 2, query: 'retreat glaciers' }).response;
    expect(words.type === 'hits' && words.hits.map((h) => h.id)).toEqual(['a']);
    const tags = handle({ type: 'search', requestId: 3, query: 'lede' }).response;
    expect(tags.type === 'hits' && tags.hits).toEqual([]);
  });
});
