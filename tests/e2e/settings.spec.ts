import path from 'node:path';
import type { Page } from '@playwright/test';
import { expect, screenshotDir, test } from './fixtures';
import { baseItems } from './support/news-feed';
import { sidebarFeed, subscribeToTestNews } from './support/actions';

const readerTitle = (page: Page) => page.frameLocator('iframe.reader-frame').getByRole('heading', { level: 1 });

/**
 * The value stored for setting `key`, read from the library itself. A choice shows in the dialog at once while its
 * write lands; a reload that comes before the write has landed cuts it off, so a test reloads only once it is stored.
 */
function storedSetting(page: Page, key: string): Promise<unknown> {
  return page.evaluate(
    (name) =>
      new Promise<unknown>((resolve, reject) => {
        const open = indexedDB.open('broadsheet');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const read = open.result.transaction('settings').objectStore('settings').get(name);
          read.onsuccess = () => {
            open.result.close();
            resolve((read.result as { value?: unknown } | undefined)?.value);
          };
        };
      }),
    key,
  );
}

async function openSettings(page: Page, section: string) {
  await page.keyboard.press('Control+Comma');
  const dialog = page.getByRole('dialog', { name: 'Settings' });
  await expect(dialog).toBeVisible();
  await dialog.getByRole('tab', { name: section }).click();
  return dialog;
}

test('the theme chosen in Settings applies at once and persists across a reload', async ({ page, consoleErrors }) => {
  await page.emulateMedia({ colorScheme: 'light' });
  await page.goto('/');
  const background = () => page.evaluate(() => getComputedStyle(document.body).backgroundColor);
  const light = await background();

  const dialog = await openSettings(page, 'Appearance');
  await dialog.getByLabel('Theme').selectOption('dark');
  await expect.poll(background).not.toBe(light);
  const dark = await background();
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();

  await page.reload();
  await expect(page.getByRole('navigation', { name: 'Feeds' })).toBeVisible();
  await expect.poll(background).toBe(dark);

  // The ⚙ button in the sidebar opens the same dialog, showing the stored choice.
  await page.getByRole('button', { name: 'Settings' }).click();
  await expect(page.getByRole('dialog', { name: 'Settings' }).getByLabel('Theme')).toHaveValue('dark');
  expect(consoleErrors).toEqual([]);
});

test('a value Settings cannot take is refused with a reason in the reader\'s words, and the field goes back to what is stored', async ({ page, consoleErrors }) => {
  await page.goto('/');
  const dialog = await openSettings(page, 'Reading');
  await dialog.getByLabel('Mark an article as read').selectOption('delay');
  const seconds = dialog.getByLabel('Seconds before it counts as read');
  await seconds.fill('45');
  await expect(seconds).toHaveValue('45');
  await seconds.fill('601');
  await expect(dialog.getByRole('alert')).toHaveText('Enter 600 or less.');
  await expect(seconds).toHaveValue('45');
  // A value it takes clears the reason.
  await seconds.fill('30');
  await expect(dialog.getByRole('alert')).toBeHidden();
  await expect.poll(() => storedSetting(page, 'markReadDelaySeconds')).toBe(30);
  await page.keyboard.press('Escape');
  await page.reload();
  await expect((await openSettings(page, 'Reading')).getByLabel('Seconds before it counts as read')).toHaveValue('30');
  expect(consoleErrors).toEqual([]);
});

test('the delay before an article counts as read goes down to 0 seconds (read as soon as it is open), a value the library keeps', async ({ page, consoleErrors }) => {
  await page.goto('/');
  const dialog = await openSettings(page, 'Reading');
  await dialog.getByLabel('Mark an article as read').selectOption('delay');
  const seconds = dialog.getByLabel('Seconds before it counts as read');
  await seconds.fill('1');
  await seconds.press('ArrowDown');
  await expect(seconds).toHaveValue('0');
  await expect(dialog.getByRole('alert')).toBeHidden();
  expect(await seconds.evaluate((input: HTMLInputElement) => input.validity.valid)).toBe(true);
  await expect.poll(() => storedSetting(page, 'markReadDelaySeconds')).toBe(0);
  await page.keyboard.press('Escape');
  await page.reload();
  await expect((await openSettings(page, 'Reading')).getByLabel('Seconds before it counts as read')).toHaveValue('0');
  expect(consoleErrors).toEqual([]);
});

