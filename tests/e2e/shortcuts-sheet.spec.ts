/** The `?` sheet lists the keys that work now: a key rebound in Settings → Keyboard shows there, the old one does not. */
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { checkLightAndDark } from './support/screens';

/** In Settings → Keyboard, as a person does it: "Next article" rebound to L, and "Import OPML…" (no key of its own until now) given I. */
async function rebindNextArticleAndImport(page: Page): Promise<void> {
  await page.keyboard.press('Control+Comma');
  const settings = page.getByRole('dialog', { name: 'Settings' });
  await settings.getByRole('tab', { name: 'Keyboard' }).click();
  await settings.getByRole('button', { name: 'Change keys of Next article' }).click();
  await page.keyboard.press('l');
  await expect(settings.getByRole('row', { name: /^Next article\b/ }).getByRole('cell').first()).toHaveText('L');
  await settings.getByRole('button', { name: /^Change keys of Import OPML…$/ }).click();
  await page.keyboard.press('i');
  await expect(settings.getByRole('row', { name: /^Import OPML…/ }).getByRole('cell').first()).toHaveText('I');
  await page.keyboard.press('Escape');
  await expect(settings).toBeHidden();
}

test('after "Next article" is rebound to L and "Import OPML…" given I, the ? sheet shows L and I', async ({ page, consoleErrors }) => {
  await page.goto('/');
  await rebindNextArticleAndImport(page);

  await page.keyboard.press('?');
  const sheet = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
  await expect(sheet.getByRole('row', { name: /^Next article\b/ })).toHaveText(/^Next articleL$/);
  await expect(sheet.getByRole('row', { name: /^Import OPML…/ })).toContainText('I');
  await checkLightAndDark(page, 'shortcuts-sheet-rebound');
  expect(consoleErrors).toEqual([]);
});

test('the welcome article lists the keys as rebound, also while it is open', async ({ page, consoleErrors }) => {
  await page.goto('/');
  const reader = page.frameLocator('iframe.reader-frame');
  await expect(reader.getByRole('row', { name: /^Next article\b/ })).toHaveText(/^Next articleJ$/);
  await rebindNextArticleAndImport(page);

  await expect(reader.getByRole('row', { name: /^Next article\b/ })).toHaveText(/^Next articleL$/);
  await expect(reader.getByRole('row', { name: /^Import OPML…/ })).toHaveText(/^Import OPML…I$/);
  // And after a restart, from the stored bindings.
  await page.reload();
  await expect(page.frameLocator('iframe.reader-frame').getByRole('row', { name: /^Next article\b/ })).toHaveText(/^Next articleL$/);
  expect(consoleErrors).toEqual([]);
});
