/**
 * What makes chromium-sync's bulkPut floor slow (a dev probe, issue 18): the stored rows of one cold sync (cached in
 * /tmp), written by a raw Dexie bulkPut in variants that differ in one thing, each run in a fresh browser context (its
 * own empty IndexedDB), variants alternated round by round, with the wall time and the CPU of Chromium's threads
 * (the browser process's = IndexedDB's backend) from /proc and the load average.
 * A variant is `key=value` pairs joined by '+': order=id|feed (rows sorted by id, as storedRows reads them, or per
 * feed as the sync's merges write them), in=page|worker, warm=none|small|big|bigdelete (a warm-up bulkPut in the
 * same origin first: 200 rows, or all the rows, kept or deleted), per=N (articles per transaction), tables=seq|par
 * (contents after articles, or both bulkPuts issued together as writeMergeSink does), articles=N (the first N articles).
 * Run: `VARIANTS='order=id+warm=bigdelete,order=id' ROUNDS=3 npx tsx bench/_floor-probe.ts`. A leading _ keeps it out
 * of `npm run bench`.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { loadavg } from 'node:os';
import type { Browser } from '@playwright/test';
import { startFeedServer } from '../tests/support/feed-server';
import { SCHEMA_V6 } from '../shared/db/schema';
import { feedIdFor } from '../shared/db/ids';
import { allowTsxFunctions, launchChromium, startAppHost } from './support/chromium';
import { rssCorpus } from './support/rss-corpus';
import { benchFeedUrl as feedUrl, openLibrary, refreshAll, routedFetch } from './support/bench-feeds';
import { storedRows } from './support/library-in-page';
import type { StoredRows } from './support/bulkput-floor';
import { chromiumThreads, threadsSince } from './support/proc-threads';

const FEEDS = Number(process.env.FEEDS ?? 500);
const ITEMS = Number(process.env.ITEMS ?? 50);
const ROUNDS = Number(process.env.ROUNDS ?? 3);
/** IDLE_MS: the browser process's CPU over this long after each run's context closed. */
const IDLE_MS = Number(process.env.IDLE_MS ?? 0);
const VARIANTS = (process.env.VARIANTS ?? 'order=id+warm=bigdelete,order=id').split(',');
const CACHE = `/tmp/floor11-rows-${FEEDS}x${ITEMS}.json`;
const DEXIE = readFileSync(createRequire(import.meta.url).resolve('dexie/dist/dexie.min.js'), 'utf8');

type Row = Record<string, unknown>;

async function rowsOfASync(browser: Browser): Promise<StoredRows> {
  if (existsSync(CACHE)) return JSON.parse(readFileSync(CACHE, 'utf8')) as StoredRows;
  const server = await startFeedServer();
  for (const [p, body] of rssCorpus({ feeds: FEEDS, items: ITEMS, seed: 20250115, newest: Date.UTC(2025, 0, 15) })) server.setFeed(p, body, { etag: '"v1"' });
  const host = await startAppHost(routedFetch(server));
  const page = await openLibrary(browser, host.url, Array.from({ length: FEEDS }, (_, f) => feedUrl('feed', f)));
  const wall = await refreshAll(page);
  const rows = await storedRows(page);
  console.log(`cold sync for the rows: ${(wall / 1000).toFixed(1)} s, ${rows.articles.length} articles`);
  await page.context().close();
  await host.close();
  await server.close();
  writeFileSync(CACHE, JSON.stringify(rows));
  return rows;
}

/** The rows per feed in the feeds' order, each feed's newest first (the document order of the bench's feeds). */
function inFeedOrder(rows: StoredRows): StoredRows {
  const rank = new Map(Array.from({ length: FEEDS }, (_, f) => [feedIdFor(feedUrl('feed', f)), f]));
  const contentOf = new Map((rows.contents as Row[]).map((c) => [c.articleId as string, c]));
  const articles = [...(rows.articles as Row[])].sort((a, b) => (rank.get(a.feedId as string) ?? 0) - (rank.get(b.feedId as string) ?? 0) || (b.sortTime as number) - (a.sortTime as number));
  return { articles, contents: articles.map((a) => contentOf.get(a.id as string)) };
}

