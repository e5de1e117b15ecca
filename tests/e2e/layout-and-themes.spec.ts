import path from 'node:path';
import { expect, screenshotDir, test } from './fixtures';
import { newsRss } from './support/news-feed';
import { subscribe } from './support/actions';

test.beforeEach(({ newsServer }) => {
  newsServer.setFeed('/sport.xml', newsRss('Sport Daily', newsServer.origin, [{ guid: 's1', title: 'Cup final tonight', html: '<p>Kick-off at eight.</p>', ageHours: 1 }]));
});

test('the sepia theme warms the app and the reader', async ({ newsServer, page }) => {
  await page.goto('/');
  await subscribe(page, newsServer.url('/news.xml'));
  await page.keyboard.press('j');
  await page.keyboard.press('Control+Comma');
  const settings = page.getByRole('dialog', { name: 'Settings' });
  await settings.getByLabel('Theme').selectOption('sepia');
  await page.keyboard.press('Escape');
  await expect(settings).toBeHidden();
  await expect.poll(() => page.evaluate(() => getComputedStyle(document.body).backgroundColor)).toBe('rgb(246, 239, 223)');
  const reader = page.frameLocator('iframe.reader-frame');
  await expect.poll(() => reader.locator('html').evaluate((element) => getComputedStyle(element).backgroundColor)).toBe('rgb(246, 239, 223)');
  await page.screenshot({ path: path.join(screenshotDir, 'sepia.png') });
});

test('arrow keys move the focus between the sidebar, the list and the reader', async ({ newsServer, page }) => {
  await page.goto('/');
  await subscribe(page, newsServer.url('/news.xml'));
  await page.keyboard.press('j');
  await page.getByRole('listbox', { name: /Test News articles/ }).focus();
  await page.keyboard.press('ArrowLeft');
  await expect(page.getByRole('navigation', { name: 'Feeds' }).getByRole('button', { name: /^Test News/ })).toBeFocused();
  await page.keyboard.press('ArrowRight');
  await expect(page.getByRole('listbox', { name: /Test News articles/ })).toBeFocused();
  await page.keyboard.press('ArrowRight');
  await expect(page.locator('iframe.reader-frame')).toBeFocused();
  await page.keyboard.press('ArrowLeft');
  await expect(page.getByRole('listbox', { name: /Test News articles/ })).toBeFocused();
});

test('a folder dragged onto another takes its place', async ({ newsServer, page }) => {
  await page.goto('/');
  await subscribe(page, newsServer.url('/news.xml'), undefined, { newFolder: 'World' });
  await subscribe(page, newsServer.url('/sport.xml'), undefined, { newFolder: 'Sport' });
  const folders = page.getByRole('list', { name: 'Subscriptions' }).locator('.folder-item');
  await expect(folders).toHaveText([/^World/, /^Sport/]);
  await page.locator('.folder-row', { hasText: 'Sport' }).dragTo(page.locator('.folder-row', { hasText: 'World' }));
  await expect(folders).toHaveText([/^Sport/, /^World/]);
  await page.reload();
  await expect(folders).toHaveText([/^Sport/, /^World/]);
});
