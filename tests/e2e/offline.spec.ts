/**
 * Offline for real: full text and images are stored while online; with the feed server gone and the network
 * blocked, the reader still shows the full text with its image from the store, and read/star keep working.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Page } from '@playwright/test';
import type { FeedServer } from '../support/feed-server';
import { startFeedServer } from '../support/feed-server';
import { expect, screenshotDir, test } from './fixtures';
import { newsRss, type NewsItem } from './support/news-feed';
import { goOffline } from './support/actions';

const fixtures = path.resolve(screenshotDir, '../../fixtures');
const png = readFileSync(path.join(fixtures, 'images/photo.png'));
const articlePage = readFileSync(path.join(fixtures, 'pages/news-article.html'), 'utf8');

let server: FeedServer;
let feedServerOrigin: string;

const summaryItem = (guid: string, title: string, ageHours: number): NewsItem => ({
  guid,
  title,
  ageHours,
  html: `<p>A short summary of ${title}.</p><img src="__ORIGIN__/images/summary-${guid}.png" alt="Summary photo" width="48" height="32">`,
});

function publish(items: NewsItem[]): void {
  server.setFeed('/offline.xml', newsRss('Offline News', server.origin, items.map((item) => ({ ...item, html: item.html.replaceAll('__ORIGIN__', server.origin) }))));
}

test.beforeAll(async () => {
  server = await startFeedServer();
  feedServerOrigin = server.origin;
  const sendPng = (_req: unknown, res: import('node:http').ServerResponse) => {
    res.writeHead(200, { 'content-type': 'image/png', 'content-length': String(png.length) });
    res.end(png);
  };
  for (const route of ['/images/bridge.png', '/images/summary-first.png', '/images/summary-second.png']) server.route(route, sendPng);
  for (const guid of ['first', 'second']) {
    server.route(`/articles/${guid}`, (_req, res) => {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      res.end(articlePage);
    });
  }
});
test.afterAll(async () => {
  await server.close();
});

async function storedCounts(page: Page): Promise<{ images: string[]; fullTexts: number }> {
  return page.evaluate(
    () =>
      new Promise((resolve, reject) => {
        const open = indexedDB.open('broadsheet');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const db = open.result;
          const tx = db.transaction(['images', 'contents'], 'readonly');
          const images = tx.objectStore('images').getAllKeys();
          const contents = tx.objectStore('contents').getAll();
          tx.oncomplete = () => {
            // Feed icons (favicon:<feedId>) live in the same table; only article images count here.
            resolve({ images: (images.result as string[]).filter((key) => !key.startsWith('favicon:')).map((url) => url.replace(/^.*\//, '')).sort(), fullTexts: (contents.result as Array<{ fullText?: string | null }>).filter((c) => c.fullText).length });
            db.close();
          };
        };
      }),
  );
}

/** The first image of the article in the reader frame, read from the parent page (the frame runs no scripts). */
function readerImage(page: Page): Promise<{ src: string; naturalWidth: number; complete: boolean } | null> {
  return page.evaluate(() => {
    const frame = document.querySelector<HTMLIFrameElement>('iframe.reader-frame');
    const img = frame?.contentDocument?.querySelector<HTMLImageElement>('.content img');
    return img ? { src: img.getAttribute('src') ?? '', naturalWidth: img.naturalWidth, complete: img.complete } : null;
  });
}

