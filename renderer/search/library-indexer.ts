/**
 * Runs inside the search Worker: feeds the index from the library. At start-up it loads the saved snapshot and
 * indexes only the articles fetched after it (ARCHITECTURE: a full build is expensive, so it happens once); new
 * articles are indexed as the sync engine reports them; the snapshot is saved again a while after changes, never
 * on every change (it is 100+ MB at that size).
 * Building (first start, a big import, a format upgrade) goes in time slices: after each slice the Worker's
 * message queue runs, so searches answer from what is indexed so far, and progress is reported for the search box.
 */
import { BroadsheetDb } from '../../shared/db';
import type { ArticleRow, ContentRow } from '../../shared/db';
import type { SearchDoc } from '../../shared/search';
import type { HandlerReply } from '../../shared/search/worker-handler';
import { createRowCache, type MutatedParts, type RowCache } from './row-cache';
import { createSnapshotStore, type SnapshotDirectory, type SnapshotStore } from './snapshot-store';
import type { ArticlesToIndex } from './articles-to-index';

const CHUNK = 500;
/** Articles per read in the first build (whole key ranges, read in one request each). */
const FULL_CHUNK = 1000;
/** Chunks read ahead of the one being indexed in the first build. */
const READ_AHEAD = 3;
/** Enough plain text for the index (which keeps fewer body words still); bounds the work per article. */
const TEXT_CHARS = 20_000;
const SAVE_DELAY_MS = 2 * 60_000;
/** A search waits at most about this long behind a build slice. */
const SLICE_MS = 12;
/** Docs per call to the index within a slice: the clock is read after each group. */
const GROUP = 8;

type Handle = (message: unknown) => HandlerReply;

/** Articles to index, one doc at a time (k from 0 to length - 1). */
interface DocSource {
  length: number;
  doc(k: number, textOf: BodyText): SearchDoc;
  fetchedAt(k: number): number;
}
/** What a doc takes from an article's row. */
type DocFields = Pick<ArticleRow, 'id' | 'feedId' | 'title' | 'author' | 'summary' | 'published'>;
/** shared/search/body-text.ts: bodyTextForIndex, and onlyTagsToStrip (the HTML can be indexed as it is). */
interface BodyText {
  text(html: string, max: number): string;
  onlyTags(html: string, max: number): boolean;
}

export interface IndexProgress {
  /** `loading`: reading the saved index; `indexing`: adding articles (`indexed` of `total`); `ready`: caught up. */
  phase: 'loading' | 'indexing' | 'ready';
  indexed: number;
  total: number;
  /** Articles searchable now. */
  size: number;
  /** When the index came from a saved snapshot: ms to read it from the library and load it. */
  loadMs?: number;
}

export interface LibraryIndexerOptions {
  /** Lets other work (searches) run between build slices; a MessageChannel round in the Worker. */
  yieldToQueue?: () => Promise<void>;
  /**
   * At most this many articles per slice, each slice reading its own articles from the library (default: reads
   * of 500, slices of as many as fit in ~12 ms). A test setting that makes a small library's build slow enough
   * to watch: the same work, in smaller steps.
   */
  sliceDocs?: number;
  onProgress?: (progress: IndexProgress) => void;
  /** The Worker's private file system, where the snapshot is kept when there is one (see snapshot-store.ts). */
  snapshotDirectory?: () => Promise<SnapshotDirectory | null>;
}

export interface LibraryIndexer {
  open(dbName: string): Promise<{ size: number; source: 'snapshot' | 'built'; caughtUp: number }>;
  index(ids: readonly string[]): Promise<number>;
  /**
   * Indexes new articles given as the sync worker's merges wrote them (in columns): nothing is read back. Messages are
   * indexed in the order given, each after the one before. The columns' texts are emptied as they are indexed.
   */
  indexRows(articles: ArticlesToIndex): Promise<number>;
  forget(ids: readonly string[]): number;
  /** The library rows of these articles, in order (missing ones left out); rows not written since are kept. */
  rows(ids: readonly string[]): Promise<ArticleRow[]>;
  /** A write to the library another context reported (Dexie's storagemutated parts): its rows are read again. */
  written(parts: MutatedParts): void;
  /** Saves the snapshot now if anything changed since the last save. */
  save(): Promise<void>;
}

const timeoutYield = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));

