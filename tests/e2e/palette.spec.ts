import path from 'node:path';
import { expect, screenshotDir, test } from './fixtures';
import { baseItems, newsRss } from './support/news-feed';
import { subscribe } from './support/actions';

test.beforeEach(({ newsServer }) => {
  newsServer.setFeed('/weather.xml', newsRss('Weather Desk', newsServer.origin, baseItems.slice(2)));
});

test('the command palette runs commands and goes to feeds, from the keyboard', async ({ newsServer, page, consoleErrors }) => {
  await page.goto('/');
  await subscribe(page, newsServer.url('/news.xml'), 'Test News');
  await subscribe(page, newsServer.url('/weather.xml'), 'Weather Desk');
  const palette = page.getByRole('dialog', { name: 'Command palette' });
  const listTitle = page.getByRole('region', { name: 'Articles' }).getByRole('heading', { level: 1 });

  await page.keyboard.press('Control+K');
  await expect(palette).toBeVisible();
  await page.keyboard.type('book');
  await expect(palette.getByRole('option').first()).toContainText('Go to Bookmarks');
  await page.keyboard.press('Enter');
  await expect(palette).toBeHidden();
  await expect(listTitle).toHaveText('Bookmarks');

  await page.keyboard.press('Control+K');
  await page.keyboard.type('test ne');
  await expect(palette.getByRole('option').first()).toContainText('Go to Test News');
  await page.keyboard.press('Enter');
  await expect(listTitle).toHaveText('Test News');

  // Arrows move through the results; Escape closes without running anything.
  await page.keyboard.press('Control+K');
  await page.keyboard.type('go to');
  const options = palette.getByRole('option');
  await expect(options.first()).toHaveAttribute('aria-selected', 'true');
  await page.keyboard.press('ArrowDown');
  await expect(options.nth(1)).toHaveAttribute('aria-selected', 'true');
  await page.keyboard.press('Escape');
  await expect(palette).toBeHidden();
  await expect(listTitle).toHaveText('Test News');

  // A command with keys shows them, and runs like its keys do.
  await page.keyboard.press('Control+K');
  await page.keyboard.type('keyboard shortcuts');
  await expect(palette.getByRole('option').first()).toContainText('?');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('dialog', { name: 'Keyboard shortcuts' })).toBeVisible();
  expect(consoleErrors).toEqual([]);
});

for (const scheme of ['light', 'dark'] as const) {
  test(`command palette in ${scheme}`, async ({ newsServer, page }) => {
    await page.emulateMedia({ colorScheme: scheme });
    await page.setViewportSize({ width: 1280, height: 800 });
    await page.goto('/');
    await subscribe(page, newsServer.url('/news.xml'), 'Test News');
    await page.keyboard.press('Control+K');
    await page.keyboard.type('go');
    await expect(page.getByRole('dialog', { name: 'Command palette' }).getByRole('option').first()).toBeVisible();
    await page.screenshot({ path: path.join(screenshotDir, `palette-${scheme}.png`) });
  });
}