test('rebinding "Next article" to L in Settings: L moves on, J no longer does, and reset brings J back', async ({ newsServer, page, consoleErrors }) => {
  await page.goto('/');
  await subscribeToTestNews(page, newsServer);

  let dialog = await openSettings(page, 'Keyboard');
  const row = dialog.getByRole('row', { name: /^Next article\b/ });
  await expect(row).toContainText('J');
  // Keys typed in the dialog stay in it: this j does not move the list behind (the first l below opens the first article).
  await page.keyboard.press('j');
  await dialog.getByRole('button', { name: 'Change keys of Next article' }).click();
  await expect(row).toContainText('Press a key');
  await page.keyboard.press('l');
  await expect(row.getByRole('cell').first()).toHaveText('L');

  // A key that another command has is shown, and not taken without asking.
  await dialog.getByRole('button', { name: 'Change keys of Previous article' }).click();
  await page.keyboard.press('l');
  await expect(dialog.getByRole('alert')).toContainText('already used by “Next article”');
  await dialog.getByRole('button', { name: 'Keep as it was' }).click();
  await expect(dialog.getByRole('row', { name: /^Previous article\b/ }).getByRole('cell').first()).toHaveText('K');

  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();

  await page.keyboard.press('l');
  await expect(readerTitle(page)).toHaveText(baseItems[0]!.title);
  await page.keyboard.press('j');
  await page.keyboard.press('l');
  // j did nothing: one more l reaches the second article, not the third.
  await expect(readerTitle(page)).toHaveText(baseItems[1]!.title);

  // The binding is stored: it survives a reload.
  await page.reload();
  await expect(sidebarFeed(page, 'Test News')).toBeVisible();
  dialog = await openSettings(page, 'Keyboard');
  await expect(dialog.getByRole('row', { name: /^Next article\b/ }).getByRole('cell').first()).toHaveText('L');
  await dialog.getByRole('button', { name: 'Reset keys of Next article' }).click();
  await expect(dialog.getByRole('row', { name: /^Next article\b/ }).getByRole('cell').first()).toHaveText('J');
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();

  await sidebarFeed(page, 'Test News').click();
  await expect(page.getByRole('listbox', { name: /^Test News articles/ }).getByRole('option')).toHaveCount(3);
  await page.keyboard.press('j');
  await expect(readerTitle(page)).toHaveText(baseItems[0]!.title);
  expect(consoleErrors).toEqual([]);
});

