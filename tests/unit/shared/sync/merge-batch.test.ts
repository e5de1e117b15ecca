/**
 * The engine with a batching host: many feeds per host call (never two of one server at once), feeds that arrive
 * together merged in one transaction, and the atomicity and isolation that batching must not cost: a feed is never
 * half written, a feed that cannot be written never fails the others, and a lost answer fails only its feed.
 */
import type { DBCore, DBCoreMutateRequest, DBCoreTable } from 'dexie';
import { describe, expect, it } from 'vitest';
import { subscribe } from '../../../../shared/db/feeds';
import { articleIdsForItems } from '../../../../shared/db/ids';
import type { BroadsheetDb } from '../../../../shared/db/schema';
import { createSyncEngine, type SyncEngineOptions } from '../../../../shared/sync/engine';
import { mulberry32 } from '../../../support/random';
import { expectUnreadCountsTrue, freshDb, item, items, parsedFeed, T0 } from '../db/test-db';
import { BatchingFakeHost, clock } from './fake-host';

/** Counts read-write transactions, and fails writes on demand (all after a count, or those a predicate picks). */
function instrument(db: BroadsheetDb) {
  const state = { readwrite: 0, writesLeft: Infinity, failIf: null as null | ((table: string, request: DBCoreMutateRequest) => boolean) };
  db.use({
    stack: 'dbcore',
    name: 'batch-test-probe',
    create: (down: DBCore): DBCore => ({
      ...down,
      transaction(stores, mode, options) {
        if (mode === 'readwrite') state.readwrite++;
        return down.transaction(stores, mode, options);
      },
      table(name: string): DBCoreTable {
        const table = down.table(name);
        return {
          ...table,
          mutate(request) {
            if (state.writesLeft <= 0 || state.failIf?.(name, request)) return Promise.reject(new Error('simulated write failure'));
            state.writesLeft--;
            return table.mutate(request);
          },
        };
      },
    }),
  });
  return state;
}

async function library(feedCount: number, hosts: number, extra: Partial<SyncEngineOptions> = {}) {
  const db = freshDb();
  const probe = instrument(db);
  const host = new BatchingFakeHost();
  const engine = createSyncEngine({ db, host, now: clock(T0).now, ...extra });
  const urls: string[] = [];
  const feedIds: string[] = [];
  for (let f = 0; f < feedCount; f++) {
    const url = `https://host${f % hosts}.example/feed${f}`;
    urls.push(url);
    host.setFeed(url, parsedFeed(items(5).map((it, n) => ({ ...it, guid: `f${f}-${n}` })), { title: `Feed ${f}` }));
    const created = await subscribe(db, url, { now: T0 });
    if (!created.ok) throw new Error(created.error.message);
    feedIds.push(created.value.feed.id);
  }
  return { db, probe, host, engine, urls, feedIds };
}