interface Variant {
  order: 'id' | 'feed';
  in: 'page' | 'worker';
  warm: 'none' | 'small' | 'big' | 'bigdelete';
  per: number;
  tables: 'seq' | 'par';
  articles: number;
}

function parse(text: string, total: number): Variant {
  const v: Variant = { order: 'id', in: 'page', warm: 'none', per: 0, tables: 'seq', articles: total };
  for (const pair of text.split('+').filter(Boolean)) {
    const [k, value] = pair.split('=') as [keyof Variant, string];
    (v as unknown as Record<string, unknown>)[k] = k === 'per' || k === 'articles' ? Number(value) : value;
  }
  return v;
}

/** The bulkPut, as a function's source: runs in the page or in a worker, with Dexie and `data` in its global scope. */
const WRITE = `async function write(schema, name, data, per, parallel) {
  const db = new Dexie(name);
  db.version(1).stores(schema);
  await db.open();
  const articles = db.table('articles');
  const contents = db.table('contents');
  const step = per || data.articles.length;
  const started = performance.now();
  for (let at = 0; at < data.articles.length; at += step) {
    await db.transaction('rw', [articles, contents], async () => {
      const a = data.articles.slice(at, at + step);
      const c = data.contents.slice(at, at + step);
      if (parallel) await Promise.all([articles.bulkPut(a), contents.bulkPut(c)]);
      else { await articles.bulkPut(a); await contents.bulkPut(c); }
    });
  }
  const elapsed = performance.now() - started;
  db.close();
  return elapsed;
}`;

async function runVariant(browser: Browser, hostUrl: string, rows: StoredRows, v: Variant): Promise<{ wall: number; browserMs: number; rendererMs: number; top: string }> {
  const context = await browser.newContext({ bypassCSP: true });
  try {
    const page = await context.newPage();
    await allowTsxFunctions(page);
    await page.goto(`${hostUrl}/bench-floor`);
    await page.addScriptTag({ content: DEXIE });
    await page.addScriptTag({ content: WRITE });
    const data = { articles: rows.articles.slice(0, v.articles), contents: rows.contents.slice(0, v.articles) };
    const schema = SCHEMA_V6 as unknown as Record<string, string>;
    if (v.in === 'worker') {
      await page.evaluate(
        ({ dexie, write }) => {
          const source = `${dexie}\n${write}\nonmessage = async (e) => { const { store, schema, name, count, per, parallel } = e.data; if (store) { self.rows = store; postMessage(0); return; } const rows = { articles: self.rows.articles.slice(0, count), contents: self.rows.contents.slice(0, count) }; postMessage(await write(schema, name, rows, per, parallel)); };`;
          (globalThis as unknown as { __w: Worker }).__w = new Worker(URL.createObjectURL(new Blob([source], { type: 'text/javascript' })));
        },
        { dexie: DEXIE, write: WRITE },
      );
    }
    // The rows reach the page (and the worker) before anything is timed.
    await page.evaluate((d) => void ((globalThis as unknown as { __rows: unknown }).__rows = d), data);
    if (v.in === 'worker') {
      await page.evaluate(() => {
        const g = globalThis as unknown as { __rows: StoredRows; __w: Worker };
        return new Promise((resolve) => {
          g.__w.onmessage = resolve;
          g.__w.postMessage({ store: g.__rows });
        });
      });
    }
    const call = (name: string, count: number) =>
      page.evaluate(
        async ({ schema, name, count, per, parallel, inWorker }) => {
          const g = globalThis as unknown as { __rows: StoredRows; __w: Worker; write: (...a: unknown[]) => Promise<number> };
          const all = g.__rows;
          const rows = count >= all.articles.length ? all : { articles: all.articles.slice(0, count), contents: all.contents.slice(0, count) };
          if (!inWorker) return g.write(schema, name, rows, per, parallel);
          return new Promise<number>((resolve) => {
            g.__w.onmessage = (e) => resolve(e.data as number);
            g.__w.postMessage({ schema, name, count, per, parallel });
          });
        },
        { schema, name, count, per: v.per, parallel: v.tables === 'par', inWorker: v.in === 'worker' },
      );
    if (v.warm === 'small') await call('warm', 200);
    if (v.warm === 'big' || v.warm === 'bigdelete') await call('warm', v.articles);
    if (v.warm === 'bigdelete') await page.evaluate(() => new Promise((resolve) => { const r = indexedDB.deleteDatabase('warm'); r.onsuccess = r.onerror = resolve; }));
    const before = chromiumThreads();
    const wall = await call('timed', v.articles);
    const used = threadsSince(before, chromiumThreads());
    let browserMs = 0;
    let rendererMs = 0;
    const byName = new Map<string, number>();
    for (const t of used.values()) {
      if (t.processType === 'browser') browserMs += t.ms;
      if (t.processType === 'renderer') rendererMs += t.ms;
      const key = `${t.processType}/${t.name}`;
      byName.set(key, (byName.get(key) ?? 0) + t.ms);
    }
    const top = [...byName].sort((a, b) => b[1] - a[1]).slice(0, 4).map(([n, m]) => `${n} ${(m / 1000).toFixed(1)}`).join(', ');
    return { wall, browserMs, rendererMs, top };
  } finally {
    await context.close();
  }
}

