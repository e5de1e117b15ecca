import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { parseOpml } from '../../shared/feeds';
import type { FeedServer } from '../support/feed-server';
import { startFeedServer } from '../support/feed-server';
import { expect, screenshotDir, test } from './fixtures';
import { newsRss } from './support/news-feed';
import { openOpmlImport, subscribe } from './support/actions';

let server: FeedServer;
const FEEDS = 49;

test.beforeAll(async () => {
  server = await startFeedServer();
  for (let n = 0; n < FEEDS; n++) {
    server.setFeed(`/feeds/${n}.xml`, newsRss(`Feed ${n}`, server.origin, [{ guid: `f${n}`, title: `Story ${n}`, html: `<p>Story ${n}.</p>`, ageHours: 2 }]));
  }
});
test.afterAll(async () => {
  await server.close();
});

const feedUrl = (n: number) => server.url(`/feeds/${n}.xml`);
const outline = (n: number, indent: string) => `${indent}<outline type="rss" text="Feed ${n}" title="Feed ${n}" xmlUrl="${feedUrl(n)}"/>`;
const range = (from: number, to: number) => Array.from({ length: to - from }, (_, i) => from + i);

/**
 * 50 feed outlines: Feed 0 at the top level (already subscribed before the import), News 1–14, Tech 15–21 with a
 * nested Rust folder 22–29, Science 30–47 plus Feed 5 a second time, Feed 48 at the top level; and one bad line.
 */
function opmlDocument(): string {
  const lines = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<opml version="2.0">',
    '<head><title>Exported from another reader</title></head>',
    '<body>',
    outline(0, '  '),
    '  <outline text="News" title="News">',
    ...range(1, 15).map((n) => outline(n, '    ')),
    '  </outline>',
    '  <outline text="Tech" title="Tech">',
    ...range(15, 22).map((n) => outline(n, '    ')),
    '    <outline text="Rust" title="Rust">',
    ...range(22, 30).map((n) => outline(n, '      ')),
    '    </outline>',
    '  </outline>',
    '  <outline text="Science" title="Science">',
    ...range(30, 48).map((n) => outline(n, '    ')),
    outline(5, '    '),
    '    <outline type="rss" text="Broken" title="Broken" xmlUrl="not a web address"/>',
    '  </outline>',
    outline(48, '  '),
    '</body>',
    '</opml>',
  ];
  return lines.join('\n');
}

