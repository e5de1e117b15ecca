/**
 * When the engine merges what its host answered: the first answers at once, small merges spaced out by mergeGapMs
 * only while few answers wait, and the run's last answers at once, queued behind the merge in flight. The host here
 * answers only when the test says so, and the gap's timer fires only when the test fires it, so each test says what
 * starts a merge, and one that waited for the wrong thing fails (times out) instead of passing late.
 */
import type { DBCore } from 'dexie';
import { describe, expect, it, vi } from 'vitest';
import { subscribe } from '../../../../shared/db/feeds';
import type { BroadsheetDb } from '../../../../shared/db/schema';
import { createSyncEngine } from '../../../../shared/sync/engine';
import { freshDb, T0 } from '../db/test-db';
import { clock } from './fake-host';
import { ManualHost } from './manual-host';

/**
 * Counts the read-write transactions begun (one per merge) and the cursors opened on the feeds, and logs the reads of
 * the tables a merge reads: `ask <table> <how>` when a read is sent, `answer <table> <how>` when its answer came.
 */
function countMerges(db: BroadsheetDb): { begun: number; feedCursors: number; reads: string[] } {
  const counts = { begun: 0, feedCursors: 0, reads: [] as string[] };
  const logged = <T,>(name: string, read: Promise<T>, how: string) => {
    counts.reads.push(`ask ${name} ${how}`);
    return read.then((answer) => (counts.reads.push(`answer ${name} ${how}`), answer));
  };
  db.use({
    stack: 'dbcore',
    name: 'merge-counter',
    create: (down: DBCore): DBCore => ({
      ...down,
      transaction(stores, mode, options) {
        if (mode === 'readwrite') counts.begun++;
        return down.transaction(stores, mode, options);
      },
      table(name) {
        const table = down.table(name);
        if (!['feeds', 'articles', 'pendingStates', 'rules'].includes(name)) return table;
        return {
          ...table,
          get: (request) => logged(name, table.get(request), 'get'),
          getMany: (request) => logged(name, table.getMany(request), 'getMany'),
          query: (request) => logged(name, table.query(request), 'query'),
          openCursor: (request) => {
            if (name === 'feeds') counts.feedCursors++;
            return logged(name, table.openCursor(request), 'cursor');
          },
        };
      },
    }),
  });
  return counts;
}

/** A timer the test fires by hand: `pending` lists the delays asked for and not fired or cancelled. */
function manualTimers() {
  const timers = new Map<number, { fn: () => void; ms: number }>();
  let next = 0;
  return {
    setTimer(fn: () => void, ms: number) {
      const id = next++;
      timers.set(id, { fn, ms });
      return () => void timers.delete(id);
    },
    get pending(): number[] {
      return [...timers.values()].map((t) => t.ms);
    },
    /** Fires every pending timer. */
    fire(): void {
      const due = [...timers.values()];
      timers.clear();
      for (const timer of due) timer.fn();
    },
  };
}

async function library(feedCount: number, options: { maxMergeFeeds: number; mergeGapMs: number }) {
  const db = freshDb();
  const merges = countMerges(db);
  const host = new ManualHost();
  const timers = manualTimers();
  const time = clock(T0);
  const engine = createSyncEngine({ db, host, now: time.now, setTimer: timers.setTimer, ...options });
  for (let f = 0; f < feedCount; f++) {
    const created = await subscribe(db, `https://host${f}.example/feed${f}`, { now: T0 });
    if (!created.ok) throw new Error(created.error.message);
  }
  merges.begun = 0;
  const stored: number[] = [];
  engine.onArticlesStored((rows) => stored.push(rows.length));
  return { db, merges, host, timers, time, engine, stored };
}