test('a library backup exported from Settings brings back the subscription and a bookmark after the library is wiped', async ({ newsServer, page }, testInfo) => {
  await page.goto('/');
  await subscribeToTestNews(page, newsServer);
  await page.keyboard.press('j');
  await expect(readerTitle(page)).toHaveText(baseItems[0]!.title);
  await page.keyboard.press('s');
  await expect(page.getByRole('button', { name: '★ Bookmarked' })).toBeVisible();

  let dialog = await openSettings(page, 'Backup');
  const downloading = page.waitForEvent('download');
  await dialog.getByRole('button', { name: 'Export library…' }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toMatch(/^broadsheet-library-\d{4}-\d{2}-\d{2}\.json$/);
  const backupPath = testInfo.outputPath('library.json');
  await download.saveAs(backupPath);
  await expect(dialog.getByRole('status')).toContainText('Exported 1 feed and 1 bookmark');

  // Wipe the library: delete the database, then start again.
  await page.evaluate(
    () =>
      new Promise<void>((resolve) => {
        const request = indexedDB.deleteDatabase('broadsheet');
        request.onsuccess = () => resolve();
        request.onerror = () => resolve();
        request.onblocked = () => resolve();
      }),
  );
  await page.reload();
  await expect(page.getByRole('note', { name: 'No subscriptions yet' })).toBeVisible();

  dialog = await openSettings(page, 'Backup');
  await dialog.getByLabel('Library backup file').setInputFiles(backupPath);
  await expect(dialog.getByRole('status')).toContainText('Restored 1 feed, 0 folders and 1 bookmark');
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();

  await expect(sidebarFeed(page, 'Test News')).toBeVisible();
  await page.getByRole('button', { name: /Bookmarks/ }).click();
  await expect(page.getByRole('listbox', { name: /Bookmarks articles/ }).getByRole('option')).toHaveText([new RegExp(baseItems[0]!.title)]);
});

for (const scheme of ['light', 'dark'] as const) {
  test(`settings dialog in ${scheme}`, async ({ newsServer, page }) => {
    await page.emulateMedia({ colorScheme: scheme });
    await page.setViewportSize({ width: 1280, height: 800 });
    await page.goto('/');
    await subscribeToTestNews(page, newsServer);
    const dialog = await openSettings(page, 'Appearance');
    await page.screenshot({ path: path.join(screenshotDir, `settings-${scheme}.png`) });
    await dialog.getByRole('tab', { name: 'Keyboard' }).click();
    await dialog.getByRole('button', { name: 'Change keys of Previous article' }).click();
    await page.keyboard.press('j');
    await expect(dialog.getByRole('alert')).toBeVisible();
    await page.screenshot({ path: path.join(screenshotDir, `settings-keyboard-${scheme}.png`) });
    await dialog.getByRole('tab', { name: 'Backup' }).click();
    await page.screenshot({ path: path.join(screenshotDir, `settings-backup-${scheme}.png`) });
    await dialog.getByRole('tab', { name: 'Storage' }).click();
    await expect(dialog.getByRole('region', { name: 'Storage used' })).toContainText('3 articles');
    await page.screenshot({ path: path.join(screenshotDir, `settings-storage-${scheme}.png`) });
  });
}

test('Storage reads a size under a kilobyte with its unit declined ("512 bytes", "1 byte")', async ({ newsServer, page }) => {
  await page.goto('/');
  await subscribeToTestNews(page, newsServer);
  // One article's image kept for offline reading, as the offline worker stores it: 512 bytes.
  const storeImage = (bytes: number) =>
    page.evaluate(
      (bytes) =>
        new Promise<void>((resolve, reject) => {
          const open = indexedDB.open('broadsheet');
          open.onerror = () => reject(open.error);
          open.onsuccess = () => {
            const db = open.result;
            const tx = db.transaction(['articles', 'images'], 'readwrite');
            const first = tx.objectStore('articles').openCursor();
            first.onsuccess = () => {
              const article = first.result?.value as { id: string } | undefined;
              if (!article) return reject(new Error('no article'));
              tx.objectStore('images').put({ url: 'https://news.example/picture.png', articleId: article.id, blob: new Blob([new Uint8Array(bytes)], { type: 'image/png' }), type: 'image/png', bytes, storedAt: Date.now() });
            };
            tx.oncomplete = () => (db.close(), resolve());
            tx.onerror = () => reject(tx.error);
          };
        }),
      bytes,
    );
  await storeImage(512);
  let dialog = await openSettings(page, 'Storage');
  const summary = dialog.getByRole('region', { name: 'Storage used' });
  await expect(summary).toContainText('1 image (512 bytes)');
  await expect(summary.getByRole('listitem')).toContainText('Test News: 1 image, 512 bytes');
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();

  await storeImage(1);
  dialog = await openSettings(page, 'Storage');
  await expect(dialog.getByRole('region', { name: 'Storage used' })).toContainText('1 image (1 byte)');
});

test('feed settings from the feed’s context menu: title, refresh interval, retention and full text are saved', async ({ newsServer, page, consoleErrors }) => {
  await page.goto('/');
  await subscribeToTestNews(page, newsServer);
  await sidebarFeed(page, 'Test News').click({ button: 'right' });
  await page.getByRole('menuitem', { name: 'Feed settings…' }).click();
  let dialog = page.getByRole('dialog', { name: 'Feed settings' });
  await expect(dialog.getByLabel('Title')).toHaveValue('Test News');
  await dialog.getByLabel('Title').fill('Morning Paper');
  await dialog.getByLabel('Check for new articles').selectOption({ label: 'Every hour' });
  await dialog.getByLabel('Keep articles').selectOption({ label: '30 days' });
  await dialog.getByLabel('Load the full article text').selectOption('on');
  await dialog.getByLabel('Keep images for reading offline').selectOption({ label: 'No' });
  await dialog.getByLabel('Notify me of new articles from this feed').uncheck();
  await dialog.getByRole('button', { name: 'Save' }).click();
  await expect(dialog).toBeHidden();
  await expect(sidebarFeed(page, 'Morning Paper')).toBeVisible();

  await page.reload();
  await sidebarFeed(page, 'Morning Paper').click({ button: 'right' });
  await page.getByRole('menuitem', { name: 'Feed settings…' }).click();
  dialog = page.getByRole('dialog', { name: 'Feed settings' });
  await expect(dialog.getByLabel('Check for new articles')).toHaveValue('60');
  await expect(dialog.getByLabel('Keep articles')).toHaveValue('30');
  await expect(dialog.getByLabel('Load the full article text')).toHaveValue('on');
  await expect(dialog.getByLabel('Keep images for reading offline')).toHaveValue('off');
  await expect(dialog.getByLabel('Notify me of new articles from this feed')).not.toBeChecked();
  // "As in Settings" hands the choice back to the app-wide setting.
  await dialog.getByLabel('Load the full article text').selectOption({ label: 'As in Settings' });
  await dialog.getByRole('button', { name: 'Save' }).click();
  await sidebarFeed(page, 'Morning Paper').click({ button: 'right' });
  await page.getByRole('menuitem', { name: 'Feed settings…' }).click();
  await expect(dialog.getByLabel('Load the full article text')).toHaveValue('');
  expect(consoleErrors).toEqual([]);
});

test('panes resize with the keyboard and the mouse, keep their widths, and fit an 800 px window', async ({ newsServer, page, consoleErrors }) => {
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.goto('/');
  await subscribeToTestNews(page, newsServer);
  const sidebarResizer = page.getByRole('separator', { name: 'Resize sidebar' });
  const listResizer = page.getByRole('separator', { name: 'Resize article list' });
  const sidebar = page.getByRole('navigation', { name: 'Feeds' });
  const list = page.getByRole('region', { name: 'Articles' });
  const reader = page.getByRole('region', { name: 'Reader' });
  const width = async (locator: typeof sidebar) => Math.round((await locator.boundingBox())!.width);

  await expect(sidebarResizer).toHaveAttribute('aria-valuenow', '260');
  await sidebarResizer.focus();
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowRight');
  await expect(sidebarResizer).toHaveAttribute('aria-valuenow', '292');
  await expect.poll(() => width(sidebar)).toBe(292);

  const box = (await listResizer.boundingBox())!;
  await page.mouse.move(box.x + box.width / 2, box.y + 300);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width / 2 + 60, box.y + 300, { steps: 4 });
  await page.mouse.move(box.x + box.width / 2 + 100, box.y + 300, { steps: 4 });
  await page.mouse.up();
  await expect(listResizer).toHaveAttribute('aria-valuenow', '480');
  await expect.poll(() => width(list)).toBe(480);

  // Dragging far right stops where the reader keeps 360 px.
  await page.mouse.move(box.x + box.width / 2 + 100, box.y + 300);
  await page.mouse.down();
  await page.mouse.move(box.x + 2000, box.y + 300, { steps: 4 });
  await page.mouse.up();
  await expect.poll(() => width(reader)).toBeGreaterThanOrEqual(359);
  await listResizer.focus();
  await page.keyboard.press('ArrowLeft');
  await expect(listResizer).toHaveAttribute('aria-valuenow', String(1280 - 292 - 360 - 16));

  // The widths are stored (after the drag settles) and come back after a reload.
  await expect.poll(() => storedSetting(page, 'paneWidths')).toEqual({ sidebar: 292, list: 1280 - 292 - 360 - 16 });
  await page.reload();
  await expect(sidebarResizer).toHaveAttribute('aria-valuenow', '292');
  await expect(listResizer).toHaveAttribute('aria-valuenow', String(1280 - 292 - 360 - 16));

  // In an 800 px window every pane keeps its minimum and the reader its 360 px.
  await page.setViewportSize({ width: 800, height: 600 });
  await expect.poll(() => width(sidebar)).toBe(180);
  await expect.poll(() => width(list)).toBe(260);
  await expect.poll(() => width(reader)).toBeGreaterThanOrEqual(359);
  await page.keyboard.press('j');
  await expect(readerTitle(page)).toHaveText(baseItems[0]!.title);
  await page.screenshot({ path: path.join(screenshotDir, 'narrow-800.png') });

  // A double-click puts a boundary back to its default.
  await page.setViewportSize({ width: 1280, height: 800 });
  await expect(sidebarResizer).toHaveAttribute('aria-valuenow', '292');
  await sidebarResizer.dblclick();
  await expect(sidebarResizer).toHaveAttribute('aria-valuenow', '260');
  expect(consoleErrors).toEqual([]);
});

test('desktop settings are stored, and "start hidden" waits for "start at login"', async ({ page }) => {
  await page.goto('/');
  let dialog = await openSettings(page, 'Desktop');
  await expect(dialog.getByText('this page runs in a browser')).toBeVisible();
  const hidden = dialog.getByLabel(/without opening the window/);
  await expect(hidden).toBeDisabled();
  await dialog.getByLabel('Start Broadsheet when I log in').check();
  await hidden.check();
  // Both show checked at once; the reload waits until both are stored (before, it could cut off the last write).
  await expect.poll(() => Promise.all([storedSetting(page, 'startAtLogin'), storedSetting(page, 'startHidden')])).toEqual([true, true]);
  await page.reload();
  await expect(page.getByRole('navigation', { name: 'Feeds' })).toBeVisible();
  dialog = await openSettings(page, 'Desktop');
  await expect(dialog.getByLabel('Start Broadsheet when I log in')).toBeChecked();
  await expect(dialog.getByLabel(/without opening the window/)).toBeChecked();
  await dialog.getByLabel('Start Broadsheet when I log in').uncheck();
  await expect(dialog.getByLabel(/without opening the window/)).not.toBeChecked();
});
