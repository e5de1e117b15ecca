import type { Page } from '@playwright/test';
import { seedLibrary } from '../../bench/support/seed-library';
import { expect, test } from './fixtures';

/** The saved index's file in the origin's private file system (renderer/search/snapshot-store.ts), or null. */
async function snapshotFile(page: Page): Promise<{ name: string; size: number } | null> {
  return page.evaluate(async () => {
    const dir = await navigator.storage.getDirectory();
    for await (const [name, handle] of (dir as unknown as { entries(): AsyncIterable<[string, FileSystemHandle]> }).entries()) {
      if (name.startsWith('search-index-') && handle.kind === 'file') return { name, size: (await (handle as FileSystemFileHandle).getFile()).size };
    }
    return null;
  });
}

/** How the index became usable after this page load: from the saved snapshot, or built anew. */
async function indexSource(page: Page): Promise<'snapshot' | 'built'> {
  await page.waitForFunction(() => performance.getEntriesByName('broadsheet:search-usable').length > 0, undefined, { timeout: 60_000 });
  return page.evaluate(() => {
    const mark = performance.getEntriesByName('broadsheet:search-usable')[0] as PerformanceMark;
    return (mark.detail as { loadMs: number | null }).loadMs === null ? 'built' : 'snapshot';
  });
}

async function searchFor(page: Page, words: string): Promise<string[]> {
  await page.keyboard.press('/');
  const box = page.getByRole('searchbox', { name: 'Search articles' });
  await expect(box).toBeFocused();
  await box.fill(words);
  await expect(page.locator('.search-meta [role="status"]')).toHaveText(/results?$/);
  await expect(page.locator('.search-indexing')).toHaveCount(0, { timeout: 60_000 });
  const list = page.getByRole('listbox', { name: 'Search articles' }).getByRole('option');
  await expect(list.first()).toBeVisible();
  const status = await page.locator('.search-meta [role="status"]').textContent();
  return [status ?? '', ...(await list.locator('.row-title').allTextContents()).slice(0, 5)];
}

test('after a restart search answers from the saved index file; a damaged file is rebuilt with the same results', async ({ page, consoleErrors }) => {
  test.setTimeout(180_000);
  await page.goto('/');
  await page.getByRole('navigation', { name: 'Feeds' }).waitFor();
  await page.evaluate(() => ((globalThis as { __name?: unknown }).__name ??= (fn: unknown) => fn));
  await seedLibrary(page, { feeds: 10, articlesPerFeed: 40, folders: 0, feedsInFolders: 0, contentEvery: 5, seed: 5, newest: Date.UTC(2025, 0, 15) });

  // Started with a library and no saved index: built, then saved to a file.
  await page.reload();
  await page.getByRole('navigation', { name: 'Feeds' }).waitFor();
  expect(await indexSource(page)).toBe('built');
  await expect.poll(() => snapshotFile(page), { timeout: 60_000 }).not.toBeNull();
  const built = await searchFor(page, 'harvest');

  // Restarted: the index comes from the file, and finds the same.
  await page.reload();
  await page.getByRole('navigation', { name: 'Feeds' }).waitFor();
  expect(await indexSource(page)).toBe('snapshot');
  expect(await searchFor(page, 'harvest')).toEqual(built);

  // The file cut short (a crash while saving, a damaged disk): rebuilt from the library, same results, no error.
  const file = (await snapshotFile(page))!;
  await page.evaluate(async ({ name, size }) => {
    const handle = await (await navigator.storage.getDirectory()).getFileHandle(name);
    const writable = await handle.createWritable({ keepExistingData: true });
    await writable.truncate(Math.floor(size / 2));
    await writable.close();
  }, file);
  await page.reload();
  await page.getByRole('navigation', { name: 'Feeds' }).waitFor();
  expect(await indexSource(page)).toBe('built');
  expect(await searchFor(page, 'harvest')).toEqual(built);
  expect(consoleErrors).toEqual([]);
});
