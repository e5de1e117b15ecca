/** Many small feeds on the test's feed server, and their import as one OPML file: the journeys that sync many feeds. */
import type { Page } from '@playwright/test';
import { expect } from '@playwright/test';
import type { FeedServer } from '../../support/feed-server';
import { rssXml } from '../../support/feed-server';
import { openOpmlImport } from './actions';

/**
 * Serves `feeds` feeds of `items` articles each at /<slug>/<f>.xml, titled "<name> feed <f>", their articles
 * "<name> <f> article <i>"; returns their addresses.
 */
export function serveNumberedFeeds(server: FeedServer, name: string, feeds: number, items: number): string[] {
  const slug = name.toLowerCase();
  return Array.from({ length: feeds }, (_, f) => {
    server.setFeed(
      `/${slug}/${f}.xml`,
      rssXml({
        title: `${name} feed ${f}`,
        link: `${server.origin}/${slug}/${f}`,
        items: Array.from({ length: items }, (_, i) => ({
          title: `${name} ${f} article ${i}`,
          guid: `${slug}-${f}-${i}`,
          link: `${server.origin}/${slug}/${f}/${i}`,
          pubDate: new Date(Date.UTC(2025, 0, 1 + i, 12)).toUTCString(),
        })),
      }),
      { etag: `"${slug}-${f}"` },
    );
    return server.url(`/${slug}/${f}.xml`);
  });
}

/** Imports the feeds at `urls` (titled as serveNumberedFeeds titles them) from an OPML file through the palette, and closes its report. */
export async function importNumberedFeeds(page: Page, name: string, urls: readonly string[], reportTimeout: number): Promise<void> {
  const outlines = urls.map((url, f) => `<outline type="rss" text="${name} feed ${f}" xmlUrl="${url}"/>`).join('\n');
  const opml = `<?xml version="1.0"?><opml version="2.0"><head><title>${name}</title></head><body>${outlines}</body></opml>`;
  const dialog = await openOpmlImport(page);
  await dialog.getByLabel('OPML file').setInputFiles({ name: `${name.toLowerCase()}.opml`, mimeType: 'text/xml', buffer: Buffer.from(opml) });
  await expect(dialog.getByRole('status', { name: 'Import report' })).toContainText(`Added ${urls.length} feeds`, { timeout: reportTimeout });
  await dialog.getByRole('button', { name: 'Done' }).click();
}
