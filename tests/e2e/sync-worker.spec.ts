/**
 * A sync runs off the UI thread: 200 feeds arrive by an OPML import, the sync that follows stores all their
 * articles, and the page's own thread has written none of them: every article and content row came through the sync
 * worker's connection. Structural, not timed: the page's IndexedDB writes are counted by store on its main thread
 * (a worker has its own IDBObjectStore, which this probe does not see).
 */
import type { FeedServer } from '../support/feed-server';
import { rssXml, startFeedServer } from '../support/feed-server';
import { storedArticleCount } from '../support/library-probes';
import { expect, test } from './fixtures';

const FEEDS = 200;
const ITEMS = 3;

let server: FeedServer;

test.beforeAll(async () => {
  server = await startFeedServer();
  for (let f = 0; f < FEEDS; f++) {
    server.setFeed(
      `/bulk/${f}.xml`,
      rssXml({
        title: `Bulk feed ${f}`,
        link: `${server.origin}/bulk/${f}`,
        items: Array.from({ length: ITEMS }, (_, i) => ({
          title: `Bulk ${f} article ${i}`,
          guid: `bulk-${f}-${i}`,
          link: `${server.origin}/bulk/${f}/${i}`,
          pubDate: new Date(Date.UTC(2025, 0, 1 + i, 12)).toUTCString(),
        })),
      }),
      { etag: `"bulk-${f}"` },
    );
  }
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

  const outlines = Array.from({ length: FEEDS }, (_, f) => `<outline type="rss" text="Bulk feed ${f}" xmlUrl="${server.url(`/bulk/${f}.xml`)}"/>`).join('\n');
  const opml = `<?xml version="1.0"?><opml version="2.0"><head><title>Bulk</title></head><body>${outlines}</body></opml>`;
  // Import through the palette; the feeds are added, then what is due (all of them) syncs.
  await page.keyboard.press('Control+K');
  await page.keyboard.type('import opml');
  await page.keyboard.press('Enter');
  const dialog = page.getByRole('dialog', { name: 'Import subscriptions (OPML)' });
  await dialog.getByLabel('OPML file').setInputFiles({ name: 'bulk.opml', mimeType: 'text/xml', buffer: Buffer.from(opml) });
  await expect(dialog.getByRole('status', { name: 'Import report' })).toContainText(`Added ${FEEDS} feeds`, { timeout: 120_000 });
  await dialog.getByRole('button', { name: 'Done' }).click();

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