test('importing an OPML of 50 feeds shows progress and a report, builds the folders, and exports back the same subscriptions', async ({ page, consoleErrors }) => {
  // Imports, fetches and exports 49 feeds: on a busy machine that is more than the usual minute.
  test.slow();
  await page.goto('/');
  await subscribe(page, feedUrl(0));
  await expect(page.getByRole('navigation', { name: 'Feeds' }).getByRole('button', { name: /^Feed 0/ })).toBeVisible();

  const dialog = await openOpmlImport(page);
  // Record every value the progress bar shows (the import may be quicker than a poll).
  await page.evaluate(() => {
    const seen: Array<{ value: number; max: number }> = [];
    (window as unknown as { progressSeen: typeof seen }).progressSeen = seen;
    const record = () => {
      const bar = document.querySelector('dialog[open] progress');
      if (bar instanceof HTMLProgressElement) seen.push({ value: bar.value, max: bar.max });
    };
    new MutationObserver(record).observe(document.body, { subtree: true, childList: true, attributes: true, attributeFilter: ['value'] });
  });
  await dialog.getByLabel('OPML file').setInputFiles({ name: 'subscriptions.opml', mimeType: 'text/xml', buffer: Buffer.from(opmlDocument()) });

  const report = dialog.getByRole('status', { name: 'Import report' });
  await expect(report).toContainText('Added 48 feeds');
  await expect(report).toContainText('in 3 new folders');
  await expect(report.getByRole('list', { name: 'Duplicates' }).getByRole('listitem')).toHaveText([feedUrl(5), feedUrl(0)]);
  await expect(report.getByRole('list', { name: 'Skipped entries' }).getByRole('listitem')).toHaveText([/not a web address/]);

  const seen = await page.evaluate(() => (window as unknown as { progressSeen: Array<{ value: number; max: number }> }).progressSeen);
  expect(seen.length).toBeGreaterThan(0);
  // The feeds listed once each: 50 outlines less the one listed twice.
  expect(seen.every((entry) => entry.max === FEEDS)).toBe(true);
  expect(seen[0]!.value).toBeLessThan(FEEDS);
  expect(seen.map((entry) => entry.value)).toEqual([...seen.map((entry) => entry.value)].sort((a, b) => a - b));

  await dialog.getByRole('button', { name: 'Done' }).click();
  await expect(dialog).toBeHidden();

  // The sidebar shows the folders (Rust flattened into Tech) with their feeds; the feeds get fetched.
  const sidebar = page.getByRole('navigation', { name: 'Feeds' });
  for (const folder of ['News', 'Tech', 'Science']) await expect(sidebar.getByRole('button', { name: `Collapse ${folder}` })).toBeVisible();
  await expect(sidebar.getByRole('button', { name: /^Feed \d+/ })).toHaveCount(FEEDS);
  // Waits for the import's sync to reach Feed 29: 49 fetches, 6 at a time, take longer than one expect on a busy machine.
  await expect(sidebar.getByRole('button', { name: /^Feed 29\b/ })).toContainText('1', { timeout: 60_000 });

  // Export through the palette and compare: every feed is there, in its folder.
  await page.keyboard.press('Control+K');
  await page.keyboard.type('export opml');
  const downloading = page.waitForEvent('download');
  await page.keyboard.press('Enter');
  const download = await downloading;
  expect(download.suggestedFilename()).toBe('broadsheet-subscriptions.opml');
  const exported = parseOpml(await readFile(await download.path(), 'utf8'));
  expect(exported.errors).toEqual([]);
  const folderOf = (doc: ReturnType<typeof parseOpml>) => new Map(doc.outlines.flatMap((folder) => folder.feeds.map((feed) => [feed.xmlUrl, folder.title] as const)));
  const original = folderOf(parseOpml(opmlDocument()));
  const back = folderOf(exported);
  expect(original.size).toBe(FEEDS);
  for (const [url, folder] of original) expect({ url, folder: back.get(url) }).toEqual({ url, folder });
  expect(back.size).toBe(FEEDS);
  expect(consoleErrors).toEqual([]);
});

test('a file that is not OPML is refused with a message', async ({ page }) => {
  await page.goto('/');
  const dialog = await openOpmlImport(page);
  await dialog.getByLabel('OPML file').setInputFiles({ name: 'notes.xml', mimeType: 'text/xml', buffer: Buffer.from('<notes><note>hi</note></notes>') });
  await expect(dialog.getByRole('alert')).toContainText('not OPML');
});

for (const scheme of ['light', 'dark'] as const) {
  test(`OPML report in ${scheme}`, async ({ page }) => {
    await page.emulateMedia({ colorScheme: scheme });
    await page.setViewportSize({ width: 1280, height: 800 });
    await page.goto('/');
    await subscribe(page, feedUrl(0));
    const dialog = await openOpmlImport(page);
    await expect(dialog.getByRole('button', { name: /Choose an OPML file/ })).toBeFocused();
    await page.screenshot({ path: path.join(screenshotDir, `opml-choose-${scheme}.png`) });
    await dialog.getByLabel('OPML file').setInputFiles({ name: 'subscriptions.opml', mimeType: 'text/xml', buffer: Buffer.from(opmlDocument()) });
    await expect(dialog.getByRole('status', { name: 'Import report' })).toBeVisible();
    await page.screenshot({ path: path.join(screenshotDir, `opml-report-${scheme}.png`) });
  });
}
