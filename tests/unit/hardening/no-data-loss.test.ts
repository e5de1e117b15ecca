/**
 * No data loss (fake-indexeddb, the real sync engine and repository): reading and starring during a sync
 * survives it; a write that fails part-way through any transaction (a crash, a full disk) leaves the library
 * exactly as it was, with true unread counters, and a retry completes it; a backup restores exactly.
 */
import type { DBCore, DBCoreMutateRequest, DBCoreMutateResponse, DBCoreTable } from 'dexie';
import { describe, expect, it } from 'vitest';
import { exportLibrary, importLibrary } from '../../../shared/db/backup';
import { subscribe } from '../../../shared/db/feeds';
import { createFolder } from '../../../shared/db/folders';
import { markAllRead, markRead, markUnread, setStarred, toggleStar } from '../../../shared/db/read-state';
import type { BroadsheetDb } from '../../../shared/db/schema';
import { setSettings } from '../../../shared/db/settings';
import type { ParsedItem } from '../../../shared/feeds/types';
import { mulberry32 } from '../../support/random';
import { createSyncEngine, type SyncEngine } from '../../../shared/sync/engine';
import { expectUnreadCountsTrue, freshDb, item, parsedFeed, T0 } from '../shared/db/test-db';
import { clock, FakeHost } from '../shared/sync/fake-host';

/** Fails writes on demand at the DBCore level, below every table method (put, bulkPut, update, modify, delete). */
interface FaultInjector {
  /** Writes (DBCore mutate calls) allowed before the next one fails; Infinity = no fault. */
  writesLeft: number;
  error: () => Error;
  /** True once a write was refused. */
  triggered: boolean;
}

function injectFaults(db: BroadsheetDb): FaultInjector {
  const state: FaultInjector = { writesLeft: Infinity, error: () => new Error('simulated crash'), triggered: false };
  db.use({
    stack: 'dbcore',
    name: 'fault-injector',
    create: (down: DBCore): DBCore => ({
      ...down,
      table(name: string): DBCoreTable {
        const table = down.table(name);
        return {
          ...table,
          mutate(request: DBCoreMutateRequest): Promise<DBCoreMutateResponse> {
            if (state.writesLeft <= 0) {
              state.triggered = true;
              return Promise.reject(state.error());
            }
            state.writesLeft--;
            return table.mutate(request);
          },
        };
      },
    }),
  });
  return state;
}

type Snapshot = Record<string, Array<Record<string, unknown>>>;

/** Every row of every table, in key order: two equal snapshots mean two equal libraries. */
async function snapshot(db: BroadsheetDb): Promise<Snapshot> {
  const tables: Snapshot = {};
  for (const table of db.tables) tables[table.name] = JSON.parse(JSON.stringify(await table.toArray())) as Array<Record<string, unknown>>;
  return tables;
}

/** A new database holding exactly the rows of a snapshot. */
async function restoreSnapshot(rows: Snapshot, name: string): Promise<BroadsheetDb> {
  const db = freshDb(undefined, name);
  await db.transaction('rw', db.tables, async () => {
    for (const table of db.tables) await table.bulkPut(rows[table.name] ?? []);
  });
  return db;
}

/** One feed's share of a snapshot: its row, its articles and their contents. */
function feedSlice(rows: Snapshot, feedId: string): string {
  const articles = (rows.articles ?? []).filter((a) => a.feedId === feedId);
  const ids = new Set(articles.map((a) => a.id));
  return JSON.stringify({
    feed: (rows.feeds ?? []).find((f) => f.id === feedId),
    articles,
    contents: (rows.contents ?? []).filter((c) => ids.has(c.articleId)),
  });
}

/** Names what differs between two snapshots, without printing whole libraries. */
function differences(a: Snapshot, b: Snapshot): string[] {
  return Object.keys({ ...a, ...b }).filter((name) => JSON.stringify(a[name]) !== JSON.stringify(b[name]));
}

const FEEDS = ['https://a.example/feed', 'https://b.example/feed', 'https://c.example/feed'];

