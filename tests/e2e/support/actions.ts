/** What the journeys do again and again, done as a person would: with the keyboard and the visible controls. */
import type { Locator, Page } from '@playwright/test';
import { expect } from '@playwright/test';

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