describe('merge schedule', () => {
  it('reads the feeds to refresh in one request, not a cursor step per feed, before the first fetch', async () => {
    const { merges, host, engine } = await library(10, { maxMergeFeeds: 4, mergeGapMs: 0 });
    merges.feedCursors = 0;
    const run = engine.syncAll();
    await vi.waitFor(() => expect(host.waiting).toBe(10));
    expect(merges.feedCursors).toBe(0);
    host.answer(10);
    expect((await run).newArticles).toBe(50);
  });

  it('merges the first answer at once, then, within the gap, as soon as half a transaction has arrived', async () => {
    const { host, timers, engine, stored } = await library(10, { maxMergeFeeds: 4, mergeGapMs: 60_000 });
    const run = engine.syncAll();
    await vi.waitFor(() => expect(host.waiting).toBe(10));
    host.answer(1);
    // The first merge does not wait for a gap or a full transaction.
    await vi.waitFor(() => expect(stored).toEqual([5]));
    host.answer(1);
    // One feed is less than half of maxMergeFeeds: it waits for the gap (which this test never fires)…
    await vi.waitFor(() => expect(timers.pending).toHaveLength(1));
    host.answer(1);
    // …until a second answer makes half a transaction: merged without the timer.
    await vi.waitFor(() => expect(stored).toEqual([5, 10]));
    expect(timers.pending).toEqual([]);
    host.answer(7);
    const summary = await run;
    expect(summary.newArticles).toBe(50);
    expect(stored.reduce((a, b) => a + b)).toBe(50);
  });

  it('merges the run\'s last answers without waiting out the gap', async () => {
    const { host, timers, engine, stored } = await library(2, { maxMergeFeeds: 8, mergeGapMs: 60_000 });
    const run = engine.syncAll();
    await vi.waitFor(() => expect(host.waiting).toBe(2));
    host.answer(1);
    await vi.waitFor(() => expect(stored).toEqual([5]));
    // The last feed is one eighth of a transaction, but nothing else is coming: no reason to wait.
    host.answer(1);
    const summary = await run;
    expect(summary.newArticles).toBe(10);
    expect(stored).toEqual([5, 5]);
    expect(timers.pending).toEqual([]);
  });

  it('asks for what a transaction\'s feeds read alike together with their feed rows, not one after another', async () => {
    const { merges, host, engine, stored } = await library(4, { maxMergeFeeds: 4, mergeGapMs: 0 });
    const run = engine.syncAll();
    await vi.waitFor(() => expect(host.waiting).toBe(4));
    merges.reads.length = 0;
    host.answer(4);
    await run;
    expect(stored).toEqual([20]);
    // Whether any article, any pending read mark or any rule is stored: all asked before the first feed row came back.
    const firstFeedRow = merges.reads.findIndex((read) => read.startsWith('answer feeds'));
    for (const table of ['articles', 'pendingStates', 'rules']) expect(merges.reads.findIndex((read) => read.startsWith(`ask ${table}`))).toBeLessThan(firstFeedRow);
  });

  it('looks up each feed\'s stored articles side by side, not with a cursor stepping from feed to feed', async () => {
    const { merges, host, engine, stored } = await library(8, { maxMergeFeeds: 4, mergeGapMs: 0 });
    const run = engine.syncAll();
    await vi.waitFor(() => expect(host.waiting).toBe(8));
    // The second transaction's feeds are new, in a library that holds the first four's articles.
    host.answer(4);
    await vi.waitFor(() => expect(stored).toEqual([20]));
    merges.reads.length = 0;
    host.answer(4);
    await run;
    expect(stored).toEqual([20, 20]);
    const articleReads = merges.reads.filter((read) => read.startsWith('ask articles'));
    expect(articleReads).toEqual(Array(4).fill('ask articles query'));
  });

  it('makes a feed\'s rows when it answers, not when its merge begins: fetched at the answer\'s time', async () => {
    const { db, host, timers, time, engine, stored } = await library(3, { maxMergeFeeds: 8, mergeGapMs: 5_000 });
    const run = engine.syncAll();
    await vi.waitFor(() => expect(host.waiting).toBe(3));
    host.answer(1);
    await vi.waitFor(() => expect(stored).toEqual([5]));
    time.advance(1_000);
    host.answer(1);
    await vi.waitFor(() => expect(timers.pending).toHaveLength(1));
    // The merge begins when the gap has passed, four seconds after the feed answered.
    time.advance(4_000);
    timers.fire();
    await vi.waitFor(() => expect(stored).toEqual([5, 5]));
    host.answer(1);
    await run;
    const second = (await db.feeds.toArray()).filter((f) => f.lastFetchedAt === T0 + 1_000);
    expect(second).toHaveLength(1);
    const rows = await db.articles.where('feedId').equals(second[0]!.id).toArray();
    expect(rows.map((r) => r.fetchedAt)).toEqual(Array(5).fill(T0 + 1_000));
  });

  it('queues the run\'s last, smaller transaction behind the merge in flight instead of waiting for it to end', async () => {
    const { merges, host, engine, stored } = await library(6, { maxMergeFeeds: 4, mergeGapMs: 0 });
    const beganWhenFirstStored: number[] = [];
    engine.onArticlesStored(() => beganWhenFirstStored.push(merges.begun));
    const run = engine.syncAll();
    await vi.waitFor(() => expect(host.waiting).toBe(6));
    // A full transaction, then (while it is being written) the last two feeds of the run.
    host.answer(4);
    host.answer(2);
    const summary = await run;
    expect(summary.newArticles).toBe(30);
    expect(stored).toEqual([20, 10]);
    // The second transaction had begun when the first one's articles were announced (after its commit).
    expect(beganWhenFirstStored[0]).toBe(2);
  });

  it('keeps a small transaction waiting for the merge in flight while more answers may come', async () => {
    const { merges, host, engine, stored } = await library(7, { maxMergeFeeds: 4, mergeGapMs: 0 });
    const beganWhenFirstStored: number[] = [];
    engine.onArticlesStored(() => beganWhenFirstStored.push(merges.begun));
    const run = engine.syncAll();
    await vi.waitFor(() => expect(host.waiting).toBe(7));
    host.answer(4);
    host.answer(2);
    // One feed is still being fetched: the two waiting ones may yet make a fuller transaction, so they wait for the
    // merge in flight rather than queue a small one behind it.
    await vi.waitFor(() => expect(stored.length).toBeGreaterThan(0));
    expect(beganWhenFirstStored[0]).toBe(1);
    host.answer(1);
    expect((await run).newArticles).toBe(35);
    expect(stored).toEqual([20, 10, 5]);
  });
});