function itemsFor(feed: number, version: number): ParsedItem[] {
  // Each version adds two items and rewrites the newest older one (an "updated" article).
  const count = 6 + version * 2;
  return Array.from({ length: count }, (_, n) =>
    item(feed * 1000 + n, { title: `Feed ${feed} post ${n}`, content: `<p>v${n === count - 3 ? version : 0}</p>`, published: T0 + n * 60_000 }),
  );
}

async function library(seed = 0): Promise<{ db: BroadsheetDb; faults: FaultInjector; engine: SyncEngine; host: FakeHost; feedIds: string[]; version: number[] }> {
  const db = freshDb(undefined, `no-data-loss-${seed}-${Math.random()}`);
  const faults = injectFaults(db);
  const host = new FakeHost();
  const time = clock(T0);
  const engine = createSyncEngine({ db, host, now: time.now });
  const feedIds: string[] = [];
  for (const [i, url] of FEEDS.entries()) {
    host.setFeed(url, parsedFeed(itemsFor(i, 0), { title: `Feed ${i}` }));
    const created = await subscribe(db, url, { now: T0 });
    if (!created.ok) throw new Error(created.error.message);
    feedIds.push(created.value.feed.id);
  }
  await engine.syncAll();
  return { db, faults, engine, host, feedIds, version: FEEDS.map(() => 0) };
}

