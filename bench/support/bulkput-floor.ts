/**
 * The sync benches' floor: a raw Dexie bulkPut of the article and content rows a cold sync stored, into an empty
 * database with the app's current schema (every index a sync's rows go into), in one transaction or in transactions of
 * a given number of articles (with their contents); in a page of the same browser with no app running (the host's 404
 * page, Dexie's own build loaded into it).
 *
 * Each bulkPut runs in a browser context of its own, as each cold sync's library does: an IndexedDB that nothing was
 * ever written to before, thrown away with the context after (closing it left the backend no work: 0.0-0.1 s of CPU
 * over the next 15 s). On Chromium 150 the backend pays for what an origin held before: a warm-up bulkPut of the same
 * rows, deleted before the timed one, cost the timed one 10-30 % more backend CPU (one transaction of 25,000 articles:
 * 48-57 s against 38-44 s), and even a kept database of 200 rows beside it ~10 % (bench/_floor-probe.ts, session 10).
 * The floor used to be measured so, and read slower than the sync that writes the same rows. One small bulkPut in a
 * context of its own warms up the browser's code paths when the floor opens.
 * The rows (70 MB for 25,000 articles) reach each page as one JSON string it fetches from a route of its own and parses,
 * untimed: page.evaluate's argument would serialise them value by value again for every fresh context.
 */
import type { Browser, Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { SCHEMA_V6 } from '../../shared/db/schema';
import { allowTsxFunctions } from './chromium';

export interface StoredRows {
  articles: unknown[];
  contents: unknown[];
}

export interface BulkPutOptions {
  /** The article rows alone, without their contents. */
  articlesOnly?: boolean;
  /** Articles per transaction (each with its contents); all in one transaction when absent. */
  perTransaction?: number;
  /** The first this many articles (and their contents); all when absent. */
  articles?: number;
}

/** A page in a fresh context with the rows loaded, for one timed bulkPut; close() throws its IndexedDB away. */
export interface PreparedBulkPut {
  /** ms of the bulkPut (once). */
  bulkPut(): Promise<number>;
  close(): Promise<void>;
}

export interface BulkPutFloor {
  /** The page for one bulkPut, set up outside any timing (so a caller can read CPU around the bulkPut alone). */
  prepare(options?: BulkPutOptions): Promise<PreparedBulkPut>;
  /** prepare(options), then its bulkPut: ms. */
  bulkPut(options?: BulkPutOptions): Promise<number>;
  close(): Promise<void>;
}

const DEXIE = () => readFileSync(createRequire(import.meta.url).resolve('dexie/dist/dexie.min.js'), 'utf8');
const ROWS_PATH = '/bench-floor-rows.json';
/** Articles in the warm-up bulkPut. */
const WARMUP_ARTICLES = 1000;

async function timedBulkPut(page: Page, { articlesOnly = false, perTransaction }: BulkPutOptions): Promise<number> {
  const schema = SCHEMA_V6 as unknown as Record<string, string>;
  return page.evaluate(
    async ({ schema, withContents, perTransaction }) => {
      type Table = { bulkPut(rows: unknown[]): Promise<unknown> };
      type Db = { version(n: number): { stores(s: Record<string, string>): void }; open(): Promise<unknown>; transaction(mode: string, tables: Table[], fn: () => Promise<void>): Promise<void>; table(name: string): Table; close(): void };
      const DexieClass = (globalThis as unknown as { Dexie: new (name: string) => Db }).Dexie;
      const data = (globalThis as unknown as { __floorRows: StoredRows }).__floorRows;
      const db = new DexieClass('floor');
      db.version(1).stores(schema);
      await db.open();
      const articles = db.table('articles');
      const contents = db.table('contents');
      // Both tables' rows come in article id order (storedRows), so slice k of each holds the same articles.
      const step = perTransaction ?? data.articles.length;
      const started = performance.now();
      for (let at = 0; at < data.articles.length; at += step) {
        await db.transaction('rw', withContents ? [articles, contents] : [articles], async () => {
          await articles.bulkPut(data.articles.slice(at, at + step));
          if (withContents) await contents.bulkPut(data.contents.slice(at, at + step));
        });
      }
      const elapsed = performance.now() - started;
      db.close();
      return elapsed;
    },
    { schema, withContents: !articlesOnly, perTransaction },
  );
}

export async function openBulkPutFloor(browser: Browser, hostUrl: string, rows: StoredRows): Promise<BulkPutFloor> {
  const dexie = DEXIE();
  const json = JSON.stringify(rows);
  const prepare = async (options: BulkPutOptions = {}): Promise<PreparedBulkPut> => {
    const context = await browser.newContext({ bypassCSP: true });
    try {
      const page = await context.newPage();
      await allowTsxFunctions(page);
      await page.route(`**${ROWS_PATH}`, (route) => route.fulfill({ body: json, contentType: 'application/json' }));
      await page.goto(`${hostUrl}/bench-floor`);
      await page.addScriptTag({ content: dexie });
      await page.evaluate(
        async ({ url, articles }) => {
          const all = (await (await fetch(url)).json()) as StoredRows;
          const rows = articles === null ? all : { articles: all.articles.slice(0, articles), contents: all.contents.slice(0, articles) };
          (globalThis as unknown as { __floorRows: StoredRows }).__floorRows = rows;
        },
        { url: ROWS_PATH, articles: options.articles ?? null },
      );
      return { bulkPut: () => timedBulkPut(page, options), close: () => context.close() };
    } catch (e) {
      await context.close();
      throw e;
    }
  };
  const bulkPut = async (options?: BulkPutOptions) => {
    const prepared = await prepare(options);
    try {
      return await prepared.bulkPut();
    } finally {
      await prepared.close();
    }
  };
  await bulkPut({ articles: WARMUP_ARTICLES });
  return { prepare, bulkPut, close: async () => undefined };
}
