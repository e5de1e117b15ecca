/**
 * Merges take turns with a person's reads and writes (SyncEngineOptions.mergeTurn): a merge transaction is not created
 * while a person's request has the library, so the person's request never waits behind merges queued after it; once
 * a merge had to wait, merges are small and one at a time for a while; and turns never cost data: a feed is written
 * whole, and when no turn can be had the merges go on as before. The host answers only when the test says so.
 */
import type { DBCore } from 'dexie';
import { describe, expect, it, vi } from 'vitest';
import { subscribe } from '../../../../shared/db/feeds';
import { markRead } from '../../../../shared/db/read-state';
import type { BroadsheetDb } from '../../../../shared/db/schema';
import { createSyncEngine, type MergeTurn, type SyncEngineOptions } from '../../../../shared/sync/engine';
import { expectUnreadCountsTrue, freshDb, T0 } from '../db/test-db';
import { clock } from './fake-host';
import { ManualHost } from './manual-host';

/** Logs each read-write transaction as it is created: `merge` (over the articles' contents) or `person`. */
function logWriters(db: BroadsheetDb): string[] {
  const log: string[] = [];
  db.use({
    stack: 'dbcore',
    name: 'writer-log',
    create: (down: DBCore): DBCore => ({
      ...down,
      transaction(stores, mode, options) {
        if (mode === 'readwrite') log.push(stores.includes('contents') ? 'merge' : 'person');
        return down.transaction(stores, mode, options);
      },
    }),
  });
  return log;
}

/**
 * The person's side of the turns, as renderer/library/person-turns.ts holds a lock: while `hold`ing, a merge asking
 * for its turn waits, and is told it waited for a person. `asked` counts the turns asked for, `ended` those passed on.
 */
function personTurns() {
  let letGo: (() => void) | null = null;
  let held: Promise<void> | null = null;
  let open = 0;
  const state = {
    asked: 0,
    ended: 0,
    /** Turns asked for and not passed on, at most: the lock is exclusive, so more than one is a merge waiting for itself. */
    mostOpen: 0,
    hold(): void {
      held = new Promise<void>((resolve) => (letGo = resolve));
    },
    letGo(): void {
      held = null;
      letGo?.();
    },
    async mergeTurn(): Promise<MergeTurn> {
      state.asked++;
      open++;
      state.mostOpen = Math.max(state.mostOpen, open);
      const waiting = held;
      if (waiting) await waiting;
      let ended = false;
      return {
        personNear: waiting !== null,
        end: () => {
          if (!ended) {
            state.ended++;
            open--;
          }
          ended = true;
        },
      };
    },
  };
  return state;
}

/** `probe` adds its middleware before the database opens (a middleware added later is not used). */
async function library<P>(feedCount: number, options: Partial<SyncEngineOptions>, probe: (db: BroadsheetDb) => P) {
  const db = freshDb();
  const probed = probe(db);
  const host = new ManualHost();
  const time = clock(T0);
  const engine = createSyncEngine({ db, host, now: time.now, ...options });
  for (let f = 0; f < feedCount; f++) {
    const created = await subscribe(db, `https://host${f}.example/feed${f}`, { now: T0 });
    if (!created.ok) throw new Error(created.error.message);
  }
  const stored: number[] = [];
  engine.onArticlesStored((rows) => stored.push(rows.length));
  return { db, host, time, engine, stored, probed };
}

/** Every feed's five articles are there, and the unread counters agree with them. */
async function expectWholeFeeds(db: BroadsheetDb, feedCount: number): Promise<void> {
  const feeds = await db.feeds.toArray();
  expect(feeds).toHaveLength(feedCount);
  for (const feed of feeds) expect(await db.articles.where('feedId').equals(feed.id).count()).toBe(5);
  await expectUnreadCountsTrue(db);
}

/** The most read-write transactions open at once (created and not yet committed). */
function countOpenMerges(db: BroadsheetDb): { most: number } {
  const counts = { open: 0, most: 0 };
  db.use({
    stack: 'dbcore',
    name: 'open-merges',
    create: (down: DBCore): DBCore => ({
      ...down,
      transaction(stores, mode, options) {
        const trans = down.transaction(stores, mode, options);
        if (mode === 'readwrite') {
          counts.open++;
          counts.most = Math.max(counts.most, counts.open);
          const done = () => counts.open--;
          (trans as unknown as IDBTransaction).addEventListener('complete', done);
          (trans as unknown as IDBTransaction).addEventListener('abort', done);
        }
        return trans;
      },
    }),
  });
  return counts;
}