describe('no data loss', () => {
  it('keeps read and starred changes made while a sync is fetching and merging', async () => {
    const { db, engine, host, feedIds } = await library();
    const before = await db.articles.where('feedId').equals(feedIds[0]!).sortBy('sortTime');
    // The feed changes (new items, an updated one) and the sync is held on the wire.
    for (const [i, url] of FEEDS.entries()) host.setFeed(url, parsedFeed(itemsFor(i, 1), { title: `Feed ${i}` }));
    let release!: () => void;
    host.gate = new Promise((resolve) => (release = resolve));
    const syncing = engine.syncAll();
    const toRead = before.map((a) => a.id);
    // Version 1 rewrites the text of guid-5 (the newest article of version 0).
    const updatedId = before.find((a) => a.guid === 'guid-5')!.id;
    await markRead(db, toRead);
    await setStarred(db, [updatedId, before[0]!.id], true, T0);
    release();
    // More actions race the merges themselves.
    const racing = [markUnread(db, [before[1]!.id]), toggleStar(db, before[2]!.id, T0)];
    const summary = await syncing;
    await Promise.all(racing);
    expect(summary.errors).toBe(0);
    expect(summary.newArticles).toBe(FEEDS.length * 2);
    const after = new Map((await db.articles.bulkGet(toRead)).map((a) => [a!.id, a!]));
    expect(after.get(before[0]!.id)).toMatchObject({ read: 1, starred: 1 });
    expect(after.get(before[1]!.id)).toMatchObject({ read: 0 });
    expect(after.get(before[2]!.id)).toMatchObject({ read: 1, starred: 1 });
    // The article the feed rewrote took the new text and kept the reader's state.
    expect(after.get(updatedId)).toMatchObject({ read: 1, starred: 1 });
    expect((await db.contents.get(updatedId))?.html).toBe('<p>v1</p>');
    expect(toRead.filter((id) => id !== before[1]!.id).every((id) => after.get(id)?.read === 1)).toBe(true);
    await expectUnreadCountsTrue(db);
  });

  it('sees a partial write when an operation is not one transaction (the check below can fail)', async () => {
    const { db, faults, feedIds } = await library();
    const before = await snapshot(db);
    const ids = await db.articles.where('feedId').equals(feedIds[0]!).primaryKeys();
    faults.writesLeft = 1;
    // Two writes outside a transaction: the first lands, the second fails.
    await expect(
      (async () => {
        await db.articles.bulkUpdate(ids.map((key) => ({ key, changes: { read: 1 as const } })));
        await db.feeds.update(feedIds[0]!, { unreadCount: 0 });
      })(),
    ).rejects.toThrow('simulated crash');
    faults.writesLeft = Infinity;
    expect(differences(await snapshot(db), before)).toEqual(['articles']);
    await expect(expectUnreadCountsTrue(db)).rejects.toThrow();
  });

  it('leaves the library exactly as it was when a write fails part-way through any operation (50 seeds)', async () => {
    const figures = { crashed: 0, completed: 0 };
    type Target = { db: BroadsheetDb; engine: SyncEngine };
    for (let seed = 1; seed <= 50; seed++) {
      const random = mulberry32(seed);
      const lib = await library(seed);
      const { db, faults, engine, host, feedIds } = lib;
      const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)] as T;
      const someIds = async () => (await db.articles.toCollection().primaryKeys()).filter(() => random() < 0.3);
      // Each entry prepares a random operation; `perFeed` ones are one transaction per feed, the others one in all.
      const operations: Array<{ perFeed: boolean; prepare: () => Promise<(t: Target) => Promise<unknown>> }> = [
        {
          perFeed: false,
          prepare: async () => {
            const f = Math.floor(random() * FEEDS.length);
            host.setFeed(FEEDS[f]!, parsedFeed(itemsFor(f, ++lib.version[f]!), { title: `Feed ${f}` }));
            return (t) => t.engine.syncFeed(feedIds[f]!);
          },
        },
        {
          perFeed: true,
          prepare: async () => {
            for (const [f, url] of FEEDS.entries()) host.setFeed(url, parsedFeed(itemsFor(f, ++lib.version[f]!), { title: `Feed ${f}` }));
            return (t) => t.engine.syncAll();
          },
        },
        { perFeed: false, prepare: async () => { const ids = await someIds(); return (t) => markRead(t.db, ids); } },
        { perFeed: false, prepare: async () => { const ids = await someIds(); return (t) => markUnread(t.db, ids); } },
        { perFeed: false, prepare: async () => { const ids = await someIds(); const on = random() < 0.7; return (t) => setStarred(t.db, ids, on, T0); } },
        { perFeed: false, prepare: async () => { const feedId = pick(feedIds); return (t) => markAllRead(t.db, { feedId }); } },
        { perFeed: false, prepare: async () => (t) => markAllRead(t.db, { all: true }) },
        {
          perFeed: false,
          prepare: async () => {
            const backup = await exportLibrary(db, T0);
            backup.readIds = (await db.articles.toCollection().primaryKeys()).filter(() => random() < 0.5).sort();
            return (t) => importLibrary(t.db, backup, T0);
          },
        },
      ];
      const steps = 4 + Math.floor(random() * 4);
      const crashAt = Math.floor(random() * steps);
      for (let step = 0; step < steps; step++) {
        const operation = pick(operations);
        const run = await operation.prepare();
        if (step !== crashAt) {
          await run({ db, engine });
          continue;
        }
        const before = await snapshot(db);
        faults.writesLeft = Math.floor(random() * 8);
        faults.triggered = false;
        let rejected = false;
        try {
          await run({ db, engine });
        } catch {
          rejected = true;
        }
        faults.writesLeft = Infinity;
        const after = await snapshot(db);
        if (!faults.triggered) {
          figures.completed++;
          expect(rejected, `seed ${seed}: failed without a write failing`).toBe(false);
        } else if (!operation.perFeed) {
          figures.crashed++;
          expect(differences(after, before), `seed ${seed}: a crashed operation left a partial write`).toEqual([]);
        } else {
          // A sync of several feeds commits feed by feed: each feed is wholly before or wholly merged.
          figures.crashed++;
          const clone = await restoreSnapshot(before, `clean-${seed}-${Math.random()}`);
          await run({ db: clone, engine: createSyncEngine({ db: clone, host, now: () => T0 }) });
          const clean = await snapshot(clone);
          clone.close();
          for (const feedId of feedIds) {
            expect([feedSlice(before, feedId), feedSlice(clean, feedId)], `seed ${seed}: feed ${feedId} half-merged`).toContain(feedSlice(after, feedId));
          }
          expect(differences(after, before).filter((t) => !['feeds', 'articles', 'contents'].includes(t))).toEqual([]);
        }
        await expectUnreadCountsTrue(db);
      }
      // Whatever crashed, a full sync afterwards brings the library up to date.
      const summary = await engine.syncAll();
      expect(summary.errors).toBe(0);
      for (const [f, feedId] of feedIds.entries()) {
        expect(await db.articles.where('feedId').equals(feedId).count()).toBe(itemsFor(f, lib.version[f]!).length);
      }
      await expectUnreadCountsTrue(db);
      db.close();
    }
    console.info(`[no-data-loss] 50 seeds: ${figures.crashed} operations failed part-way and rolled back, ${figures.completed} completed before the fault point`);
    expect(figures.crashed).toBeGreaterThan(25);
  }, 25_000);

  it('restores a backup into a wiped library exactly (backup → wipe → restore → backup)', async () => {
    const { db, feedIds } = await library();
    await createFolder(db, 'News');
    await setSettings(db, { syncIntervalMinutes: 45 });
    const ids = await db.articles.where('feedId').equals(feedIds[1]!).primaryKeys();
    await markRead(db, ids.slice(0, 3));
    await setStarred(db, ids.slice(2, 5), true, T0 + 5);
    const backup = await exportLibrary(db, T0);
    const json = JSON.stringify(backup);
    await db.delete();

    const restored = freshDb(undefined, `restored-${Math.random()}`);
    const report = await importLibrary(restored, JSON.parse(json), T0);
    expect(report).toMatchObject({ ok: true, value: { feeds: FEEDS.length, starred: 3, readStates: 3 } });
    expect(await exportLibrary(restored, T0)).toEqual(backup);
    expect((await restored.folders.toArray()).map((f) => f.title)).toEqual(['News']);
    // Read states of articles not fetched yet come back when the articles do.
    const engine = createSyncEngine({ db: restored, host: (await library()).host, now: () => T0 });
    await engine.syncAll();
    expect((await restored.articles.bulkGet(ids.slice(0, 3))).map((a) => a?.read)).toEqual([1, 1, 1]);
    expect((await restored.articles.bulkGet(ids.slice(2, 5))).map((a) => a?.starred)).toEqual([1, 1, 1]);
    expect(await exportLibrary(restored, T0)).toEqual(backup);
    await expectUnreadCountsTrue(restored);
  });

  it('reports a full disk (QuotaExceededError) as a clear error and loses nothing already stored', async () => {
    const { db, faults, engine, host, feedIds } = await library();
    const ids = await db.articles.where('feedId').equals(feedIds[0]!).primaryKeys();
    await markRead(db, ids.slice(0, 2));
    const before = await snapshot(db);
    faults.error = () => new DOMException('The quota has been exceeded.', 'QuotaExceededError');
    faults.writesLeft = 0;

    host.setFeed(FEEDS[0]!, parsedFeed(itemsFor(0, 1), { title: 'Feed 0' }));
    const outcome = await engine.syncFeed(feedIds[0]!);
    expect(outcome.status).toBe('error');
    // A HostError message is one sentence a user can read, not a stack of wrapped errors.
    expect(outcome.error?.message).toMatch(/storage|disk|space/i);
    expect(outcome.error?.message).not.toMatch(/\n|QuotaExceededError/);
    console.info(`[no-data-loss] full disk during a merge surfaces as ${JSON.stringify(outcome.error)}`);
    await expect(markRead(db, ids.slice(2, 4))).rejects.toThrow(/quota/i);
    expect(differences(await snapshot(db), before)).toEqual([]);

    faults.writesLeft = Infinity;
    expect((await engine.syncFeed(feedIds[0]!)).added).toBe(2);
    expect((await db.articles.bulkGet(ids.slice(0, 2))).map((a) => a?.read)).toEqual([1, 1]);
    await expectUnreadCountsTrue(db);
  });
});
