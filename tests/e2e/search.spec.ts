import path from 'node:path';
import type { Page } from '@playwright/test';
import { expect, screenshotDir, test } from './fixtures';
import { newsRss } from './support/news-feed';
import { subscribe } from './support/actions';

test.beforeEach(({ newsServer }) => {
  newsServer.setFeed('/sport.xml', newsRss('Sport Daily', newsServer.origin, [
    { guid: 's1', title: 'Rain stops play at the cricket final', html: '<p>The umpires took the players off.</p>', ageHours: 2 },
  ]));
});

const results = (page: Page) => page.getByRole('listbox', { name: 'Search articles' }).getByRole('option');

test('search from the keyboard: as-you-type, typos, body text, operators, open a result, Escape back', async ({ newsServer, page, consoleErrors }) => {
  await page.goto('/');
  await subscribe(page, newsServer.url('/news.xml'), 'Test News');
  await subscribe(page, newsServer.url('/sport.xml'), 'Sport Daily');
  await expect(page.getByRole('heading', { level: 1, name: 'Sport Daily' })).toBeVisible();

  await page.keyboard.press('/');
  const box = page.getByRole('searchbox', { name: 'Search articles' });
  await expect(box).toBeFocused();

  // A prefix finds as you type, and the matched word is highlighted.
  await page.keyboard.type('cycl');
  await expect(results(page)).toHaveCount(1);
  await expect(results(page).first()).toContainText('City council approves the new cycling plan');
  await expect(results(page).first().locator('mark').first()).toHaveText(/cycl/i);

  // A typo still finds it.
  await box.fill('cyclnig');
  await expect(results(page).first()).toContainText('cycling plan');

  // Words only in the article body are found.
  await box.fill('Tupolev');
  await expect(results(page)).toHaveCount(1);
  await expect(results(page).first()).toContainText('Russia fighter jets');

  // Operators narrow: the same word in two feeds, then one feed.
  await box.fill('rain');
  await expect(results(page)).toHaveCount(2);
  await box.fill('rain feed:sport');
  await expect(results(page)).toHaveCount(1);
  await expect(results(page).first()).toContainText('cricket final');
  await box.fill('rain -cricket');
  await expect(results(page)).toHaveCount(1);
  await expect(results(page).first()).toContainText('Rain expected across the region');

  // Enter moves to the results; j/k and the reader work there.
  await page.keyboard.press('Enter');
  const reader = page.frameLocator('iframe.reader-frame');
  await expect(reader.getByRole('heading', { level: 1 })).toHaveText('Rain expected across the region this weekend');
  await page.screenshot({ path: path.join(screenshotDir, 'search-light.png') });

  // Escape returns to where the search started.
  await page.keyboard.press('Escape');
  await expect(page.getByRole('heading', { level: 1, name: 'Sport Daily' })).toBeVisible();
  expect(consoleErrors).toEqual([]);
});

test('a saved search shows in the sidebar with its unread count', async ({ newsServer, page }) => {
  await page.goto('/');
  await subscribe(page, newsServer.url('/news.xml'), 'Test News');
  await subscribe(page, newsServer.url('/sport.xml'), 'Sport Daily');
  await page.keyboard.press('/');
  await page.keyboard.type('rain');
  await expect(results(page)).toHaveCount(2);
  await page.getByRole('button', { name: 'Save search' }).click();
  const dialog = page.getByRole('dialog', { name: 'Save search' });
  await dialog.getByLabel('Name in the sidebar').fill('Weather');
  await dialog.getByRole('button', { name: 'Save' }).click();
  const saved = page.getByRole('list', { name: 'Saved searches' }).getByRole('button', { name: /^Weather/ });
  await expect(saved).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(saved).toContainText('2');
  // Reading one of them lowers the count.
  await saved.click();
  await expect(results(page)).toHaveCount(2);
  await results(page).first().click();
  await page.getByRole('button', { name: /All unread/ }).click();
  await expect(saved).toContainText('1');
  await page.emulateMedia({ colorScheme: 'dark' });
  await page.screenshot({ path: path.join(screenshotDir, 'saved-search-dark.png') });
});

test('results of a new search start at the top, however far the list was scrolled before', async ({ newsServer, page }) => {
  newsServer.setFeed('/harbour.xml', newsRss('Harbour Weekly', newsServer.origin, Array.from({ length: 120 }, (_, n) => ({
    guid: `h${n}`,
    title: `${n % 2 === 0 ? 'Harbour' : 'Harvest'} report number ${n}`,
    html: `<p>Ships and tides, week ${n}.</p>`,
    ageHours: n + 1,
  }))));
  await page.goto('/');
  await subscribe(page, newsServer.url('/harbour.xml'), 'Harbour Weekly');
  const list = page.getByRole('listbox', { name: 'Harbour Weekly articles' });
  await expect(list.getByRole('option').first()).toBeVisible();
  // Down to the end of the feed's 120 articles, as a reader scrolling through it.
  await list.evaluate((element) => void (element.scrollTop = element.scrollHeight));
  await expect(list.locator('[aria-posinset="120"]')).toBeVisible();

  await page.keyboard.press('/');
  await page.keyboard.type('harbour');
  const first = results(page).first();
  await expect(first).toHaveAttribute('aria-posinset', '1');
  await expect(first).toBeInViewport();
  await expect(page.getByRole('listbox', { name: 'Search articles' })).toHaveJSProperty('scrollTop', 0);

  // Cleared and typed again: the new results start at the top too, even after scrolling the previous ones.
  const box = page.getByRole('searchbox', { name: 'Search articles' });
  await page.getByRole('listbox', { name: 'Search articles' }).evaluate((element) => void (element.scrollTop = element.scrollHeight));
  await box.fill('');
  await box.pressSequentially('harv');
  await expect(results(page).first()).toContainText('Harvest report number 1');
  await expect(results(page).first()).toBeInViewport();
  await expect(page.getByRole('listbox', { name: 'Search articles' })).toHaveJSProperty('scrollTop', 0);
});
