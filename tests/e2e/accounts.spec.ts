/**
 * Accounts in the app: add a FreshRSS account in Settings with the keyboard, see its feeds and articles beside this
 * computer's, read and star one, and find both on the server. Axe-clean and screenshotted in light and dark.
 */
import type { FeedServer } from '../support/feed-server';
import { startFeedServer } from '../support/feed-server';
import { freshRssMissing, startFreshRss, type FreshRss } from '../support/freshrss';
import { publish, rawGReader } from '../support/freshrss-api';
import { expect, test } from './fixtures';
import { openAccountsSettings, sidebarFeed, subscribe } from './support/actions';
import { baseItems, newsRss } from './support/news-feed';
import { checkLightAndDark } from './support/screens';

const missing = freshRssMissing();
test.skip(missing !== null, missing ?? '');

let freshRss: FreshRss;
let feeds: FeedServer;

test.beforeAll(async () => {
  [freshRss, feeds] = await Promise.all([startFreshRss(), startFeedServer()]);
  feeds.setFeed('/local.xml', newsRss('Local News', feeds.origin, baseItems));
  const url = publish(feeds, '/remote.xml', 'Remote', 3);
  const raw = await rawGReader(freshRss);
  await raw.post('subscription/quickadd', [['quickadd', url]]);
  await freshRss.refresh();
});
test.afterAll(async () => {
  await Promise.all([freshRss?.stop(), feeds?.close()]);
});

test('adding a FreshRSS account with the keyboard brings its feeds and articles, and reading and starring reach the server', async ({ page, consoleErrors }) => {
  await page.emulateMedia({ colorScheme: 'light' });
  await page.goto('/');
  await subscribe(page, feeds.url('/local.xml'), 'Local News');

  // Settings → Accounts, by keyboard only.
  const dialog = await openAccountsSettings(page);
  await page.keyboard.press('Tab');
  await expect(dialog.getByLabel('Service')).toBeFocused();
  await expect(dialog.getByLabel('Service')).toHaveValue('freshrss');
  await page.keyboard.press('Tab');
  await page.keyboard.type(freshRss.url);
  await page.keyboard.press('Tab');
  await page.keyboard.type(freshRss.user);
  await page.keyboard.press('Tab');
  await page.keyboard.type('wrong-password');
  await expect(dialog.getByRole('note')).toContainText('unencrypted');
  await page.keyboard.press('Tab');
  await expect(dialog.getByRole('button', { name: 'Test connection' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(dialog.getByRole('alert')).toContainText('did not accept');
  // Back to the password field (Shift+Tab) to type the right one over the wrong one.
  await page.keyboard.press('Shift+Tab');
  await expect(dialog.getByLabel('Password', { exact: true })).toBeFocused();
  await page.keyboard.press('Control+A');
  await page.keyboard.type(freshRss.apiPassword);
  await page.keyboard.press('Enter');
  const added = dialog.getByRole('listitem', { name: /^FreshRSS/ });
  await expect(added).toContainText(/Last synced/);
  await expect(added).toContainText('1 feed');
  await checkLightAndDark(page, 'accounts-settings');
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();

  // The sidebar groups feeds by account; the account's feed shows its unread articles.
  const nav = page.getByRole('navigation', { name: 'Feeds' });
  await expect(nav.getByRole('heading', { name: 'On this computer' })).toBeVisible();
  await expect(nav.getByRole('heading', { name: /^FreshRSS/ })).toBeVisible();
  await expect(sidebarFeed(page, 'Remote')).toContainText('3');
  await sidebarFeed(page, 'Remote').click();
  const list = page.getByRole('listbox', { name: /^Remote articles/ });
  await expect(list.getByRole('option')).toHaveCount(3);
  await list.getByRole('option').first().click();
  const opened = (await list.getByRole('option').first().textContent()) ?? '';
  await expect(sidebarFeed(page, 'Remote')).toContainText('2');
  await page.keyboard.press('s');
  await checkLightAndDark(page, 'accounts-sidebar');

  // "Sync now" sends both to the server.
  await page.keyboard.press('Control+Comma');
  await dialog.getByRole('tab', { name: 'Accounts' }).click();
  await dialog.getByRole('button', { name: 'Sync now' }).click();
  await expect(dialog.getByRole('status')).toContainText('Synced');
  const raw = await rawGReader(freshRss);
  const titles = async (stream: string, query = '') => {
    const page = (await raw.get(`stream/contents/${stream}?output=json&n=50${query}`)) as { items: Array<{ title: string }> };
    return page.items.map((i) => i.title);
  };
  const title = /Remote \d+/.exec(opened)?.[0] ?? '';
  expect(title).not.toBe('');
  expect(await titles('user/-/state/com.google/starred')).toEqual([title]);
  expect(await titles('user/-/state/com.google/reading-list', '&xt=user/-/state/com.google/read')).not.toContain(title);
  expect(await titles('user/-/state/com.google/reading-list')).toContain(title);
  expect(consoleErrors).toEqual([]);
});