describe('sync engine with a batching host', () => {
  it('fetches many feeds per host call, never two of one server at once, with few calls open', async () => {
    const { db, host, engine } = await library(30, 10, { maxBatch: 8 });
    const summary = await engine.syncAll();
    expect(summary.errors).toBe(0);
    expect(summary.newArticles).toBe(150);
    expect(host.calls).toHaveLength(30);
    expect(host.batches.length).toBeLessThan(30);
    expect(Math.max(...host.batches.map((b) => b.length))).toBeLessThanOrEqual(8);
    for (const batch of host.batches) {
      const names = batch.map((r) => new URL(r.url).hostname);
      expect(new Set(names).size).toBe(names.length);
    }
    expect(host.maxPerHost).toBe(1);
    expect(host.maxOpenBatches).toBeLessThanOrEqual(3);
    await expectUnreadCountsTrue(db);
  });

  it('merges the feeds whose answers arrive together in one transaction', async () => {
    const { db, probe, host, engine } = await library(12, 12);
    host.together = true;
    probe.readwrite = 0;
    const summary = await engine.syncAll();
    expect(summary.newArticles).toBe(60);
    expect(probe.readwrite).toBe(1);
    expect(await db.articles.count()).toBe(60);
    await expectUnreadCountsTrue(db);
  });

  it('announces a transaction\'s new articles once, every feed\'s rows together, as written', async () => {
    const { db, host, engine } = await library(12, 12);
    host.together = true;
    const stored: string[][] = [];
    const added: string[][] = [];
    engine.onArticlesStored((rows) => stored.push(rows.map((row) => row.article.id)));
    engine.onArticlesAdded((ids) => added.push(ids));
    await engine.syncAll();
    expect(added).toHaveLength(1);
    expect(stored).toEqual(added);
    expect([...(added[0] ?? [])].sort()).toEqual((await db.articles.toCollection().primaryKeys()).sort());
  });

  it('announces only what was written when a batch falls back to feed-by-feed writes', async () => {
    const { db, probe, host, engine, feedIds } = await library(6, 6);
    host.together = true;
    const bad = feedIds[2]!;
    probe.failIf = (table, request) => table === 'articles' && request.type === 'put' && request.values.some((row) => (row as { feedId?: string }).feedId === bad);
    const added: string[] = [];
    engine.onArticlesAdded((ids) => added.push(...ids));
    await engine.syncAll();
    expect(added).toHaveLength(25);
    expect(added.some((id) => id.startsWith(`${bad}:`))).toBe(false);
    expect([...added].sort()).toEqual((await db.articles.toCollection().primaryKeys()).sort());
  });

  it('in one transaction, compares a known feed\'s articles and applies pending read marks while new feeds are added', async () => {
    const { db, probe, host, engine, urls, feedIds } = await library(4, 4);
    host.together = true;
    await engine.syncAll();
    // Feed 0 is known: one of its articles read, then changed on the server, plus one new item.
    const [first] = (await db.articles.where('feedId').equals(feedIds[0]!).primaryKeys()) as string[];
    await db.articles.update(first!, { read: 1 });
    await db.feeds.update(feedIds[0]!, { unreadCount: 4 });
    const firstGuid = (await db.articles.get(first!))!.guid;
    const known = items(5).map((it, n) => ({ ...it, guid: `f0-${n}` }));
    host.setFeed(urls[0]!, parsedFeed([...known.map((it) => (it.guid === firstGuid ? { ...it, title: 'Changed' } : it)), item(9, { guid: 'f0-new' })], { title: 'Feed 0' }));
    // Two new feeds; a restored backup's read mark waits for one article of the second.
    const fresh: string[] = [];
    for (const f of [4, 5]) {
      const url = `https://host${f}.example/feed${f}`;
      host.setFeed(url, parsedFeed(items(3).map((it, n) => ({ ...it, guid: `f${f}-${n}` })), { title: `Feed ${f}` }));
      const created = await subscribe(db, url, { now: T0 });
      if (!created.ok) throw new Error(created.error.message);
      fresh.push(created.value.feed.id);
    }
    await db.feeds.bulkUpdate(feedIds.slice(1).map((key) => ({ key, changes: { etag: null, bodyHash: null } })));
    host.setFeed(urls[1]!, parsedFeed(items(5).map((it, n) => ({ ...it, guid: `f1-${n}` })), { title: 'Feed 1' }));
    const pendingId = articleIdsForItems(fresh[1]!, [{ guid: 'f5-1' }])[0]!;
    await db.pendingStates.put({ id: pendingId, read: 1, starred: 1, starredAt: T0 });
    probe.readwrite = 0;
    const summary = await engine.syncAll();
    expect(probe.readwrite).toBe(1);
    expect(summary.errors).toBe(0);
    const byFeed = new Map(summary.outcomes.map((o) => [o.feedId, o.added]));
    expect([byFeed.get(feedIds[0]!), byFeed.get(feedIds[1]!), byFeed.get(fresh[0]!), byFeed.get(fresh[1]!)]).toEqual([1, 0, 3, 3]);
    expect(await db.articles.get(first!)).toMatchObject({ title: 'Changed', read: 1 });
    expect(await db.articles.get(pendingId)).toMatchObject({ read: 1, starred: 1, starredAt: T0 });
    expect(await db.pendingStates.count()).toBe(0);
    expect(await db.articles.count()).toBe(20 + 1 + 6);
    await expectUnreadCountsTrue(db);
  });

  it('writes the other feeds of a batch when one feed cannot be written, and leaves that one as it was', async () => {
    const { db, probe, host, engine, feedIds } = await library(6, 6);
    host.together = true;
    const bad = feedIds[2]!;
    const before = await db.feeds.get(bad);
    probe.failIf = (table, request) => table === 'articles' && request.type === 'put' && request.values.some((row) => (row as { feedId?: string }).feedId === bad);
    const summary = await engine.syncAll();
    const byFeed = new Map(summary.outcomes.map((o) => [o.feedId, o]));
    expect(byFeed.get(bad)).toMatchObject({ status: 'error', error: { kind: 'unavailable', message: 'simulated write failure' } });
    expect(feedIds.filter((id) => id !== bad).every((id) => byFeed.get(id)?.status === 'ok')).toBe(true);
    expect(await db.articles.where('feedId').equals(bad).count()).toBe(0);
    expect(await db.articles.count()).toBe(25);
    expect(await db.feeds.get(bad)).toEqual(before);
    await expectUnreadCountsTrue(db);
    probe.failIf = null;
    expect((await engine.syncFeed(bad)).added).toBe(5);
  });

  it('never leaves a feed half merged when a batched write fails part-way (30 seeds), and a later sync completes', async () => {
    const figures = { failed: 0, merged: 0 };
    for (let seed = 1; seed <= 30; seed++) {
      const random = mulberry32(seed);
      const { db, probe, host, engine, urls, feedIds } = await library(5, 5, { maxMergeFeeds: 2 + Math.floor(random() * 4) });
      await engine.syncAll();
      // Mostly all answers at once (one or two batched transactions), sometimes as they come.
      host.together = random() < 0.8;
      urls.forEach((url, f) => host.setFeed(url, parsedFeed([item(100 + f, { guid: `new-${f}` }), ...items(5).map((it, n) => ({ ...it, guid: `f${f}-${n}`, title: `Edited ${n}` }))], { title: `Feed ${f} v2` })));
      const before = new Map(await Promise.all(feedIds.map(async (id) => [id, JSON.stringify({ feed: await db.feeds.get(id), articles: await db.articles.where('feedId').equals(id).sortBy('id') })] as const)));
      probe.writesLeft = Math.floor(random() * 18);
      const summary = await engine.syncAll();
      probe.writesLeft = Infinity;
      for (const [f, id] of feedIds.entries()) {
        const outcome = summary.outcomes.find((o) => o.feedId === id);
        const articles = await db.articles.where('feedId').equals(id).sortBy('id');
        const now = JSON.stringify({ feed: await db.feeds.get(id), articles });
        if (outcome?.status === 'ok') {
          figures.merged++;
          expect(articles, `seed ${seed}: feed ${f} merged`).toHaveLength(6);
          expect(articles.every((a) => a.guid === `new-${f}` || a.title.startsWith('Edited')), `seed ${seed}: feed ${f} wholly merged`).toBe(true);
        } else {
          figures.failed++;
          expect(now, `seed ${seed}: feed ${f} untouched`).toBe(before.get(id));
        }
      }
      await expectUnreadCountsTrue(db);
      const retry = await engine.syncAll();
      expect(retry.errors).toBe(0);
      expect(await db.articles.count()).toBe(30);
      await expectUnreadCountsTrue(db);
      db.close();
    }
    // Both sides of the check happened: feeds whose batch failed, and feeds merged before the fault point.
    expect(figures.failed).toBeGreaterThan(20);
    expect(figures.merged).toBeGreaterThan(10);
  });

  it('fails only the feeds whose answers the transport lost', async () => {
    const { db, host, engine, urls, feedIds } = await library(4, 4);
    host.drop = (request) => request.url === urls[1];
    const summary = await engine.syncAll();
    const lost = summary.outcomes.find((o) => o.feedId === feedIds[1]);
    expect(lost).toMatchObject({ status: 'error', error: { kind: 'unavailable' } });
    expect(summary.outcomes.filter((o) => o.status === 'ok')).toHaveLength(3);
    expect(await db.feeds.get(feedIds[1]!)).toMatchObject({ errorCount: 1 });
    expect(engine.progress().running).toBe(false);
  });

  it('fails every feed of a batch call that throws, and keeps syncing the next ones', async () => {
    const { db, host, feedIds } = await library(4, 4);
    let calls = 0;
    const flaky = {
      fetchFeed: host.fetchFeed.bind(host),
      fetchPage: host.fetchPage.bind(host),
      fetchFeeds: async (...args: Parameters<typeof host.fetchFeeds>) => {
        if (calls++ === 0) throw new Error('connection reset');
        return host.fetchFeeds(...args);
      },
    };
    const engine = createSyncEngine({ db, host: flaky, now: () => T0, maxBatch: 2, maxOpenBatches: 1 });
    const summary = await engine.syncAll();
    const failed = summary.outcomes.filter((o) => o.status === 'error');
    expect(failed).toHaveLength(2);
    expect(failed.every((o) => o.error?.kind === 'network' && o.error.message === 'connection reset')).toBe(true);
    expect(summary.outcomes.filter((o) => o.status === 'ok').map((o) => o.feedId).sort()).toEqual(feedIds.filter((id) => !failed.some((o) => o.feedId === id)).sort());
  });
});
