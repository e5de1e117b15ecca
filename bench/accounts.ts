/**
 * Account sync against a real FreshRSS, through the browser host in Chromium (issue 13 targets): the built app adds a
 * FreshRSS account in Settings → Accounts, and its first sync brings 10,000 items (10 feeds × 1,000, served by the feed
 * server and fetched by FreshRSS); then incremental syncs of 500 new items each ("Sync now"; target <= 2 s).
 * Floor, measured in the same run: the same Google Reader API calls made straight from Node with fetch (sign-in,
 * every page of new items, the unread and starred id lists), i.e. the server's own time to answer them; the ratio
 * is what Broadsheet adds (host transport, parsing, IndexedDB writes, UI).
 * Each first sync runs in a fresh browser context (empty IndexedDB), after one warm-up.
 * Run: `npm run build:renderer && npx tsx bench/accounts.ts` (BENCH_ACCOUNTS_RUNS to change the number of runs).
 * Skips with a printed reason where the team kit's FreshRSS script is not beside the checkout.
 */
import type { Browser, Page } from '@playwright/test';
import { startFeedServer, type FeedServer } from '../tests/support/feed-server';
import { freshRssMissing, startFreshRss, type FreshRss } from '../tests/support/freshrss';
import { publish, rawGReader } from '../tests/support/freshrss-api';
import { launchChromium, median, ms, startAppHost, versus, waitForApp } from './support/chromium';
import { storedArticleCount } from '../tests/support/library-probes';

const FEEDS = 10;
const ITEMS_PER_FEED = 1000;
const NEW_PER_FEED = 100;
const NEW_FEEDS = 5;
const RUNS = Math.max(5, Number(process.env.BENCH_ACCOUNTS_RUNS ?? 5));
const INCREMENTAL_TARGET_MS = 2000;

/** The Google Reader API calls a sync makes, straight from Node: the server's own time for them. */
async function rawSyncTime(server: FreshRss, since: number | null): Promise<number> {
  const start = performance.now();
  const raw = await rawGReader(server);
  let continuation = '';
  for (;;) {
    const page = (await raw.get(
      `stream/contents/user/-/state/com.google/reading-list?output=json&n=500${since !== null ? `&ot=${since}` : ''}${continuation ? `&c=${continuation}` : ''}`,
    )) as { items: unknown[]; continuation?: string };
    if (!page.continuation || page.items.length === 0) break;
    continuation = page.continuation;
  }
  await raw.unread();
  await raw.starred();
  return performance.now() - start;
}

async function addAccount(page: Page, server: FreshRss): Promise<number> {
  await page.keyboard.press('Control+Comma');
  const dialog = page.getByRole('dialog', { name: 'Settings' });
  await dialog.getByRole('tab', { name: 'Accounts' }).click();
  await dialog.getByLabel('Server address').fill(server.url);
  await dialog.getByLabel('User name').fill(server.user);
  await dialog.getByLabel('Password', { exact: true }).fill(server.apiPassword);
  const start = performance.now();
  await dialog.getByRole('button', { name: 'Add account' }).click();
  await dialog.getByRole('listitem', { name: /^FreshRSS/ }).getByText(/Last synced/).waitFor({ timeout: 300_000 });
  return performance.now() - start;
}

async function syncNow(page: Page, expected: number): Promise<number> {
  const dialog = page.getByRole('dialog', { name: 'Settings' });
  const start = performance.now();
  await dialog.getByRole('button', { name: 'Sync now' }).click();
  await dialog.getByRole('status').getByText(`Synced: ${expected} new articles.`).waitFor({ timeout: 120_000 });
  return performance.now() - start;
}

export async function run(): Promise<void> {
  const missing = freshRssMissing();
  if (missing !== null) return void console.log(`skipped: ${missing}`);
  let server: FreshRss | undefined;
  let feeds: FeedServer | undefined;
  let browser: Browser | undefined;
  const host = await startAppHost();
  try {
    [server, feeds] = await Promise.all([startFreshRss(), startFeedServer()]);
    const raw = await rawGReader(server);
    for (let f = 0; f < FEEDS; f++) await raw.post('subscription/quickadd', [['quickadd', publish(feeds, `/bench-${f}.xml`, `Feed ${f}`, ITEMS_PER_FEED)]]);
    const ingest = performance.now();
    await server.refresh();
    console.log(`FreshRSS fetched ${FEEDS} × ${ITEMS_PER_FEED} items in ${ms(performance.now() - ingest)} (setup, not timed below)`);
    browser = await launchChromium();

    const firstSyncs: number[] = [];
    let last: Page | null = null;
    for (let runIndex = 0; runIndex <= RUNS; runIndex++) {
      const context = await browser.newContext({ baseURL: host.url });
      const page = await context.newPage();
      await page.goto('/');
      await waitForApp(page);
      const took = await addAccount(page, server);
      const count = await storedArticleCount(page);
      if (count !== FEEDS * ITEMS_PER_FEED) throw new Error(`first sync stored ${count} articles, not ${FEEDS * ITEMS_PER_FEED}`);
      if (runIndex > 0) firstSyncs.push(took);
      if (last) await last.context().close();
      last = page;
    }
    const firstFloors: number[] = [];
    for (let i = 0; i < RUNS; i++) firstFloors.push(await rawSyncTime(server, null));
    const first = median(firstSyncs);
    const firstFloor = median(firstFloors);
    console.log(`first sync, ${FEEDS * ITEMS_PER_FEED} items: median ${ms(first)} over ${RUNS} (${firstSyncs.map((t) => t.toFixed(0)).join(', ')} ms)`);
    console.log(`  floor (the same API calls from Node): ${ms(firstFloor)}; sync / floor ${(first / firstFloor).toFixed(2)}x; ${Math.round((FEEDS * ITEMS_PER_FEED) / (first / 1000))} items/s`);

    const page = last as Page;
    const incremental: number[] = [];
    const incrementalFloors: number[] = [];
    for (let runIndex = 0; runIndex <= RUNS; runIndex++) {
      const total = ITEMS_PER_FEED + NEW_PER_FEED * (runIndex + 1);
      for (let f = 0; f < NEW_FEEDS; f++) publish(feeds, `/bench-${f}.xml`, `Feed ${f}`, total);
      const before = Math.floor(Date.now() / 1000) - 1;
      await server.refresh();
      const took = await syncNow(page, NEW_FEEDS * NEW_PER_FEED);
      if (runIndex > 0) {
        incremental.push(took);
        incrementalFloors.push(await rawSyncTime(server, before));
      }
    }
    const inc = median(incremental);
    const incFloor = median(incrementalFloors);
    console.log(`incremental sync, ${NEW_FEEDS * NEW_PER_FEED} new items: median ${ms(inc)} over ${RUNS} (target <= ${INCREMENTAL_TARGET_MS} ms: ${versus(inc, INCREMENTAL_TARGET_MS)})`);
    console.log(`  floor (the same API calls from Node): ${ms(incFloor)}; sync / floor ${(inc / incFloor).toFixed(2)}x`);
  } finally {
    await browser?.close();
    await host.close();
    await Promise.all([server?.stop(), feeds?.close()]);
  }
}

if (import.meta.url === `file://${process.argv[1]}`) void run();
