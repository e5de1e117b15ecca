import type { HostCommand } from '../../shared/host';
import type { BrowserHost } from '../support/browser-host';
import { expect, test } from './fixtures';
import { baseItems, newsRss } from './support/news-feed';

/** Sends a host command (as the menu, tray or a feed link would) until the page shows it arrived. */
async function sendUntil(host: BrowserHost, command: HostCommand, arrived: () => Promise<unknown>) {
  await expect
    .poll(async () => {
      host.sendCommand(command);
      try {
        await arrived();
        return true;
      } catch {
        return false;
      }
    })
    .toBe(true);
}

test('a feed link opens the add-feed dialog prefilled, and the unread badge follows the library', async ({ newsServer, page, browserHost }) => {
  await page.goto('/');
  const dialog = page.getByRole('dialog', { name: 'Add a feed' });
  const url = newsServer.url('/news.xml');
  await sendUntil(browserHost, { type: 'subscribe', url }, () => expect(dialog).toBeVisible({ timeout: 500 }));
  await expect(dialog.getByLabel('Feed or site address')).toHaveValue(url);
  await dialog.getByRole('button', { name: 'Subscribe' }).click();
  await expect(page.getByRole('navigation', { name: 'Feeds' }).getByRole('button', { name: /^Test News/ })).toContainText('3');
  await expect.poll(() => browserHost.unreadCounts.at(-1)).toBe(3);
  await page.keyboard.press('j');
  await expect.poll(() => browserHost.unreadCounts.at(-1)).toBe(2);
  expect(browserHost.appliedSettings.at(-1)).toMatchObject({ startAtLogin: false, keyBindings: {} });
});

test('a menu command runs in the page', async ({ page, browserHost }) => {
  await page.goto('/');
  await sendUntil(browserHost, { type: 'command', id: 'go.starred' }, () =>
    expect(page.getByRole('heading', { level: 1, name: 'Bookmarks' })).toBeVisible({ timeout: 500 }),
  );
});

test('new articles synced while the window is in the background are announced in one notification per feed', async ({ newsServer, page, browserHost }) => {
  await page.goto('/');
  await page.keyboard.press('a');
  const dialog = page.getByRole('dialog', { name: 'Add a feed' });
  await dialog.getByLabel('Feed or site address').fill(newsServer.url('/news.xml'));
  await dialog.getByRole('button', { name: 'Subscribe' }).click();
  await expect(page.getByRole('navigation', { name: 'Feeds' }).getByRole('button', { name: /^Test News/ })).toContainText('3');
  const before = browserHost.notifications.length;

  await page.evaluate(() => Object.defineProperty(document, 'hasFocus', { value: () => false }));
  newsServer.setFeed('/news.xml', newsRss('Test News', newsServer.origin, [
    { guid: 'n1', title: 'Storm warning issued', html: '<p>Stay inside.</p>', ageHours: 0 },
    { guid: 'n2', title: 'Schools close early', html: '<p>At noon.</p>', ageHours: 0 },
    ...baseItems,
  ]));
  await page.keyboard.press('Shift+R');
  await expect.poll(() => browserHost.notifications.slice(before)).toEqual([
    expect.objectContaining({ title: expect.stringContaining('Test News'), body: expect.stringContaining('Storm warning issued') }),
  ]);
});

test('dropping an OPML file on the window imports its feeds', async ({ newsServer, page }) => {
  await page.goto('/');
  // A person drops the file on the window once the app is on it.
  await expect(page.getByRole('navigation', { name: 'Feeds' })).toBeVisible();
  const opml = `<?xml version="1.0"?><opml version="2.0"><head><title>Mine</title></head><body>
<outline text="Local"><outline type="rss" text="Test News" xmlUrl="${newsServer.url('/news.xml')}"/></outline>
<outline type="rss" text="Atom sample" xmlUrl="${newsServer.url('/atom.xml')}"/>
</body></opml>`;
  await page.evaluate((text) => {
    const transfer = new DataTransfer();
    transfer.items.add(new File([text], 'subscriptions.opml', { type: 'text/x-opml' }));
    const target = document.querySelector('.shell');
    target?.dispatchEvent(new DragEvent('dragover', { dataTransfer: transfer, bubbles: true, cancelable: true }));
    target?.dispatchEvent(new DragEvent('drop', { dataTransfer: transfer, bubbles: true, cancelable: true }));
  }, opml);
  await expect(page.getByRole('status').getByText('Imported 2 feeds')).toBeVisible();
  const sidebar = page.getByRole('navigation', { name: 'Feeds' });
  await expect(sidebar.getByRole('button', { name: /^Local/ })).toBeVisible();
  await expect(sidebar.getByRole('button', { name: /^Test News/ })).toContainText('3');
});
