import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { subscribe } from './support/actions';

/**
 * Keeps the article list from loading, as a slow disk would: a read-write IndexedDB transaction over the articles
 * store, kept open until `release` is called, makes the app's reads of that store wait behind it.
 */
async function holdArticleReads(page: Page): Promise<{ release: () => Promise<void> }> {
  await page.evaluate(
    () =>
      new Promise<void>((resolve, reject) => {
        const open = indexedDB.open('broadsheet');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const store = open.result.transaction('articles', 'readwrite').objectStore('articles');
          const state = window as unknown as { articlesReleased?: boolean };
          state.articlesReleased = false;
          // Each request's success issues the next one, so the transaction stays active until released.
          const spin = () => {
            if (!state.articlesReleased) store.count().onsuccess = spin;
          };
          store.count().onsuccess = () => {
            spin();
            resolve();
          };
        };
      }),
  );
  return {
    release: () =>
      page.evaluate(() => {
        (window as unknown as { articlesReleased?: boolean }).articlesReleased = true;
      }),
  };
}

test('j pressed while the list is still loading selects articles once it has loaded, and later keys wait behind it', async ({ newsServer, page }) => {
  await page.goto('/');
  await subscribe(page, newsServer.url('/news.xml'), 'Test News');
  await expect(page.getByRole('listbox', { name: /Test News articles/ }).getByRole('option').first()).toBeVisible();

  const reads = await holdArticleReads(page);
  await page.keyboard.press('g');
  await page.keyboard.press('a');
  await expect(page.getByRole('heading', { name: 'All articles', level: 1 })).toBeVisible();
  // The list of the new view is still loading: nothing to move through yet.
  await expect(page.getByRole('listbox')).toHaveCount(0);
  await page.keyboard.press('j');
  await page.keyboard.press('j');
  await page.keyboard.press('s');
  await reads.release();

  const rows = page.getByRole('listbox', { name: /All articles articles/ }).getByRole('option');
  await expect(rows.nth(1)).toHaveAttribute('aria-selected', 'true');
  await expect(rows.first()).toHaveAttribute('aria-selected', 'false');
  // `s` waited behind the two `j`s: the second article is the one bookmarked.
  await expect(rows.nth(1).getByLabel('Bookmarked')).toBeVisible();
  await expect(rows.first().getByLabel('Bookmarked')).toHaveCount(0);
  const title = (await rows.nth(1).locator('.row-title').textContent()) ?? '';
  await expect(page.frameLocator('iframe.reader-frame').getByRole('heading', { level: 1 })).toHaveText(title);
});

test('a key pressed before the app has rendered acts once it is on screen', async ({ page }) => {
  // Holds React's scheduler (it renders from MessagePort tasks) until released, so the page has started but the app
  // has not rendered yet: the moment just after the window appears on a busy machine.
  await page.addInitScript(() => {
    const post = MessagePort.prototype.postMessage;
    const held: [MessagePort, unknown][] = [];
    const state = window as unknown as { renderHeld: boolean; releaseRender: () => void };
    state.renderHeld = true;
    MessagePort.prototype.postMessage = function (this: MessagePort, message: unknown) {
      if (state.renderHeld) held.push([this, message]);
      else post.call(this, message);
    } as typeof MessagePort.prototype.postMessage;
    state.releaseRender = () => {
      state.renderHeld = false;
      for (const [port, message] of held.splice(0)) post.call(port, message);
    };
  });
  await page.goto('/');
  await expect(page.locator('#root')).toBeEmpty();
  await page.keyboard.press('a');
  await page.evaluate(() => (window as unknown as { releaseRender: () => void }).releaseRender());
  await expect(page.getByRole('dialog', { name: 'Add a feed' })).toBeVisible();
  await expect(page.getByRole('dialog', { name: 'Add a feed' }).getByLabel('Feed or site address')).toBeFocused();
});