test('full text and images are stored, then read with the feed server gone and the network blocked', async ({ page, context, browserHost }) => {
  publish([summaryItem('first', 'Harbour bridge reopens', 1)]);
  await page.goto('/');

  // Subscribe, then turn full text on for this feed in its settings.
  await page.keyboard.press('a');
  const dialog = page.getByRole('dialog', { name: 'Add a feed' });
  await dialog.getByLabel('Feed or site address').fill(server.url('/offline.xml'));
  await dialog.getByRole('button', { name: 'Subscribe' }).click();
  await expect(dialog).toBeHidden();
  const feed = page.getByRole('navigation', { name: 'Feeds' }).getByRole('button', { name: /^Offline News/ });
  await feed.click({ button: 'right' });
  await page.getByRole('menuitem', { name: 'Feed settings…' }).click();
  const settings = page.getByRole('dialog', { name: 'Feed settings' });
  await settings.getByLabel(/Load the full article text/).selectOption('on');
  await settings.getByRole('button', { name: 'Save' }).click();
  await expect(settings).toBeHidden();

  // A new article arrives: its full text and its images are stored by themselves.
  publish([summaryItem('second', 'Toll booths stay open', 0), summaryItem('first', 'Harbour bridge reopens', 1)]);
  await page.keyboard.press('r');
  const list = page.getByRole('listbox', { name: /Offline News articles/ });
  await expect(list.getByRole('option')).toHaveCount(2);
  await expect.poll(() => storedCounts(page), { timeout: 15_000 }).toEqual({ images: ['bridge.png', 'summary-first.png'], fullTexts: 1 });

  // The older article gets its full text on demand (shift+F).
  await list.getByRole('option', { name: /Harbour bridge reopens/ }).click();
  const reader = page.frameLocator('iframe.reader-frame');
  await expect(reader.locator('.content')).toContainText('A short summary');
  await page.keyboard.press('Shift+F');
  await expect(reader.locator('.content')).toContainText('flasks of tea');
  await expect.poll(() => storedCounts(page)).toEqual({ images: ['bridge.png', 'summary-first.png'], fullTexts: 2 });

  const leaked = await goOffline(page, context, { appOrigin: browserHost.url, feedServerOrigin, closeFeedServer: () => server.close() });
  await expect(page.getByRole('status').getByText('Offline', { exact: true })).toBeVisible();
  // The older article, opened just before the reload into offline, is still read: only the new one is unread.
  await expect(feed).toContainText('1');

  await page.getByRole('navigation', { name: 'Feeds' }).getByRole('button', { name: /^Offline News/ }).click();
  await list.getByRole('option', { name: /Toll booths stay open/ }).click();
  await expect(reader.locator('.content')).toContainText('reopened to traffic on Monday morning');
  await expect(reader.locator('.content')).not.toContainText('Mega Phone');
  await expect.poll(() => readerImage(page)).toMatchObject({ src: expect.stringMatching(/^blob:/) as unknown as string, complete: true });
  expect((await readerImage(page))?.naturalWidth).toBeGreaterThan(0);

  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    await expect.poll(async () => (await readerImage(page))?.naturalWidth ?? 0).toBeGreaterThan(0);
    await page.screenshot({ path: path.join(screenshotDir, `offline-reader-${scheme}.png`) });
  }

  // Read and star still work offline, and persist. Opening it marked it read (a moment after it showed): m, pressed
  // once that has landed, makes it unread again.
  await expect(page.getByRole('button', { name: 'Mark unread' })).toBeVisible();
  await page.keyboard.press('s');
  await expect(page.getByRole('button', { name: '★ Bookmarked' })).toBeVisible();
  await page.keyboard.press('m');
  await expect(page.getByRole('button', { name: 'Mark read' })).toBeVisible();
  await expect(feed).toContainText('1');
  await context.setOffline(false);
  await page.reload();
  await context.setOffline(true);
  await expect(page.getByRole('status').getByText('Offline', { exact: true })).toBeVisible();
  await expect(feed).toContainText('1');
  await page.getByRole('button', { name: /Bookmarks/ }).click();
  await page.getByRole('listbox', { name: /Bookmarks articles/ }).getByRole('option', { name: /Toll booths stay open/ }).click();
  await expect(page.getByRole('button', { name: '★ Bookmarked' })).toBeVisible();
  await expect.poll(async () => (await readerImage(page))?.src ?? '').toMatch(/^blob:/);

  expect(leaked).toEqual([]);
});
