// Dexie announces commits through the global IndexedDB's change tracking, as in the app.
import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { renameFeed, subscribe } from '../../../../shared/db/feeds';
import { createFolder, listFolders } from '../../../../shared/db/folders';
import { BroadsheetDb, type FolderRow } from '../../../../shared/db/schema';
import { watchTables } from '../../../../renderer/state/watch-tables';
import { T0 } from '../../shared/db/test-db';

let databases = 0;
/** A new database, created before it is watched (its creation is announced as a commit to every table). */
async function openDb(): Promise<BroadsheetDb> {
  const db = new BroadsheetDb({ name: `watch-tables-${++databases}` });
  await db.open();
  return db;
}
const stops: Array<() => void> = [];
afterEach(() => stops.splice(0).forEach((stop) => stop()));

/** Watches the folders; `until` resolves with the first answer (now or later) that holds. */
function watchFolders(db: BroadsheetDb) {
  let latest: FolderRow[] | null = null;
  let reads = 0;
  const errors: unknown[] = [];
  const waiting: Array<{ holds: (rows: FolderRow[]) => boolean; resolve: (rows: FolderRow[]) => void }> = [];
  const stop = watchTables(
    db,
    ['folders'],
    () => (reads++, listFolders(db)),
    (rows) => {
      latest = rows;
      for (const w of waiting.splice(0)) {
        if (w.holds(rows)) w.resolve(rows);
        else waiting.push(w);
      }
    },
    (error) => errors.push(error),
  );
  stops.push(stop);
  return {
    stop,
    reads: () => reads,
    errors,
    until: (holds: (rows: FolderRow[]) => boolean) =>
      new Promise<FolderRow[]>((resolve) => (latest && holds(latest) ? resolve(latest) : waiting.push({ holds, resolve }))),
  };
}

const titles = (rows: readonly FolderRow[]) => rows.map((row) => row.title);

describe('watchTables', () => {
  it('answers again after a commit to its table, from this connection or another (as the sync worker commits)', async () => {
    const db = await openDb();
    const watcher = watchFolders(db);
    await watcher.until((rows) => rows.length === 0);
    await createFolder(db, 'Here');
    await watcher.until((rows) => titles(rows).includes('Here'));
    const other = new BroadsheetDb({ name: db.name });
    await createFolder(other, 'Elsewhere');
    const shown = await watcher.until((rows) => titles(rows).includes('Elsewhere'));
    expect(shown).toEqual(await listFolders(db));
    expect(watcher.errors).toEqual([]);
    other.close();
  });

  it('is not read again for commits to other tables (a sync writing feeds and articles)', async () => {
    const db = await openDb();
    const watcher = watchFolders(db);
    await watcher.until(() => true);
    const feed = await subscribe(db, 'https://f.example/feed', { now: T0 });
    if (!feed.ok) throw new Error(feed.error.message);
    for (let n = 0; n < 5; n++) await renameFeed(db, feed.value.feed.id, `Name ${n}`);
    // A folder commit after them: the first answer that shows it is the second read.
    await createFolder(db, 'After');
    await watcher.until((rows) => titles(rows).includes('After'));
    expect(watcher.reads()).toBe(2);
  });

  it('tries a failed read again without waiting for another commit', async () => {
    const db = await openDb();
    const watcher = watchFolders(db);
    await watcher.until(() => true);
    db.close();
    const other = new BroadsheetDb({ name: db.name });
    await createFolder(other, 'Last commit');
    other.close();
    await db.open();
    await watcher.until((rows) => titles(rows).includes('Last commit'));
  });

  it('stops: no answer after it is stopped', async () => {
    const db = await openDb();
    const watcher = watchFolders(db);
    await watcher.until(() => true);
    watcher.stop();
    await createFolder(db, 'Unseen');
    const other = watchFolders(db);
    await other.until((rows) => titles(rows).includes('Unseen'));
    expect(watcher.reads()).toBe(1);
  });
});
