/**
 * A sync runs off the UI thread: 200 feeds arrive by an OPML import, the sync that follows stores all their
 * articles, and the page's own thread has written none of them: every article and content row came through the sync
 * worker's connection. Structural, not timed: the page's IndexedDB writes are counted by store on its main thread
 * (a worker has its own IDBObjectStore, which this probe does not see).
 */
import type { FeedServer } from '../support/feed-server';
import { startFeedServer } from '../support/feed-server';
import { storedArticleCount } from '../support/library-probes';
import { expect, test } from './fixtures';
import { importNumberedFeeds, serveNumberedFeeds } from './support/numbered-feeds';

const FEEDS = 200;
const ITEMS = 3;

let server: FeedServer;
let urls: string[];

test.beforeAll(async () => {
  server = await startFeedServer();
  urls = serveNumberedFeeds(server, 'Bulk', FEEDS, ITEMS);
});
test.afterAll(async () => {
  await server.close();
});

/** Counts the IndexedDB writes made on the page's main thread, by object store. */
const WRITE_PROBE = `(() => {
  const writes = {};
  globalThis.__mainThreadWrites = writes;
  for (const method of ['add', 'put', 'delete', 'clear']) {
    const original = IDBObjectStore.prototype[method];
    IDBObjectStore.prototype[method] = function (...args) {
      writes[this.name] = (writes[this.name] || 0) + 1;
      return original.apply(this, args);
    };
  }
})();`;

test('a 200-feed sync stores every article through the sync worker, none from the page thread', async ({ page }) => {
  await page.addInitScript(WRITE_PROBE);
  await page.goto('/');
  await expect(page.getByRole('navigation', { name: 'Feeds' })).toBeVisible();
  await expect.poll(() => page.workers().some((worker) => worker.url().includes('sync-worker'))).toBe(true);

  // Import through the palette; the feeds are added, then what is due (all of them) syncs.
  await importNumberedFeeds(page, 'Bulk', urls, 120_000);

  await expect.poll(() => storedArticleCount(page), { timeout: 120_000 }).toBe(FEEDS * ITEMS);
  await expect(page.getByRole('status', { name: 'Sync progress' })).toBeHidden({ timeout: 60_000 });
  await expect(page.getByRole('button', { name: /^Bulk feed 199/ })).toBeVisible();

  const writes = await page.evaluate(() => (globalThis as unknown as { __mainThreadWrites: Record<string, number> }).__mainThreadWrites);
  // The page did write (the import added the feeds from its thread), so the probe sees this thread's writes...
  expect(writes.feeds ?? 0).toBeGreaterThanOrEqual(FEEDS);
  // ...and none of the 600 articles or their contents came from it.
  expect(writes.articles ?? 0).toBe(0);
  expect(writes.contents ?? 0).toBe(0);
});
