/**
 * The article is text to read and to quote: keys the app does not use keep their usual meaning inside it, so a
 * passage selected in the reader copies with Ctrl+C, while j, k and Space still drive the app from there.
 */
import { expect, test } from './fixtures';
import { subscribeToTestNews } from './support/actions';
import { baseItems } from './support/news-feed';

test('text selected in the article copies with Ctrl+C, and j still moves on from inside the article', async ({ newsServer, page, context, consoleErrors }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await page.goto('/');
  await subscribeToTestNews(page, newsServer);
  await page.keyboard.press('j');
  const reader = page.frameLocator('iframe.reader-frame');
  await expect(reader.getByRole('heading', { level: 1 })).toHaveText(baseItems[0]!.title);

  // A paragraph selected with the mouse, copied with the keyboard.
  const paragraph = reader.locator('.content p').first();
  await paragraph.click({ clickCount: 3 });
  const quoted = (await paragraph.innerText()).trim();
  await page.keyboard.press('Control+C');
  await expect.poll(() => page.evaluate(() => navigator.clipboard.readText()).then((text) => text.trim())).toBe(quoted);

  // The app's own keys still work with the focus in the article.
  await page.keyboard.press('j');
  await expect(reader.getByRole('heading', { level: 1 })).toHaveText(baseItems[1]!.title);
  expect(consoleErrors).toEqual([]);
});