export function createLibraryIndexer(
  handle: Handle,
  openDb: (name: string) => BroadsheetDb = (name) => new BroadsheetDb({ name }),
  options: LibraryIndexerOptions = {},
): LibraryIndexer {
  let db: BroadsheetDb | null = null;
  let store: SnapshotStore | null = null;
  let rowCache: RowCache | null = null;
  let coversFetchedAt = 0;
  let dirty = false;
  let saveTimer: ReturnType<typeof setTimeout> | undefined;
  /** When the index last changed (performance.now()), for the delayed save. */
  let changedAt = 0;
  let requestId = -1_000_000;
  /** Settles when every message given to indexRows so far is indexed. */
  let rowsIndexed: Promise<unknown> = Promise.resolve();
  const yieldToQueue = options.yieldToQueue ?? timeoutYield;
  const sliceDocs = Math.max(1, options.sliceDocs ?? Infinity);
  const chunk = Math.min(CHUNK, sliceDocs);

  const call = (message: Record<string, unknown>): HandlerReply['response'] => handle({ ...message, requestId: requestId-- }).response;
  const size = (): number => {
    const response = call({ type: 'remove', ids: [] });
    return response.type === 'done' ? response.size : 0;
  };
  let loadMs: number | undefined;
  const report = (phase: IndexProgress['phase'], indexed: number, total: number): void =>
    options.onProgress?.({ phase, indexed, total, size: size(), ...(loadMs !== undefined ? { loadMs } : {}) });

  /**
   * HTML → text for the index, imported on first use: the HTML entity tables take a while to build when their module
   * loads, and a restart from the saved index (which must be usable at once) needs no HTML until something new arrives.
   */
  let bodyText: BodyText | null = null;
  const loadBodyText = async (): Promise<BodyText> => {
    if (bodyText) return bodyText;
    const { bodyTextForIndex, onlyTagsToStrip } = await import('../../shared/search/body-text');
    return (bodyText = { text: bodyTextForIndex, onlyTags: onlyTagsToStrip });
  };

  /** An article's doc from its row's fields (a library row, or the sync worker's columns) and the HTML its text comes from. */
  function docOf(row: DocFields, html: string, bodyText: BodyText): SearchDoc {
    // HTML with no markup but tags is handed over as it is: the index skips the tags while scanning, which is
    // cheaper than a stripped copy of every body (the copy, its regex pass and its garbage).
    const markup = html !== '' && bodyText.onlyTags(html, TEXT_CHARS);
    // One shape for every doc, a field it lacks left undefined: no temporary object per optional field (100,000 docs
    // in a first build), and the index reads docs of one shape.
    return {
      id: row.id,
      feedId: row.feedId,
      title: row.title,
      author: row.author || undefined,
      summary: row.summary,
      text: markup ? html : html ? bodyText.text(html, TEXT_CHARS) : undefined,
      markup,
      published: row.published ?? undefined,
    };
  }

  /** Library rows with their contents (read or given) as docs. */
  const rowDocs = (rows: readonly ArticleRow[], contents: readonly (ContentRow | undefined)[]): DocSource => ({
    length: rows.length,
    doc: (k, textOf) => docOf(rows[k]!, contents[k]?.fullText ?? contents[k]?.html ?? '', textOf),
    fetchedAt: (k) => rows[k]!.fetchedAt,
  });

  /**
   * The sync worker's columns as docs. They are the message's own and read once: an article's texts are dropped from
   * them as its doc is made, so a body no longer needed dies young instead of being copied by every scavenge until the
   * whole message is indexed (a message holds a few MB of bodies, indexed over many slices).
   */
  const columnDocs = (articles: ArticlesToIndex): DocSource => ({
    length: articles.ids.length,
    doc: (k, textOf) => {
      const doc = docOf(
        { id: articles.ids[k]!, feedId: articles.feedIds[k]!, title: articles.titles[k]!, author: articles.authors[k] ?? null, summary: articles.summaries[k]!, published: articles.published[k] ?? null },
        articles.bodies[k]!,
        textOf,
      );
      articles.bodies[k] = '';
      articles.summaries[k] = '';
      articles.titles[k] = '';
      return doc;
    },
    fetchedAt: (k) => articles.fetchedAt[k]!,
  });

  /** Adds the docs made of source[from, to). */
  function addDocs(docs: SearchDoc[], source: DocSource, from: number, to: number): void {
    if (docs.length === 0) return;
    const response = call({ type: 'add', docs });
    if (response.type === 'error') throw new Error(response.message);
    for (let k = from; k < to; k++) coversFetchedAt = Math.max(coversFetchedAt, source.fetchedAt(k));
    dirty = true;
  }

  /** Adds library rows in slices (addSourceInSlices), their contents read unless `known`. */
  async function addInSlices(rows: readonly ArticleRow[], onSlice: (added: number) => void, known?: readonly (ContentRow | undefined)[]): Promise<void> {
    if (!db || rows.length === 0) return;
    const contents = known ?? (await db.contents.bulkGet(rows.map((row) => row.id)));
    await addSourceInSlices(rowDocs(rows, contents), onSlice);
  }

  /**
   * Adds docs in slices of about SLICE_MS (text extraction included), yielding after each (but the last, with
   * `yieldAfterLast` false); `onSlice` gets the number added so far.
   */
  async function addSourceInSlices(source: DocSource, onSlice: (added: number) => void, yieldAfterLast = true): Promise<void> {
    if (!db || source.length === 0) return;
    const textOf = await loadBodyText();
    let at = 0;
    while (at < source.length) {
      const started = performance.now();
      const last = Math.min(source.length, at + sliceDocs);
      // The index work is most of a doc's cost: docs go in small groups, and the clock is read after each group (read
      // before each doc, it was ~35 ms of a cold sync's ~1.6 s of indexing in the search worker's profile).
      do {
        const end = Math.min(last, at + GROUP);
        const docs: SearchDoc[] = [];
        for (let k = at; k < end; k++) docs.push(source.doc(k, textOf));
        addDocs(docs, source, at, end);
        at = end;
      } while (at < last && performance.now() - started < SLICE_MS);
      onSlice(at);
      // Once per slice (the save comes a while after the last change), not per group: timers cost at this rate.
      scheduleSave();
      if (at < source.length || yieldAfterLast) await yieldToQueue();
    }
  }

  /**
   * The first build: every article in key order, a chunk at a time, with the chunk's contents read as one key range
   * (a content is kept under its article's id). Two range reads per chunk instead of a read per article: reading
   * one by one was two thirds of a 100,000-article build. Reads run up to READ_AHEAD chunks ahead of indexing, each
   * chunk's article read starting as soon as the previous chunk's rows are in, so the database never waits for the
   * index (with one read in flight, indexing waited for reads a quarter of the time). Articles fetched while it runs
   * may land behind its position, so it ends by taking everything fetched since it began.
   */
  async function addAll(): Promise<number> {
    if (!db) return 0;
    const library = db;
    // Asked before the first chunk is read, so `began` is no later than the library the build starts from.
    const counted = library.articles.count();
    const newest = library.articles.orderBy('fetchedAt').last();
    const size = Math.min(FULL_CHUNK, sliceDocs);
    const readRows = (after: string | null): Promise<ArticleRow[]> =>
      (after === null ? library.articles.orderBy(':id') : library.articles.where(':id').above(after)).limit(size).toArray();
    const readContents = (rows: ArticleRow[]): Promise<ContentRow[]> =>
      library.contents.where(':id').between(rows[0]!.id, rows[rows.length - 1]!.id, true, true).toArray();
    const chunks: Promise<{ rows: ArticleRow[]; contents: ContentRow[] } | null>[] = [];
    let nextRows = readRows(null);
    const readNextChunk = (): void => {
      const rows = nextRows;
      const chunk = rows.then(async (found) => (found.length === 0 ? null : { rows: found, contents: await readContents(found) }));
      nextRows = rows.then((found) => (found.length === 0 ? found : readRows(found[found.length - 1]!.id)));
      // Handled here too, so a build that stops early leaves no unhandled rejection behind.
      chunk.catch(() => undefined);
      nextRows.catch(() => undefined);
      chunks.push(chunk);
    };
    for (let k = 0; k < READ_AHEAD; k++) readNextChunk();
    const total = await counted;
    const began = (await newest)?.fetchedAt ?? -Infinity;
    let count = 0;
    if (total > 0) report('indexing', 0, total);
    for (;;) {
      const chunk = await chunks.shift()!;
      if (!chunk) break;
      readNextChunk();
      const { rows } = chunk;
      const byId = new Map(chunk.contents.map((content) => [content.articleId, content]));
      const before = count;
      await addInSlices(rows, (added) => report('indexing', before + added, Math.max(total, before + added)), rows.map((row) => byId.get(row.id)));
      count += rows.length;
    }
    return count + (await addFetchedAfter(began, false));
  }

  /** Indexes every article fetched after `after`, a chunk at a time so searches interleave with the build. */
  async function addFetchedAfter(after: number, announce = true): Promise<number> {
    if (!db) return 0;
    const total = await db.articles.where('fetchedAt').above(after).count();
    let count = 0;
    let lower = after;
    if (total > 0 && announce) report('indexing', 0, total);
    for (;;) {
      const rows = await db.articles.where('fetchedAt').above(lower).limit(chunk).toArray();
      if (rows.length === 0) return count;
      // Rows of one fetch share a fetchedAt: take whole groups so none is skipped by the next `above`.
      const last = rows[rows.length - 1]!.fetchedAt;
      const group = rows.length === chunk ? await db.articles.where('fetchedAt').equals(last).toArray() : [];
      const batch = rows.length === chunk ? [...rows.filter((row) => row.fetchedAt < last), ...group] : rows;
      const before = count;
      // Articles fetched while building are counted too: the total only grows.
      await addInSlices(batch, (added) => report('indexing', before + added, Math.max(total, before + added)));
      count += batch.length;
      lower = last;
    }
  }

  /**
   * Saves SAVE_DELAY_MS after the last change. A change only notes its time; the one timer, when it fires early, waits
   * out the rest: a cold sync's parts make hundreds of changes, and moving a timer for each cost more than the save's
   * bookkeeping deserves.
   */
  function scheduleSave(): void {
    changedAt = performance.now();
    saveTimer ??= setTimeout(saveWhenQuiet, SAVE_DELAY_MS);
  }

  function saveWhenQuiet(): void {
    const quietFor = performance.now() - changedAt;
    saveTimer = quietFor < SAVE_DELAY_MS ? setTimeout(saveWhenQuiet, SAVE_DELAY_MS - quietFor) : undefined;
    if (saveTimer === undefined) void save();
  }

  async function save(): Promise<void> {
    clearTimeout(saveTimer);
    saveTimer = undefined;
    if (!store || !dirty) return;
    const response = call({ type: 'snapshot' });
    if (response.type !== 'snapshot') return;
    dirty = false;
    await store.write(response.bytes, coversFetchedAt);
  }

  return {
    async open(dbName) {
      db = openDb(dbName);
      rowCache = createRowCache(db);
      report('loading', 0, 0);
      const started = performance.now();
      store = createSnapshotStore(db, options.snapshotDirectory?.() ?? null);
      const snapshot = await store.read();
      let source: 'snapshot' | 'built' = 'built';
      if (snapshot) {
        const loaded = call({ type: 'load', bytes: snapshot.bytes });
        if (loaded.type === 'done') {
          source = 'snapshot';
          coversFetchedAt = snapshot.coversFetchedAt;
          loadMs = Math.round(performance.now() - started);
          // Usable now: searches answer from the snapshot while the articles fetched since are added.
          report('indexing', 0, 0);
        }
      }
      const caughtUp = source === 'snapshot' ? await addFetchedAfter(coversFetchedAt) : await addAll();
      report('ready', caughtUp, caughtUp);
      if (source === 'built' && caughtUp > 0) await save();
      return { size: size(), source, caughtUp };
    },
    async indexRows(articles) {
      // One message after another, in the order they came: two taken in slices at once would number their articles
      // alternately, and articles that tie in a search would come out in another order than the library's. Done
      // without a yield after its last slice, a message that fits in one slice (the sync worker sends such parts) is
      // indexed in the task that took it, and the next one in its own: its strings die young. Each yield was a task
      // behind the messages already queued, so every queued message was taken, and its strings kept, before the first
      // one finished, and scavenges copied them all.
      const indexed = rowsIndexed.then(() => addSourceInSlices(columnDocs(articles), () => undefined, false));
      rowsIndexed = indexed.catch(() => undefined);
      await indexed;
      return size();
    },
    async index(ids) {
      if (!db) return 0;
      const rows = (await db.articles.bulkGet([...ids])).filter((row): row is ArticleRow => row !== undefined);
      await addInSlices(rows, () => undefined);
      return size();
    },
    forget(ids) {
      const response = call({ type: 'remove', ids: [...ids] });
      dirty = true;
      scheduleSave();
      return response.type === 'done' ? response.size : 0;
    },
    async rows(ids) {
      if (!rowCache || ids.length === 0) return [];
      return rowCache.rows(ids);
    },
    written(parts) {
      rowCache?.dropWritten(parts);
    },
    save,
  };
}
