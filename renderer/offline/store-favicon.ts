/**
 * Looks up one feed's site icon and keeps it in the `images` table under `favicon:<feedId>` (shared/offline/favicon).
 * The feed's own image is a banner, not an icon: the site page's <link rel="icon"> decides, then /favicon.ico.
 */
import type { BroadsheetDb, FeedRow, ImageRow } from '../../shared/db';
import type { Host, HostErrorKind, ImageResponse } from '../../shared/host';
import { isHttpUrl } from '../../shared/host-schema';
import { faviconCandidates, faviconKey } from '../../shared/offline/favicon';

export interface StoreFaviconDeps {
  db: BroadsheetDb;
  host: Pick<Host, 'fetchPage' | 'fetchImage'>;
  now: () => number;
}

/** stored: an icon was kept; none: the site has none we can keep (recorded, asked again in a week); skipped: try later. */
export type FaviconOutcome = 'stored' | 'none' | 'skipped';

/** Icons tried per lookup: a page rarely lists more than a couple worth having. */
const MAX_TRIES = 3;

/** Failures that say nothing about the site (no network, no host): not recorded, so the next start tries again. */
const TRANSIENT: ReadonlySet<HostErrorKind> = new Set(['network', 'timeout', 'unavailable', 'rate-limited']);

function sitePage(feed: Pick<FeedRow, 'url' | 'siteUrl'>): string | null {
  if (feed.siteUrl && isHttpUrl(feed.siteUrl)) return feed.siteUrl;
  try {
    return `${new URL(feed.url).origin}/`;
  } catch {
    return null;
  }
}

export async function storeFeedFavicon(deps: StoreFaviconDeps, feed: Pick<FeedRow, 'id' | 'url' | 'siteUrl'>): Promise<FaviconOutcome> {
  const { db, host, now } = deps;
  const pageUrl = sitePage(feed);
  if (!pageUrl || !isHttpUrl(pageUrl)) return 'skipped';
  const page = await host.fetchPage(pageUrl);
  if (!page.ok && TRANSIENT.has(page.error.kind)) return 'skipped';
  const candidates = page.ok ? faviconCandidates(page.value.html, page.value.finalUrl) : faviconCandidates(null, pageUrl);

  let icon: ImageResponse | null = null;
  for (const url of candidates.slice(0, MAX_TRIES)) {
    const fetched = await host.fetchImage(url);
    if (fetched.ok) {
      icon = fetched.value;
      break;
    }
    if (TRANSIENT.has(fetched.error.kind)) return 'skipped';
  }

  const key = faviconKey(feed.id);
  const storedAt = now();
  // No article owns it (articleId ''): retention and eviction leave it alone. A row without bytes records the look.
  const row: ImageRow = icon
    ? { url: key, articleId: '', blob: new Blob([icon.bytes as Uint8Array<ArrayBuffer>], { type: icon.contentType }), type: icon.contentType, bytes: icon.bytes.byteLength, storedAt }
    : { url: key, articleId: '', blob: new Blob([]), type: '', bytes: 0, storedAt };
  // The feed may have been unsubscribed while the icon downloaded; an icon found before is kept when this look failed.
  await db.transaction('rw', [db.feeds, db.images], async () => {
    if (!(await db.feeds.get(feed.id))) return;
    const previous = icon ? undefined : await db.images.get(key);
    await db.images.put(previous && previous.bytes > 0 ? { ...previous, storedAt } : row);
  });
  return icon ? 'stored' : 'none';
}
