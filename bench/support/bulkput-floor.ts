/**
 * The sync benches' floor: a raw Dexie bulkPut of the article and content rows a cold sync stored, into an empty
 * database with the app's current schema (every index a sync's rows go into), in one transaction or in transactions of
 * a given number of articles (with their contents); in a page of the same browser with no app running (the host's 404
 * page, Dexie's own build loaded into it). One warm-up bulkPut is made when it opens; each `bulkPut` after it is timed
 * on a fresh database.
 */
import type { Browser } from '@playwright/test';
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
}

export interface BulkPutFloor {
  /** ms of bulkPuts of the stored rows into a fresh database called `name`. */
  bulkPut(name: string, options?: BulkPutOptions): Promise<number>;
  close(): Promise<void>;
}

export async function openBulkPutFloor(browser: Browser, hostUrl: string, rows: StoredRows): Promise<BulkPutFloor> {
  const context = await browser.newContext({ bypassCSP: true });
  const page = await context.newPage();
  await allowTsxFunctions(page);
  await page.goto(`${hostUrl}/bench-floor`);
  await page.addScriptTag({ content: readFileSync(createRequire(import.meta.url).resolve('dexie/dist/dexie.min.js'), 'utf8') });
  await page.evaluate((data) => void ((globalThis as unknown as { __floorRows: unknown }).__floorRows = data), rows);
  const schema = SCHEMA_V6 as unknown as Record<string, string>;
  const bulkPut = (name: string, { articlesOnly = false, perTransaction }: BulkPutOptions = {}) =>
    page.evaluate(
      async ({ schema, name, withContents, perTransaction }) => {
        type Table = { bulkPut(rows: unknown[]): Promise<unknown> };
        type Db = { version(n: number): { stores(s: Record<string, string>): void }; open(): Promise<unknown>; transaction(mode: string, tables: Table[], fn: () => Promise<void>): Promise<void>; table(name: string): Table; delete(): Promise<void> };
        const DexieClass = (globalThis as unknown as { Dexie: new (name: string) => Db }).Dexie;
        const data = (globalThis as unknown as { __floorRows: StoredRows }).__floorRows;
        const db = new DexieClass(name);
        db.version(1).stores(schema);
        await db.open();
        const articles = db.table('articles');
        const contents = db.table('contents');
        // Both tables' rows come in article id order (storedRows), so slice k of each holds about the same articles.
        const step = perTransaction ?? data.articles.length;
        const started = performance.now();
        for (let at = 0; at < data.articles.length; at += step) {
          await db.transaction('rw', withContents ? [articles, contents] : [articles], async () => {
            await articles.bulkPut(data.articles.slice(at, at + step));
            if (withContents) await contents.bulkPut(data.contents.slice(at, at + step));
          });
        }
        const elapsed = performance.now() - started;
        await db.delete();
        return elapsed;
      },
      { schema, name, withContents: !articlesOnly, perTransaction },
    );
  await bulkPut('floor-warmup');
  return { bulkPut, close: () => context.close() };
}
