/** Dragging feeds in the sidebar, as a person does it: the place a feed would go is marked only while it would go there. */
import { expect, test } from './fixtures';
import { sidebarFeed, subscribe } from './support/actions';
import { newsRss } from './support/news-feed';
import { checkLightAndDark } from './support/screens';

test('a feed dragged over a folder and let go elsewhere leaves no folder marked and stays where it was', async ({ newsServer, page }) => {
  newsServer.setFeed('/sport.xml', newsRss('Sport Daily', newsServer.origin, [{ guid: 's1', title: 'Cup final tonight', html: '<p>Kick-off at eight.</p>', ageHours: 1 }]));
  await page.goto('/');
  await subscribe(page, newsServer.url('/news.xml'), 'Test News');
  await subscribe(page, newsServer.url('/sport.xml'), 'Sport Daily', { newFolder: 'Sport' });
  const marked = page.locator('nav.sidebar .is-drop-target');

  const feed = sidebarFeed(page, 'Test News');
  const folder = page.locator('.folder-row', { hasText: 'Sport' });
  await feed.hover();
  await page.mouse.down();
  const over = await folder.boundingBox();
  if (!over) throw new Error('no folder row');
  await page.mouse.move(over.x + over.width / 2, over.y + over.height / 2, { steps: 5 });
  await expect(marked).toHaveCount(1);
  // Changed their mind: let go over the article list, where a feed cannot go.
  const list = await page.locator('.list-pane').boundingBox();
  if (!list) throw new Error('no list pane');
  await page.mouse.move(list.x + list.width / 2, list.y + list.height / 2, { steps: 5 });
  await page.mouse.up();
  await expect(marked).toHaveCount(0);
  // Still outside the folder: a top-level row of the subscriptions, not one of Sport's.
  await expect(page.locator('.nav-list.nested').getByRole('button', { name: /^Test News/ })).toHaveCount(0);
  await expect(feed).toBeVisible();
  await checkLightAndDark(page, 'sidebar-after-drag');
});
