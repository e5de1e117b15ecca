/**
 * A person's reads and writes go before the sync's merges (renderer/library/person-turns.ts): the sync worker asks for
 * the person's lock before it creates each merge transaction, so while a person's request holds it no merge begins, and
 * a person's request made while a merge waits for its turn goes right after that merge. With no sync under way a
 * person's request does not ask the lock manager at all (nothing could contend). A read mark and a bookmark made while
 * the sync merges are kept after it. A person reading (the wheel over the list or the article, the list's keys) is
 * said to be near before any request of theirs; starting a sync is not reading. Structural, not timed: the waiting
 * merge and request are seen in the lock manager's queue (navigator.locks.query), the window's asks of the lock and its
 * words on the person channel are counted where the window makes them. The renderer is the same in Electron.
 */
import { personLockName } from '../../renderer/library/person-turns';
import type { Page } from '@playwright/test';
import type { FeedServer } from '../support/feed-server';
import { startFeedServer } from '../support/feed-server';
import { storedArticleCount } from '../support/library-probes';
import { expect, test } from './fixtures';
import { importNumberedFeeds, serveNumberedFeeds } from './support/numbered-feeds';

const FEEDS = 40;
const ITEMS = 3;
/** The library read while nothing syncs: a few feeds synced first. */
const IDLE_FEEDS = 2;
const IDLE_ITEMS = 2;
const LOCK = personLockName('broadsheet');

let server: FeedServer;
let urls: string[];
let idleUrls: string[];

test.beforeAll(async () => {
  server = await startFeedServer();
  urls = serveNumberedFeeds(server, 'Turns', FEEDS, ITEMS);
  idleUrls = serveNumberedFeeds(server, 'Idle', IDLE_FEEDS, IDLE_ITEMS);
});
test.afterAll(async () => {
  await server.close();
});

