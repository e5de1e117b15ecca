/**
 * Feed icons in the sidebar: after the first sync the site's <link rel="icon"> is fetched once, stored in the library
 * and shown from there (also after a reload, without asking the site again); a site with no icon keeps its letter.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from '@playwright/test';
import type { FeedServer } from '../support/feed-server';
import { startFeedServer } from '../support/feed-server';
import { expect, screenshotDir, test } from './fixtures';
import { baseItems, newsRss } from './support/news-feed';
import { sidebarFeed, subscribe } from './support/actions';

const png = readFileSync(path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../fixtures/images/photo.png'));

let server: FeedServer;

test.beforeAll(async () => {
  server = await startFeedServer();
  // The iconic site lives under /site/: its page names its icon; the plain one (at /) has none and no /favicon.ico.
  server.setFeed('/iconic.xml', newsRss('Iconic Daily', `${server.origin}/site`, baseItems.slice(0, 2)));
  server.setFeed('/plain.xml', newsRss('Plain Times', server.origin, baseItems.slice(2)));
  server.route('/site/', (_req, res) => {
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    res.end('<!doctype html><html><head><title>Iconic</title><link rel="icon" href="/icon.png" sizes="32x32"></head><body>Hi</body></html>');
  });
  server.route('/icon.png', (_req, res) => {
    res.writeHead(200, { 'content-type': 'image/png', 'content-length': String(png.length) });
    res.end(png);
  });
});
test.afterAll(async () => {
  await server.close();
});

const iconOf = (page: Page, title: string) => sidebarFeed(page, title).locator('img.feed-favicon');
const naturalWidth = (page: Page, title: string) => iconOf(page, title).evaluate((image: HTMLImageElement) => (image.complete ? image.naturalWidth : 0));

for (const scheme of ['light', 'dark'] as const) {
  test(`the sidebar shows each site's icon after the first sync, kept offline (${scheme})`, async ({ page, consoleErrors }) => {
    server.clearRequests();
    await page.emulateMedia({ colorScheme: scheme });
    await page.goto('/');
    await page.getByRole('option', { name: /Welcome to Broadsheet/ }).waitFor();
    await subscribe(page, server.url('/iconic.xml'), 'Iconic Daily');
    await subscribe(page, server.url('/plain.xml'), 'Plain Times');

    await expect(iconOf(page, 'Iconic Daily')).toBeVisible();
    await expect.poll(() => naturalWidth(page, 'Iconic Daily')).toBeGreaterThan(0);
    // Shown from the library, not from the site.
    await expect(iconOf(page, 'Iconic Daily')).toHaveAttribute('src', /^blob:/);
    // The plain site has no icon (its page names none and /favicon.ico is missing): the letter stays.
    await expect.poll(() => server.requestsTo('/favicon.ico').length).toBeGreaterThan(0);
    await expect(sidebarFeed(page, 'Plain Times').locator('.feed-avatar')).toHaveText('P');
    await expect(iconOf(page, 'Plain Times')).toHaveCount(0);
    // The icon is no part of the feed's accessible name.
    await expect(sidebarFeed(page, 'Iconic Daily')).toHaveAccessibleName(/^Iconic Daily/);
    await page.screenshot({ path: path.join(screenshotDir, `favicons-${scheme}.png`) });

    // After a reload the stored icon is shown at once and the site is not asked again (once a week at most).
    await page.reload();
    await expect.poll(() => naturalWidth(page, 'Iconic Daily')).toBeGreaterThan(0);
    await expect(sidebarFeed(page, 'Plain Times').locator('.feed-avatar')).toHaveText('P');
    expect(server.requestsTo('/icon.png')).toHaveLength(1);
    expect(server.requestsTo('/site/')).toHaveLength(1);
    expect(consoleErrors).toEqual([]);
  });
}

test('unsubscribing deletes the feed icon from the library', async ({ page }) => {
  await page.goto('/');
  await page.getByRole('option', { name: /Welcome to Broadsheet/ }).waitFor();
  await subscribe(page, server.url('/iconic.xml'), 'Iconic Daily');
  await expect.poll(() => naturalWidth(page, 'Iconic Daily')).toBeGreaterThan(0);
  const storedIcons = () =>
    page.evaluate(
      () =>
        new Promise<number>((resolve, reject) => {
          const open = indexedDB.open('broadsheet');
          open.onerror = () => reject(open.error);
          open.onsuccess = () => {
            const request = open.result.transaction('images').objectStore('images').getAllKeys(IDBKeyRange.bound('favicon:', 'favicon:\uffff'));
            request.onsuccess = () => {
              resolve(request.result.length);
              open.result.close();
            };
          };
        }),
    );
  await expect.poll(storedIcons).toBe(1);
  await sidebarFeed(page, 'Iconic Daily').click({ button: 'right' });
  await page.getByRole('menuitem', { name: 'Unsubscribe' }).click();
  await expect(sidebarFeed(page, 'Iconic Daily')).toBeHidden();
  await expect.poll(storedIcons).toBe(0);
});
