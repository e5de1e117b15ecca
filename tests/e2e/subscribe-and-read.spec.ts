import path from 'node:path';
import { expect, screenshotDir, test } from './fixtures';
import { baseItems, newsRss } from './support/news-feed';
import { sidebarFeed, submitAddFeed, subscribe } from './support/actions';

test('subscribe to a feed, read it from the keyboard, bookmark, and get new articles on refresh', async ({ newsServer, page, consoleErrors }) => {
  await page.goto('/');
  await expect(page.getByRole('note', { name: 'No subscriptions yet' })).toBeVisible();

  const dialog = await submitAddFeed(page, newsServer.url('/news.xml'));
  await expect(dialog).toBeHidden();
  const feed = sidebarFeed(page, 'Test News');
  await expect(feed).toContainText('3');
  const list = page.getByRole('listbox', { name: /Test News articles/ });
  await expect(list.getByRole('option')).toHaveCount(3);

  // j opens the newest article, which is then read.
  await page.keyboard.press('j');
  const reader = page.frameLocator('iframe.reader-frame');
  await expect(reader.getByRole('heading', { level: 1 })).toHaveText(baseItems[0]!.title);
  await expect(reader.locator('.content')).toContainText('Tupolev Tu-95 jets had taken off from Russia');
  await expect(feed).toContainText('2');
  await expect(page).toHaveTitle('Broadsheet (2)');

  // k at the top stays; j moves on and marks the next one read too.
  await page.keyboard.press('j');
  await expect(reader.getByRole('heading', { level: 1 })).toHaveText(baseItems[1]!.title);
  await expect(feed).toContainText('1');

  // s bookmarks; it shows up in Bookmarks.
  await page.keyboard.press('s');
  await expect(page.getByRole('button', { name: '★ Bookmarked' })).toBeVisible();
  await page.keyboard.press('g');
  await page.keyboard.press('s');
  await expect(page.getByRole('listbox', { name: /Bookmarks articles/ }).getByRole('option')).toHaveText([new RegExp(baseItems[1]!.title)]);

  // m toggles read back.
  await feed.click();
  await page.getByRole('option', { name: new RegExp(baseItems[0]!.title) }).click();
  await page.keyboard.press('m');
  await expect(feed).toContainText('2');

  // The newsServer publishes an article; r refreshes the feed and it arrives.
  newsServer.setFeed('/news.xml', newsRss('Test News', newsServer.origin, [{ guid: 'fresh', title: 'Breaking: the bridge reopens', html: '<p>Traffic flows again.</p>', ageHours: 0 }, ...baseItems]));
  await page.keyboard.press('r');
  await expect(list.getByRole('option', { name: /Breaking: the bridge reopens/ })).toBeVisible();
  await expect(feed).toContainText('3');

  // Everything survives a reload.
  await page.reload();
  await expect(sidebarFeed(page, 'Test News')).toContainText('3');
  await page.getByRole('button', { name: /Bookmarks/ }).click();
  await expect(page.getByRole('listbox', { name: /Bookmarks articles/ }).getByRole('option')).toHaveCount(1);
  expect(consoleErrors).toEqual([]);
});

test('an article opened just before the window reloads stays read', async ({ newsServer, page }) => {
  await page.goto('/');
  await subscribe(page, newsServer.url('/news.xml'));
  const feed = sidebarFeed(page, 'Test News');
  await expect(feed).toContainText('3');
  // Open it and reload as soon as it shows, mostly while its "mark read on open" is still waiting to be written (on
  // a busy machine the write may land first: the test then proves less, and is still right).
  await page.getByRole('listbox', { name: /Test News articles/ }).getByRole('option').first().click();
  await expect(page.getByRole('button', { name: 'Mark read' }).or(page.getByRole('button', { name: 'Mark unread' }))).toBeVisible();
  await page.reload();
  await expect(sidebarFeed(page, 'Test News')).toContainText('2');
  await expect(page).toHaveTitle('Broadsheet (2)');
});

test('mark all read with shift+A empties the unread view', async ({ newsServer, page }) => {
  await page.goto('/');
  await subscribe(page, newsServer.url('/news.xml'));
  const feed = sidebarFeed(page, 'Test News');
  await expect(feed).toContainText('3');
  await page.keyboard.press('Shift+A');
  await expect(feed).not.toContainText('3');
  await page.getByRole('button', { name: /All unread/ }).click();
  await expect(page.getByText('All caught up.')).toBeVisible();
});

test('subscribe by site address: discovery offers the feeds the page links to', async ({ newsServer, page }) => {
  await page.goto('/');
  const dialog = await submitAddFeed(page, newsServer.url('/html/with-alternate'));
  const found = dialog.getByRole('group', { name: /Feeds found on it/ });
  // The page's <link rel=alternate> feeds come first; well-known paths that answered with a feed follow.
  await expect(found.getByRole('button').nth(0)).toContainText(newsServer.url('/feed.xml'));
  await expect(found.getByRole('button').nth(1)).toContainText(newsServer.url('/atom.xml'));
  await found.getByRole('button').first().click();
  await expect(dialog).toBeHidden();
  await expect(page.getByRole('listbox', { name: /articles/ }).getByRole('option').first()).toBeVisible();
});

test('a broken feed shows its error on that feed while the others sync', async ({ newsServer, page }) => {
  await page.goto('/');
  await subscribe(page, newsServer.url('/news.xml'));
  await expect(sidebarFeed(page, 'Test News')).toContainText('3');
  const dialog = await submitAddFeed(page, newsServer.url('/status/500'));
  await expect(dialog.getByRole('alert')).toContainText('500');
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  await expect(sidebarFeed(page, 'Test News')).toContainText('3');
});

for (const scheme of ['light', 'dark'] as const) {
  test(`reading screen in ${scheme}`, async ({ newsServer, page }) => {
    await page.emulateMedia({ colorScheme: scheme });
    await page.setViewportSize({ width: 1280, height: 800 });
    await page.goto('/');
    await subscribe(page, newsServer.url('/news.xml'));
    await expect(sidebarFeed(page, 'Test News')).toContainText('3');
    await page.keyboard.press('j');
    await expect(page.frameLocator('iframe.reader-frame').getByRole('heading', { level: 1 })).toBeVisible();
    await page.screenshot({ path: path.join(screenshotDir, `reading-${scheme}.png`) });
  });
}