/** One article's read and starred marks, read from the library in IndexedDB. */
function storedMarks(page: Page, title: string): Promise<{ read: number; starred: number } | null> {
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

/** Counts the window's asks of lock `name` from now on (the window's own lock manager; the sync worker has its own). */
function countLockAsks(page: Page, name: string): Promise<void> {
  return page.evaluate((wanted) => {
    const scope = globalThis as unknown as { __asks: number };
    scope.__asks = 0;
    const request = LockManager.prototype.request;
    LockManager.prototype.request = function (this: LockManager, ...args: unknown[]) {
      if (args[0] === wanted) scope.__asks++;
      return (request as (...all: unknown[]) => Promise<unknown>).apply(this, args);
    } as LockManager['request'];
  }, name);
}
const lockAsks = (page: Page) => page.evaluate(() => (globalThis as unknown as { __asks: number }).__asks);

/** Records what the window says on the person channel `name` from now on. */
function recordPersonWords(page: Page, name: string): Promise<void> {
  return page.evaluate((wanted) => {
    const scope = globalThis as unknown as { __said: unknown[] };
    scope.__said = [];
    const post = BroadcastChannel.prototype.postMessage;
    BroadcastChannel.prototype.postMessage = function (this: BroadcastChannel, message: unknown) {
      if (this.name === wanted) scope.__said.push(message);
      post.call(this, message);
    };
  }, name);
}
const personWords = (page: Page) => page.evaluate(() => (globalThis as unknown as { __said: unknown[] }).__said);

const heldLocks = (page: Page) => page.evaluate((name) => navigator.locks.query().then((state) => (state.held ?? []).filter((lock) => lock.name === name).map((lock) => lock.mode)), LOCK);
const pendingLocks = (page: Page) => page.evaluate((name) => navigator.locks.query().then((state) => (state.pending ?? []).filter((lock) => lock.name === name).map((lock) => lock.mode)), LOCK);

test('a person\'s request asks no lock while nothing syncs; while a sync merges it goes before the next merge, and its marks are kept', async ({ page, consoleErrors }) => {
  await page.goto('/');
  await expect(page.getByRole('navigation', { name: 'Feeds' })).toBeVisible();
  await expect.poll(() => page.workers().some((worker) => worker.url().includes('sync-worker'))).toBe(true);
  const syncProgress = page.getByRole('status', { name: 'Sync progress' });

  // A few feeds synced; then, with nothing syncing, an article opened (read, marked read on open) and bookmarked.
  await importNumberedFeeds(page, 'Idle', idleUrls, 60_000);
  await expect.poll(() => storedArticleCount(page), { timeout: 60_000 }).toBe(IDLE_FEEDS * IDLE_ITEMS);
  await expect(syncProgress).toBeHidden({ timeout: 60_000 });
  await countLockAsks(page, LOCK);
  const list = page.getByRole('listbox');
  await list.focus();
  await page.keyboard.press('j');
  const heading = page.frameLocator('iframe.reader-frame').getByRole('heading', { level: 1 });
  await expect(heading).toHaveText(/Idle \d+ article \d/);
  const idleTitle = (await heading.textContent()) ?? '';
  await page.keyboard.press('s');
  await expect(page.getByRole('button', { name: '★ Bookmarked' })).toBeVisible();
  await expect.poll(() => storedMarks(page, idleTitle)).toEqual({ read: 1, starred: 1 });
  // Nothing could contend: the lock manager was not asked.
  expect(await lockAsks(page)).toBe(0);

  // A person's request has the library before the next sync begins, announced as the app's are: the lock held, a word
  // on the library's person channel.
  await page.evaluate((name) => {
    const scope = globalThis as unknown as { __letGo?: () => void };
    void navigator.locks.request(name, { mode: 'shared' }, () => new Promise<void>((resolve) => (scope.__letGo = resolve)));
    const channel = new BroadcastChannel(name);
    channel.postMessage('person');
    channel.close();
  }, LOCK);
  await expect.poll(() => heldLocks(page)).toEqual(['shared']);

  await importNumberedFeeds(page, 'Turns', urls, 60_000);

  // The sync's first merge waits for its turn (exclusive, in the lock's queue) and has stored nothing.
  await expect.poll(() => pendingLocks(page), { timeout: 60_000 }).toEqual(['exclusive']);
  await expect(syncProgress).toBeVisible();
  expect(await storedArticleCount(page)).toBe(IDLE_FEEDS * IDLE_ITEMS);

  // The next article opened while that merge waits: its read (unless it was read ahead) and its read mark ask for the
  // lock now a sync is under way, and wait behind the merge already queued.
  const asksBefore = await lockAsks(page);
  await list.focus();
  await page.keyboard.press('j');
  await expect.poll(() => pendingLocks(page)).toEqual(['exclusive', 'shared']);
  expect(await lockAsks(page)).toBeGreaterThan(asksBefore);

  // The person's first request ends: the merge goes, then the person's; bookmarked while the sync goes on (or just
  // after, on a fast machine). Keys, not a click: rows arriving during the sync move the list under the pointer.
  await page.evaluate(() => (globalThis as unknown as { __letGo: () => void }).__letGo());
  await expect(heading).not.toHaveText(idleTitle);
  const title = (await heading.textContent()) ?? '';
  await expect.poll(() => storedMarks(page, title)).toEqual({ read: 1, starred: 0 });
  await page.keyboard.press('s');
  await expect(page.getByRole('button', { name: '★ Bookmarked' })).toBeVisible();
  await expect.poll(() => storedMarks(page, title)).toEqual({ read: 1, starred: 1 });

  await expect.poll(() => storedArticleCount(page), { timeout: 120_000 }).toBe(IDLE_FEEDS * IDLE_ITEMS + FEEDS * ITEMS);
  await expect(syncProgress).toBeHidden({ timeout: 60_000 });
  expect(await storedMarks(page, title)).toEqual({ read: 1, starred: 1 });
  expect(await storedMarks(page, idleTitle)).toEqual({ read: 1, starred: 1 });
  // No merge is left waiting, and nothing holds the library.
  expect([...(await heldLocks(page)), ...(await pendingLocks(page))]).toEqual([]);
  expect(consoleErrors).toEqual([]);
});

test('a person reading the article is said to be near before any request of theirs; starting a sync is not reading', async ({ page, consoleErrors }) => {
  // First run: the welcome article is open, read from no library, so nothing of the person's has been announced yet.
  await page.goto('/');
  const heading = page.frameLocator('iframe.reader-frame').getByRole('heading', { level: 1 });
  await expect(heading).toBeVisible();
  await recordPersonWords(page, LOCK);

  // Starting a sync, by key or button, says nothing.
  await page.keyboard.press('Shift+R');
  await page.getByRole('button', { name: 'Refresh' }).click();
  expect(await personWords(page)).toEqual([]);

  // The wheel over the article does (the pointer moving onto it does not).
  const frame = await page.locator('iframe.reader-frame').boundingBox();
  if (!frame) throw new Error('the reader frame is on screen');
  await page.mouse.move(frame.x + frame.width / 2, frame.y + frame.height / 2);
  expect(await personWords(page)).toEqual([]);
  await page.mouse.wheel(0, 200);
  await expect.poll(() => personWords(page)).toEqual(['person']);
  expect(consoleErrors).toEqual([]);
});

test('a person reading the list is said to be near before any request of theirs', async ({ page, consoleErrors }) => {
  await page.goto('/');
  const list = page.getByRole('listbox');
  await expect(list.getByRole('option')).toHaveCount(1);
  await recordPersonWords(page, LOCK);
  const box = await list.boundingBox();
  if (!box) throw new Error('the list is on screen');
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  await page.mouse.wheel(0, 200);
  await expect.poll(() => personWords(page)).toEqual(['person']);
  expect(consoleErrors).toEqual([]);
});