async function main(): Promise<void> {
  // CHROMIUM_ARGS, space-separated, e.g. --disable-features=IdbSqliteBackingStoreInMemoryContexts.
  const browser = await launchChromium((process.env.CHROMIUM_ARGS ?? '').split(' ').filter(Boolean));
  const host = await startAppHost();
  try {
    console.log(`Chromium ${browser.version()}`);
    const rows = await rowsOfASync(browser);
    const byFeed = inFeedOrder(rows);
    const variants = VARIANTS.map((text) => ({ text, v: parse(text, rows.articles.length) }));
    const results = new Map<string, Array<{ wall: number; browserMs: number }>>();
    for (let r = 0; r < ROUNDS; r++) {
      const turn = [...variants.slice(r % variants.length), ...variants.slice(0, r % variants.length)];
      for (const { text, v } of turn) {
        const load = loadavg()[0] ?? 0;
        const x = await runVariant(browser, host.url, v.order === 'feed' ? byFeed : rows, v);
        (results.get(text) ?? results.set(text, []).get(text)!).push(x);
        if (IDLE_MS > 0) {
          // What the backend does after the context closed, before the next run: a leftover the next run would pay.
          const before = chromiumThreads();
          await new Promise((resolve) => setTimeout(resolve, IDLE_MS));
          let idle = 0;
          for (const t of threadsSince(before, chromiumThreads()).values()) if (t.processType === 'browser') idle += t.ms;
          console.log(`  browser process over the ${IDLE_MS / 1000} s after its context closed: ${(idle / 1000).toFixed(1)} s CPU`);
        }
        console.log(`round ${r + 1} ${text}: ${(x.wall / 1000).toFixed(2)} s wall · browser process ${(x.browserMs / 1000).toFixed(1)} s CPU · renderers ${(x.rendererMs / 1000).toFixed(1)} s · ${x.top} · load ${load.toFixed(2)}`);
      }
    }
    const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;
    for (const [text, xs] of results) console.log(`${text}: median ${(median(xs.map((x) => x.wall)) / 1000).toFixed(2)} s wall, ${(median(xs.map((x) => x.browserMs)) / 1000).toFixed(1)} s browser-process CPU (runs ${xs.map((x) => (x.wall / 1000).toFixed(1)).join(', ')})`);
  } finally {
    await browser.close();
    await host.close();
  }
}

void main();