/** Fails the first `failures` writes of articles (a full disk for a moment). */
function failArticleWrites(failures: number) {
  return (db: BroadsheetDb): void => {
    db.use({
      stack: 'dbcore',
      name: 'fail-articles',
      create: (down: DBCore): DBCore => ({
        ...down,
        table(name) {
          const table = down.table(name);
          return {
            ...table,
            mutate(request) {
              if (name === 'articles' && failures > 0) {
                failures--;
                return Promise.reject(new Error('simulated write failure'));
              }
              return table.mutate(request);
            },
          };
        },
      }),
    });
  };
}

describe('merges taking turns with a person', () => {
  it('creates no merge transaction while a person\'s request has the library: the person\'s write goes first', async () => {
    const turns = personTurns();
    const { db, host, engine, stored, probed: writers } = await library(4, { maxMergeFeeds: 2, mergeTurn: turns.mergeTurn }, logWriters);
    writers.length = 0;
    const run = engine.syncAll();
    await vi.waitFor(() => expect(host.waiting).toBe(4));
    host.answer(2);
    await vi.waitFor(() => expect(stored).toEqual([10]));
    const [first] = await db.articles.toCollection().primaryKeys();
    // A person marks an article read while the next two feeds are merged.
    turns.hold();
    host.answer(2);
    await vi.waitFor(() => expect(turns.asked).toBe(2));
    const mark = markRead(db, [first as string]);
    // The person's write does not wait for the merge that asked for its turn: that merge has no transaction yet.
    expect(await mark).toBe(1);
    expect(writers).toEqual(['merge', 'person']);
    turns.letGo();
    expect((await run).newArticles).toBe(20);
    expect(writers).toEqual(['merge', 'person', 'merge']);
    // The turn was passed on once the transaction existed, each time.
    expect(turns.ended).toBe(2);
    expect(turns.mostOpen).toBe(1);
    await expectWholeFeeds(db, 4);
    expect((await db.articles.get(first as string))?.read).toBe(1);
  });

  it('after a merge waited for a person, merges small transactions (that one too) one at a time; big ones once the person is gone', async () => {
    const turns = personTurns();
    const { db, host, time, engine, stored, probed: open } = await library(
      15,
      { maxMergeFeeds: 8, personMergeFeeds: 2, personWindowMs: 30_000, mergeTurn: turns.mergeTurn },
      countOpenMerges,
    );
    const run = engine.syncAll();
    await vi.waitFor(() => expect(host.waiting).toBe(15));
    // Four feeds answer while a person's request has the library: the merge that waited for it is already small.
    turns.hold();
    host.answer(4);
    await vi.waitFor(() => expect(turns.asked).toBe(1));
    turns.letGo();
    await vi.waitFor(() => expect(stored).toEqual([10, 10]));
    // Six more feeds waiting together: three transactions of two feeds, never two open at once.
    host.answer(6);
    await vi.waitFor(() => expect(stored).toEqual([10, 10, 10, 10, 10]));
    expect(open.most).toBe(1);
    // Nobody has asked for half a minute: the last five feeds in one transaction again.
    time.advance(30_001);
    host.answer(5);
    expect((await run).newArticles).toBe(75);
    expect(stored).toEqual([10, 10, 10, 10, 10, 25]);
    expect(turns.mostOpen).toBe(1);
    await expectWholeFeeds(db, 15);
  });

  it('merges as before, and loses nothing, when no turn can be had', async () => {
    const { db, host, engine, stored } = await library(6, { maxMergeFeeds: 3, mergeTurn: () => Promise.reject(new Error('no lock manager here')) }, () => null);
    const run = engine.syncAll();
    await vi.waitFor(() => expect(host.waiting).toBe(6));
    host.answer(6);
    expect((await run).newArticles).toBe(30);
    expect(stored).toEqual([15, 15]);
    await expectWholeFeeds(db, 6);
  });

  it('writes a feed whole when its turn came after a batch failed and is written feed by feed', async () => {
    const turns = personTurns();
    // The batch's transaction fails once: each feed is then written alone, each in its own turn.
    const { db, host, engine } = await library(3, { maxMergeFeeds: 3, mergeTurn: turns.mergeTurn }, failArticleWrites(1));
    const run = engine.syncAll();
    await vi.waitFor(() => expect(host.waiting).toBe(3));
    host.answer(3);
    expect((await run).newArticles).toBe(15);
    expect(turns.asked).toBe(4);
    expect(turns.ended).toBe(4);
    expect(turns.mostOpen).toBe(1);
    await expectWholeFeeds(db, 3);
  });
});
