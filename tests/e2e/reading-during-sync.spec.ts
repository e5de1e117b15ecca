/**
 * A person's reads and writes go before the sync's merges (renderer/library/person-turns.ts): the sync worker asks for
 * the person's lock before it creates each merge transaction, so while a person's request holds it no merge begins, and
 * once it is let go the sync stores everything. A read mark and a bookmark made while the sync merges are kept after
 * it. Structural, not timed: the waiting merge is seen in the lock manager's queue (navigator.locks.query).
 */
import { personLockName } from '../../renderer/library/person-turns';
import type { FeedServer } from '../support/feed-server';
import { startFeedServer } from '../support/feed-server';
import { storedArticleCount } from '../support/library-probes';
import { expect, test } from './fixtures';
import { importNumberedFeeds, serveNumberedFeeds } from './support/numbered-feeds';

const FEEDS = 40;
const ITEMS = 3;
const LOCK = personLockName('broadsheet');

let server: FeedServer;
let urls: string[];

test.beforeAll(async () => {
  server = await startFeedServer();
  urls = serveNumberedFeeds(server, 'Turns', FEEDS, ITEMS);
});
test.afterAll(async () => {
  await server.close();
});

/** One article's read and starred marks, read from the library in IndexedDB. */
function storedMarks(page: import('@playwright/test').Page, title: string): Promise<{ read: number; starred: number } | null> {
  return page.evaluate(
    (wanted) =>
      new Promise<{ read: number; starred: number } | null>((resolve, reject) => {
        const open = indexedDB.open('broadsheet');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const db = open.result;
          const all = db.transaction('articles').objectStore('articles').getAll();
          all.onsuccess = () => {
            db.close();
            const row = (all.result as Array<{ title: string; read: number; starred: number }>).find((r) => r.title === wanted);
            resolve(row ? { read: row.read, starred: row.starred } : null);
          };
          all.onerror = () => reject(all.error);
        };
      }),
    title,
  );
}

test('no merge begins while a person\'s request holds the library, and marks made during the sync are kept', async ({ page, consoleErrors }) => {
  await page.goto('/');
  await expect(page.getByRole('navigation', { name: 'Feeds' })).toBeVisible();
  await expect.poll(() => page.workers().some((worker) => worker.url().includes('sync-worker'))).toBe(true);

  // A person's request has the library before the sync begins, announced as the app's are (the reader's while it reads
  // an article): the lock held, a word on the library's person channel.
  await page.evaluate((name) => {
    const scope = globalThis as unknown as { __letGo?: () => void };
    void navigator.locks.request(name, { mode: 'shared' }, () => new Promise<void>((resolve) => (scope.__letGo = resolve)));
    const channel = new BroadcastChannel(name);
    channel.postMessage('person');
    channel.close();
  }, LOCK);
  await expect.poll(() => page.evaluate((name) => navigator.locks.query().then((state) => (state.held ?? []).filter((lock) => lock.name === name).length), LOCK)).toBe(1);

  await importNumberedFeeds(page, 'Turns', urls, 60_000);

  // The sync's first merge waits for its turn (exclusive, in the lock's queue) and has stored nothing.
  await expect
    .poll(() => page.evaluate((name) => navigator.locks.query().then((state) => (state.pending ?? []).some((lock) => lock.name === name && lock.mode === 'exclusive')), LOCK), { timeout: 60_000 })
    .toBe(true);
  expect(await storedArticleCount(page)).toBe(0);

  // The person's request ends: the sync goes on.
  await page.evaluate(() => (globalThis as unknown as { __letGo: () => void }).__letGo());
  await expect(page.getByRole('option', { name: /Turns \d+ article \d/ }).first()).toBeVisible({ timeout: 60_000 });

  // Opened with j (so marked read) and bookmarked while the sync merges, or just after on a fast machine: kept once it
  // ends. Keys, not a click: rows arriving during the sync move the list under the pointer.
  await page.keyboard.press('j');
  const heading = page.frameLocator('iframe.reader-frame').getByRole('heading', { level: 1 });
  await expect(heading).toHaveText(/Turns \d+ article \d/);
  const title = (await heading.textContent()) ?? '';
  await page.keyboard.press('s');
  await expect(page.getByRole('button', { name: '★ Bookmarked' })).toBeVisible();
  await expect.poll(() => storedMarks(page, title)).toEqual({ read: 1, starred: 1 });

  await expect.poll(() => storedArticleCount(page), { timeout: 120_000 }).toBe(FEEDS * ITEMS);
  await expect(page.getByRole('status', { name: 'Sync progress' })).toBeHidden({ timeout: 60_000 });
  expect(await storedMarks(page, title)).toEqual({ read: 1, starred: 1 });
  // No merge is left waiting, and nothing holds the library.
  const locks = await page.evaluate((name) => navigator.locks.query().then((state) => [...(state.held ?? []), ...(state.pending ?? [])].filter((lock) => lock.name === name).length), LOCK);
  expect(locks).toBe(0);
  expect(consoleErrors).toEqual([]);
});
