// Dexie announces commits through the global IndexedDB's change tracking, as in the app.
import 'fake-indexeddb/auto';
import { RangeSet } from 'dexie';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { listFeeds, moveFeed, renameFeed, subscribe, unsubscribe } from '../../../../shared/db/feeds';
import { createFolder } from '../../../../shared/db/folders';
import { BroadsheetDb, type FeedRow } from '../../../../shared/db/schema';
import { emptyMergeSink, mergeParsedFeed, mergeTables, writeMergeSink } from '../../../../shared/sync/merge';
import { keysOf, watchFeeds } from '../../../../renderer/state/watch-feeds';
import { items, parsedFeed, T0 } from '../../shared/db/test-db';

let databases = 0;
const stops: Array<() => void> = [];
afterEach(() => stops.splice(0).forEach((stop) => stop()));

async function library(feeds: number): Promise<{ db: BroadsheetDb; ids: string[] }> {
  const db = new BroadsheetDb({ name: `watch-feeds-${++databases}` });
  const ids: string[] = [];
  for (let f = 0; f < feeds; f++) {
    const sub = await subscribe(db, `https://f${f}.example/feed`, { now: T0 });
    if (!sub.ok) throw new Error(sub.error.message);
    ids.push(sub.value.feed.id);
  }
  return { db, ids };
}

/** Watches the feeds; `until` resolves with the first list (now or later) that holds. */
function watch(db: BroadsheetDb, settleMs?: number) {
  let latest: FeedRow[] | null = null;
  let reads = 0;
  const waiting: Array<{ holds: (rows: FeedRow[]) => boolean; resolve: (rows: FeedRow[]) => void }> = [];
  const toArray = vi.spyOn(db.feeds, 'toArray');
  const stop = watchFeeds(
    db,
    (rows) => {
      latest = rows;
      reads++;
      for (const w of waiting.splice(0)) {
        if (w.holds(rows)) w.resolve(rows);
        else waiting.push(w);
      }
    },
    (error) => {
      throw error;
    },
    settleMs === undefined ? {} : { settleMs },
  );
  stops.push(stop);
  return {
    stop,
    wholeTableReads: () => toArray.mock.calls.length,
    lists: () => reads,
    until: (holds: (rows: FeedRow[]) => boolean) =>
      new Promise<FeedRow[]>((resolve) => (latest && holds(latest) ? resolve(latest) : waiting.push({ holds, resolve }))),
  };
}

const counts = (rows: readonly FeedRow[]) => rows.map((row) => row.unreadCount);

