import path from 'node:path';
import { expect, screenshotDir, test } from './fixtures';

test.describe('first run', () => {
  test('loads with no console errors and shows the empty state', async ({ page, consoleErrors }) => {
    await page.goto('/');
    await expect(page.getByRole('navigation', { name: 'Feeds' })).toBeVisible();
    await expect(page.getByRole('note', { name: 'No subscriptions yet' })).toContainText('No feeds yet');
    await expect(page.getByRole('button', { name: 'Add a feed' })).toBeVisible();
    // The footer counts feeds only when the page is connected to its host.
    await expect(page.getByText('0 feeds')).toBeVisible();
    await expect(page.frameLocator('iframe.reader-frame').getByRole('heading', { level: 1 })).toHaveText('Welcome to Broadsheet');
    expect(consoleErrors).toEqual([]);
  });

  test('opens the bundled welcome article with the keyboard shortcuts', async ({ page, consoleErrors }) => {
    await page.goto('/');
    await page.getByRole('option', { name: /Welcome to Broadsheet/ }).click();
    const reader = page.frameLocator('iframe.reader-frame');
    await expect(reader.getByRole('heading', { level: 1 })).toHaveText('Welcome to Broadsheet');
    await expect(reader.getByRole('row', { name: /Next article/ })).toContainText('J');
    await expect(reader.getByRole('row', { name: /Command palette/ })).toContainText('Ctrl+K');
    expect(consoleErrors).toEqual([]);
  });

  test('runs no script inside the article frame', async ({ page }) => {
    await page.goto('/');
    await expect(page.locator('iframe.reader-frame')).toHaveAttribute('sandbox', 'allow-same-origin');
  });

  for (const scheme of ['light', 'dark'] as const) {
    test(`follows the system ${scheme} theme`, async ({ page }) => {
      await page.emulateMedia({ colorScheme: scheme });
      await page.goto('/');
      await expect(page.getByRole('option', { name: /Welcome to Broadsheet/ })).toBeVisible();
      const background = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
      expect(background).toBe(scheme === 'light' ? 'rgb(251, 250, 247)' : 'rgb(28, 29, 33)');
      const readerBackground = await page
        .frameLocator('iframe.reader-frame')
        .locator('html')
        .evaluate((element) => getComputedStyle(element).backgroundColor);
      expect(readerBackground).toBe(background);
      await page.screenshot({ path: path.join(screenshotDir, `first-run-${scheme}.png`) });
    });
  }

  test('shows the shortcut sheet on ? and closes it with Escape', async ({ page }) => {
    await page.goto('/');
    await page.getByRole('option', { name: /Welcome to Broadsheet/ }).waitFor();
    await page.keyboard.press('Shift+Slash');
    const sheet = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
    await expect(sheet).toBeVisible();
    await expect(sheet.getByRole('row', { name: /Toggle bookmark/ })).toContainText('S');
    await page.keyboard.press('Escape');
    await expect(sheet).toBeHidden();
  });
});
