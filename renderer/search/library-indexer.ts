/**
 * Runs inside the search Worker: feeds the index from the library. At start-up it loads the saved snapshot and
 * indexes only the articles fetched after it (ARCHITECTURE: a full build costs a minute at 100,000 articles, so
 * it happens once); new articles are indexed as the sync engine reports them; the snapshot is saved again a
 * while after changes, never on every change (it is 100+ MB at that size).
 */
import { BroadsheetDb } from '../../shared/db';
import type { ArticleRow } from '../../shared/db';
import type { SearchDoc } from '../../shared/search';
import type { HandlerReply } from '../../shared/search/worker-handler';
import { htmlToSnippet } from '../../shared/sync/snippet';

const CHUNK = 500;
const SNAPSHOT_KEY = 'main';
/** Enough plain text for the index (which keeps fewer body words still); bounds the work per article. */
const TEXT_CHARS = 20_000;
const SAVE_DELAY_MS = 2 * 60_000;

type Handle = (message: unknown) => HandlerReply;

export interface LibraryIndexer {
  open(dbName: string): Promise<{ size: number; source: 'snapshot' | 'built'; caughtUp: number }>;
  index(ids: readonly string[]): Promise<number>;
  forget(ids: readonly string[]): number;
  /** Saves the snapshot now if anything changed since the last save. */
  save(): Promise<void>;
}

export function createLibraryIndexer(handle: Handle, openDb: (name: string) => BroadsheetDb = (name) => new BroadsheetDb({ name })): LibraryIndexer {
  let db: BroadsheetDb | null = null;
  let coversFetchedAt = 0;
  let dirty = false;
  let saveTimer: ReturnType<typeof setTimeout> | undefined;
  let requestId = -1_000_000;

  const call = (message: Record<string, unknown>): HandlerReply['response'] => handle({ ...message, requestId: requestId-- }).response;
  const size = (): number => {
    const response = call({ type: 'remove', ids: [] });
    return response.type === 'done' ? response.size : 0;
  };

  async function docsFor(rows: readonly ArticleRow[]): Promise<SearchDoc[]> {
    if (!db) return [];
    const contents = await db.contents.bulkGet(rows.map((row) => row.id));
    return rows.map((row, index) => {
      const content = contents[index];
      const html = content?.fullText ?? content?.html ?? '';
      return {
        id: row.id,
        feedId: row.feedId,
        title: row.title,
        ...(row.author ? { author: row.author } : {}),
        summary: row.summary,
        ...(html ? { text: htmlToSnippet(html, TEXT_CHARS) } : {}),
        ...(row.published !== null ? { published: row.published } : {}),
      };
    });
  }

  async function add(rows: readonly ArticleRow[]): Promise<void> {
    if (rows.length === 0) return;
    const response = call({ type: 'add', docs: await docsFor(rows) });
    if (response.type === 'error') throw new Error(response.message);
    for (const row of rows) coversFetchedAt = Math.max(coversFetchedAt, row.fetchedAt);
    dirty = true;
    scheduleSave();
  }

  /** Indexes every article fetched after `after`, a chunk at a time so searches interleave with the build. */
  async function addFetchedAfter(after: number): Promise<number> {
    if (!db) return 0;
    let count = 0;
    let lower = after;
    for (;;) {
      const rows = await db.articles.where('fetchedAt').above(lower).limit(CHUNK).toArray();
      if (rows.length === 0) return count;
      // Rows of one fetch share a fetchedAt: take whole groups so none is skipped by the next `above`.
      const last = rows[rows.length - 1]!.fetchedAt;
      const group = rows.length === CHUNK ? await db.articles.where('fetchedAt').equals(last).toArray() : [];
      const batch = rows.length === CHUNK ? [...rows.filter((row) => row.fetchedAt < last), ...group] : rows;
      await add(batch);
      count += batch.length;
      lower = last;
      await new Promise((resolve) => setTimeout(resolve, 0));
    }
  }

  function scheduleSave(): void {
    clearTimeout(saveTimer);
    saveTimer = setTimeout(() => void save(), SAVE_DELAY_MS);
  }

  async function save(): Promise<void> {
    clearTimeout(saveTimer);
    if (!db || !dirty) return;
    const response = call({ type: 'snapshot' });
    if (response.type !== 'snapshot') return;
    dirty = false;
    await db.searchSnapshots.put({ key: SNAPSHOT_KEY, bytes: response.bytes, coversFetchedAt, savedAt: Date.now() });
  }

  return {
    async open(dbName) {
      db = openDb(dbName);
      const snapshot = await db.searchSnapshots.get(SNAPSHOT_KEY);
      let source: 'snapshot' | 'built' = 'built';
      if (snapshot) {
        const loaded = call({ type: 'load', bytes: snapshot.bytes });
        if (loaded.type === 'done') {
          source = 'snapshot';
          coversFetchedAt = snapshot.coversFetchedAt;
        }
      }
      const caughtUp = await addFetchedAfter(source === 'snapshot' ? coversFetchedAt : -Infinity);
      if (source === 'built' && caughtUp > 0) await save();
      return { size: size(), source, caughtUp };
    },
    async index(ids) {
      if (!db) return 0;
      const rows = (await db.articles.bulkGet([...ids])).filter((row): row is ArticleRow => row !== undefined);
      await add(rows);
      return size();
    },
    forget(ids) {
      const response = call({ type: 'remove', ids: [...ids] });
      dirty = true;
      scheduleSave();
      return response.type === 'done' ? response.size : 0;
    },
    save,
  };
}
