/** What the journeys do again and again, done as a person would: with the keyboard and the visible controls. */
import type { BrowserContext, Locator, Page } from '@playwright/test';
import { expect } from '@playwright/test';
import type { FeedServer } from '../../support/feed-server';

/** A feed's row in the sidebar (its accessible name starts with the feed's title). */
export const sidebarFeed = (page: Page, title: string): Locator =>
  page.getByRole('navigation', { name: 'Feeds' }).getByRole('button', { name: new RegExp(`^${title}`) });

/** Opens the add-feed dialog with `a`, pastes the address (optionally into a new folder) and presses Subscribe. */
export async function submitAddFeed(page: Page, url: string, options: { newFolder?: string } = {}): Promise<Locator> {
  await page.keyboard.press('a');
  const dialog = page.getByRole('dialog', { name: 'Add a feed' });
  await dialog.getByLabel('Feed or site address').fill(url);
  if (options.newFolder) {
    await dialog.getByRole('combobox', { name: /^Folder/ }).selectOption({ label: 'New folder…' });
    await dialog.getByLabel('New folder name').fill(options.newFolder);
  }
  await dialog.getByRole('button', { name: 'Subscribe' }).click();
  return dialog;
}

/** Subscribes and waits until the dialog has closed (and, given its title, the feed is in the sidebar). */
export async function subscribe(page: Page, url: string, title?: string, options: { newFolder?: string } = {}): Promise<void> {
  const dialog = await submitAddFeed(page, url, options);
  await expect(dialog).toBeHidden();
  if (title) await expect(sidebarFeed(page, title)).toBeVisible();
}

/** Subscribes to the fixture's three-article "Test News" feed and waits until its three articles are listed. */
export async function subscribeToTestNews(page: Page, newsServer: FeedServer): Promise<void> {
  await subscribe(page, newsServer.url('/news.xml'), 'Test News');
  await expect(sidebarFeed(page, 'Test News')).toContainText('3');
  await expect(page.getByRole('listbox', { name: /^Test News articles/ }).getByRole('option')).toHaveCount(3);
}

/**
 * Takes the app off the network as a plane would: the feed server closes, every request except to the app's own host
 * is aborted (that host plays the part of Electron's app:// files: Chromium's offline mode would refuse to load the
 * page at all), the page reloads and the browser goes offline. Returns the requests that still tried the feed server.
 */
export async function goOffline(
  page: Page,
  context: BrowserContext,
  options: { appOrigin: string; feedServerOrigin: string; closeFeedServer: () => Promise<void> },
): Promise<string[]> {
  await options.closeFeedServer();
  const leaked: string[] = [];
  page.on('request', (request) => {
    if (request.url().startsWith(options.feedServerOrigin)) leaked.push(request.url());
  });
  await context.route('**/*', (route) => (route.request().url().startsWith(options.appOrigin) ? route.continue() : route.abort('internetdisconnected')));
  await page.reload();
  await context.setOffline(true);
  return leaked;
}

/** Opens Settings with Ctrl+, and walks its tabs down to Accounts with the arrow keys; returns the dialog. */
export async function openAccountsSettings(page: Page): Promise<Locator> {
  await page.keyboard.press('Control+Comma');
  const dialog = page.getByRole('dialog', { name: 'Settings' });
  await expect(dialog.getByRole('tab', { name: 'Appearance' })).toBeFocused();
  for (let i = 0; i < 3; i++) await page.keyboard.press('ArrowDown');
  await expect(dialog.getByRole('tab', { name: 'Accounts' })).toBeFocused();
  return dialog;
}

/** Opens "Import subscriptions (OPML)" from the palette, once the window is on screen; returns the dialog. */
export async function openOpmlImport(page: Page): Promise<Locator> {
  // As a person does: the window is on screen before a command is typed into the palette (keys typed before the
  // first render are not text for a palette that is not there yet; tests/unit/renderer/keyboard/early-keys).
  await expect(page.getByRole('region', { name: 'Articles' }).getByRole('listbox')).toBeVisible();
  await page.keyboard.press('Control+K');
  await page.keyboard.type('import opml');
  await page.keyboard.press('Enter');
  const dialog = page.getByRole('dialog', { name: 'Import subscriptions (OPML)' });
  await expect(dialog).toBeVisible();
  return dialog;
}
