import path from 'node:path';
import type { Page } from '@playwright/test';
import { seedLibrary } from '../../bench/support/seed-library';
import { expect, screenshotDir, test } from './fixtures';

/** Big enough that building in one-article slices outlasts reloading and typing even on a loaded machine. */
const ARTICLES = 3000;

/** The result count the search box shows (0 while it shows none) and its indexing note, read together. */
async function searchState(page: Page): Promise<{ results: number; indexed: number | null }> {
  return page.evaluate(() => {
    const status = document.querySelector('.search-meta [role="status"]')?.textContent ?? '';
    const note = document.querySelector('.search-indexing')?.textContent ?? '';
    const indexing = /Indexing ([\d,]+) of/.exec(note);
    return {
      results: Number(/^(\d+)\+? results?$/.exec(status)?.[1] ?? 0),
      indexed: indexing ? Number(indexing[1]!.replace(/,/g, '')) : null,
    };
  });
}

test('while the index builds, the search box shows its progress and answers from what is indexed so far', async ({ page, consoleErrors }) => {
  test.setTimeout(180_000);
  // Slices of one article each, each reading its own article: the build of this small library takes long enough
  // to watch (seconds), doing the same work as a big library's build in bigger slices.
  await page.addInitScript(() => localStorage.setItem('broadsheet.searchSliceDocs', '1'));
  await page.goto('/');
  await page.getByRole('navigation', { name: 'Feeds' }).waitFor();
  await page.evaluate(() => ((globalThis as { __name?: unknown }).__name ??= (fn: unknown) => fn));
  await seedLibrary(page, { feeds: 30, articlesPerFeed: ARTICLES / 30, folders: 0, feedsInFolders: 0, contentEvery: 10, seed: 11, newest: Date.UTC(2025, 0, 15) });
  // Started again with a library and no saved index: the Worker builds it from scratch.
  await page.reload();
  await page.getByRole('navigation', { name: 'Feeds' }).waitFor();

  const box = page.getByRole('searchbox', { name: 'Search articles' });
  await page.keyboard.press('/');
  await expect(box).toBeFocused();
  await page.keyboard.type('nair');
  await expect(page.locator('.search-indexing')).toHaveText(/^Indexing [\d,]+ of 3,000$/);
  await expect(page.getByRole('progressbar', { name: 'Search index built so far' })).toBeVisible();

  // Results come from the part already indexed, and grow as the build goes on.
  let partial = { results: 0, indexed: 0 };
  await expect
    .poll(async () => {
      const state = await searchState(page);
      if (state.indexed !== null && state.indexed < ARTICLES && state.results > 0) partial = { results: state.results, indexed: state.indexed };
      return partial.results > 0;
    })
    .toBe(true);
  await page.screenshot({ path: path.join(screenshotDir, 'search-indexing-light.png') });
  await page.emulateMedia({ colorScheme: 'dark' });
  await page.screenshot({ path: path.join(screenshotDir, 'search-indexing-dark.png') });
  await page.emulateMedia({ colorScheme: 'light' });

  // Once built, the note goes and the same search finds more.
  await expect(page.locator('.search-indexing')).toHaveCount(0, { timeout: 90_000 });
  await expect.poll(async () => (await searchState(page)).results).toBeGreaterThan(partial.results);
  const first = page.getByRole('listbox', { name: 'Search articles' }).getByRole('option').first();
  await expect(first).toBeVisible();
  expect(consoleErrors).toEqual([]);
});