describe('watchFeeds', () => {
  it("shows a sync's new unread counts by reading only the feeds a commit wrote, in the same order as a whole read", async () => {
    const { db, ids } = await library(8);
    const watcher = watch(db);
    await watcher.until((rows) => rows.length === 8);
    expect(watcher.wholeTableReads()).toBe(1);

    // A sync's merge of three feeds in one transaction (what the sync worker commits: article rows and feed rows).
    await db.transaction('rw', mergeTables(db), async () => {
      for (const [k, id] of [ids[1], ids[4], ids[6]].entries()) await mergeParsedFeed(db, id as string, parsedFeed(items(k + 2)), T0, () => ({}));
    });
    const shown = await watcher.until((rows) => rows.some((row) => row.unreadCount > 0));
    // The commit was read row by row: no second read of the whole table.
    expect(watcher.wholeTableReads()).toBe(1);
    expect(shown).toEqual(await listFeeds(db));
    expect(counts(shown).filter((n) => n > 0).sort()).toEqual([2, 3, 4]);
  });

  it('adds a new subscription, drops an unsubscribed feed, and keeps the sidebar order after a move or a rename', async () => {
    const { db, ids } = await library(5);
    const watcher = watch(db);
    await watcher.until((rows) => rows.length === 5);

    const added = await subscribe(db, 'https://new.example/feed', { now: T0 });
    if (!added.ok) throw new Error(added.error.message);
    await watcher.until((rows) => rows.some((row) => row.id === added.value.feed.id));
    await unsubscribe(db, ids[2] as string);
    await watcher.until((rows) => !rows.some((row) => row.id === ids[2]));
    const folder = await createFolder(db, 'Later');
    await moveFeed(db, ids[0] as string, folder.id);
    await renameFeed(db, ids[3] as string, 'Renamed');
    const shown = await watcher.until((rows) => rows.some((row) => row.title === 'Renamed') && rows.some((row) => row.folderId === folder.id));
    expect(shown).toEqual(await listFeeds(db));
    expect(shown.map((row) => row.id)).not.toContain(ids[2]);
  });

  it('reads the whole table again after a bulk write (announced as a range, not key by key)', async () => {
    const { db } = await library(60);
    const watcher = watch(db);
    const first = await watcher.until((rows) => rows.length === 60);
    await db.feeds.bulkPut(first.map((row) => ({ ...row, unreadCount: 9 })));
    const shown = await watcher.until((rows) => rows.every((row) => row.unreadCount === 9));
    expect(watcher.wholeTableReads()).toBe(2);
    expect(shown).toEqual(await listFeeds(db));
  });

  it("reads a sync's merge of many feeds row by row too (its feed rows are written in small writes)", async () => {
    const { db } = await library(70);
    const watcher = watch(db);
    const first = await watcher.until((rows) => rows.length === 70);
    const sink = emptyMergeSink();
    sink.feeds.push(...first.map((row) => ({ ...row, unreadCount: 4 })));
    await db.transaction('rw', mergeTables(db), () => writeMergeSink(db, sink));
    const shown = await watcher.until((rows) => rows.every((row) => row.unreadCount === 4));
    expect(watcher.wholeTableReads()).toBe(1);
    expect(shown).toEqual(await listFeeds(db));
  });

  it('stops: no list after the watcher is stopped', async () => {
    const { db, ids } = await library(2);
    const watcher = watch(db);
    await watcher.until((rows) => rows.length === 2);
    const lists = watcher.lists();
    watcher.stop();
    await renameFeed(db, ids[0] as string, 'Unseen');
    // A later commit that another watcher sees has been announced to everyone.
    const other = watch(db);
    await other.until((rows) => rows.some((row) => row.title === 'Unseen'));
    expect(watcher.lists()).toBe(lists);
  });

  it('takes a closed database quietly and reads the whole table once it is open again', async () => {
    const { db, ids } = await library(3);
    const watcher = watch(db);
    await watcher.until((rows) => rows.length === 3);
    db.close();
    // Another connection's commit is announced while this one is closed: its read fails (not reported), and the
    // next commit, once open, reads everything.
    const other = new BroadsheetDb({ name: db.name });
    await renameFeed(other, ids[0] as string, 'While closed');
    await db.open();
    await renameFeed(other, ids[1] as string, 'After');
    const shown = await watcher.until((rows) => rows.some((row) => row.title === 'After'));
    expect(shown.some((row) => row.title === 'While closed')).toBe(true);
    other.close();
  });

  it('shows a change no commit announced (a count left behind) once the commits settle: the whole table is read again', async () => {
    const { db, ids } = await library(3);
    const watcher = watch(db, 20);
    const first = await watcher.until((rows) => rows.length === 3);
    // A write Dexie does not see (straight into IndexedDB), then an announced one of another feed, read row by row.
    const behind = { ...(first.find((row) => row.id === ids[2]) as FeedRow), unreadCount: 3000 };
    await new Promise<void>((resolve, reject) => {
      const tx = db.backendDB().transaction('feeds', 'readwrite');
      tx.objectStore('feeds').put(behind);
      tx.oncomplete = () => resolve();
      tx.onerror = () => reject(tx.error);
    });
    await renameFeed(db, ids[0] as string, 'Announced');
    await watcher.until((rows) => rows.some((row) => row.title === 'Announced'));
    const shown = await watcher.until((rows) => rows.some((row) => row.unreadCount === 3000));
    expect(shown).toEqual(await listFeeds(db));
  });

  it('tries a failed read again without waiting for another commit', async () => {
    const { db, ids } = await library(3);
    const watcher = watch(db, 20);
    await watcher.until((rows) => rows.length === 3);
    db.close();
    // The last commit is announced while this connection is closed, and no other follows: the list must not stay
    // behind it.
    const other = new BroadsheetDb({ name: db.name });
    await renameFeed(other, ids[0] as string, 'Last commit');
    other.close();
    await db.open();
    const shown = await watcher.until((rows) => rows.some((row) => row.title === 'Last commit'));
    expect(shown).toEqual(await listFeeds(db));
  });
});

describe('keysOf', () => {
  it("lists the single keys of a commit's announcement, also as plain data (as a worker's commit arrives)", () => {
    const set = new RangeSet().addKeys(['b', 'a', 'c']);
    expect(keysOf(set)?.sort()).toEqual(['a', 'b', 'c']);
    expect(keysOf(structuredClone({ ...set }))?.sort()).toEqual(['a', 'b', 'c']);
    expect(keysOf(new RangeSet())).toEqual([]);
  });

  it('says null for a range', () => {
    expect(keysOf(new RangeSet('a', 'c'))).toBeNull();
    expect(keysOf(new RangeSet().addKeys(['a']).add({ from: 'x', to: 'z' }))).toBeNull();
    expect(keysOf(new RangeSet(-Infinity, Infinity))).toBeNull();
  });
});
