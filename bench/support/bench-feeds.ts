/**
 * The sync benches' feeds and the app page they sync in: feed addresses on 125 host names (4 feeds each, so the
 * engine's per-host limit applies as in real life), the browser host's fetch sending those names to the local feed
 * server, a fresh library with the feeds subscribed, and a user's Shift+R waited out.
 */
import type { Browser, Page } from '@playwright/test';
import { startFeedServer, type FeedServer } from '../../tests/support/feed-server';
import { createNodeHttpFetch } from '../../tests/support/node-http-fetch';
import { allowTsxFunctions, waitForApp } from './chromium';
import { rssCorpus } from './rss-corpus';
import { subscribeInPage } from './library-in-page';

export const BENCH_HOSTS = 125;

export const benchFeedUrl = (prefix: string, f: number): string => `http://host${f % BENCH_HOSTS}.bench.example/${prefix}${f}.xml`;

/** The browser host's own fetch (as it has without a `fetch` option), or `inner`, with the bench's host names all leading to the local feed server. */
export function routedFetch(server: Pick<FeedServer, 'url'>, inner: typeof fetch = createNodeHttpFetch()): typeof fetch {
  return (input, init) => {
    const url = new URL(typeof input === 'string' ? input : input instanceof URL ? input.href : input.url);
    return inner(url.hostname.endsWith('.bench.example') ? server.url(url.pathname + url.search) : input, init);
  };
}

/** A fresh context (empty IndexedDB) with `urls` subscribed, ready for Shift+R; `initScripts` run in the page before the app. */
export async function openLibrary(browser: Browser, hostUrl: string, urls: readonly string[], initScripts: readonly string[] = []): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
  const page = await context.newPage();
  await allowTsxFunctions(page);
  for (const script of initScripts) await page.addInitScript(script);
  await page.goto(`${hostUrl}/`);
  await waitForApp(page);
  await subscribeInPage(page, urls);
  await page.reload();
  await page.getByText(`${urls.length} feeds`, { exact: true }).waitFor({ timeout: 60_000 });
  return page;
}

/** Shift+R, then waits (polling every 250 ms, as chromium-sync does) for the sync's status line to come and go; wall ms. */
export async function refreshAll(page: Page): Promise<number> {
  const started = performance.now();
  await page.keyboard.press('Shift+R');
  const line = '[role="status"][aria-label="Sync progress"]';
  await page.waitForFunction((s) => document.querySelector(s) !== null, line, { polling: 20, timeout: 60_000 });
  await page.waitForFunction((s) => document.querySelector(s) === null, line, { polling: 250, timeout: 300_000 });
  return performance.now() - started;
}

/** Warm-up feeds (`warmup<n>`), a library of their own synced before what is measured. */
const WARMUP_FEEDS = 50;

/** The feed server with the benches' corpus (`feed<n>`, fixed seed, ETags) and the warm-up feeds. */
export async function startBenchFeedServer(feeds: number, items: number): Promise<FeedServer> {
  const server = await startFeedServer();
  for (const [p, body] of rssCorpus({ feeds, items, seed: 20250115, newest: Date.UTC(2025, 0, 15) })) server.setFeed(p, body, { etag: '"v1"' });
  for (const [p, body] of rssCorpus({ feeds: WARMUP_FEEDS, items, seed: 7, newest: Date.UTC(2025, 0, 15), prefix: 'warmup' })) server.setFeed(p, body, { etag: '"v1"' });
  return server;
}

/** A cold sync of the warm-up feeds in a library of its own (JIT, connections, the browser host), then closed. */
export async function warmUpSync(browser: Browser, hostUrl: string): Promise<void> {
  const warmup = await openLibrary(browser, hostUrl, Array.from({ length: WARMUP_FEEDS }, (_, f) => benchFeedUrl('warmup', f)));
  await refreshAll(warmup);
  await warmup.context().close();
}
