/** Keeps the images of articles for offline reading: collects their URLs, fetches the missing ones, stores them. */
import type { BroadsheetDb, ImageRow } from '../../shared/db';
import type { Host } from '../../shared/host';
import { collectImageUrls, createLimiter } from '../../shared/offline';

export interface StoreImagesDeps {
  db: BroadsheetDb;
  host: Pick<Host, 'fetchImage'>;
  now: () => number;
  /** Image fetches in flight at once (default 4). */
  concurrency?: number;
}

export interface StoreImagesReport {
  stored: number;
  bytes: number;
  failed: number;
  /** Already in the store (shared by another article, or stored before). */
  skipped: number;
}

/** Images of one article to keep: from the shown HTML (full text when loaded), enclosures and the item image. */
export async function imageUrlsOfArticle(db: BroadsheetDb, articleId: string): Promise<string[]> {
  const [article, content] = await Promise.all([db.articles.get(articleId), db.contents.get(articleId)]);
  if (!article) return [];
  return collectImageUrls({
    html: content?.fullText ?? content?.html ?? '',
    baseUrl: article.url,
    enclosures: content?.enclosures ?? [],
    imageUrl: article.imageUrl,
  });
}

export async function storeArticleImages(deps: StoreImagesDeps, articleIds: readonly string[]): Promise<StoreImagesReport> {
  const { db, host, now } = deps;
  const limit = createLimiter(deps.concurrency ?? 4);
  const report: StoreImagesReport = { stored: 0, bytes: 0, failed: 0, skipped: 0 };
  const wanted = new Map<string, string>();
  for (const articleId of articleIds) {
    for (const url of await imageUrlsOfArticle(db, articleId)) if (!wanted.has(url)) wanted.set(url, articleId);
  }
  const known = await db.images.bulkGet([...wanted.keys()]);
  const missing = [...wanted].filter((_, index) => known[index] === undefined);
  report.skipped = wanted.size - missing.length;
  await Promise.all(
    missing.map(([url, articleId]) =>
      limit(async () => {
        const fetched = await host.fetchImage(url);
        if (!fetched.ok) {
          report.failed++;
          return;
        }
        const { bytes, contentType } = fetched.value;
        const row: ImageRow = { url, articleId, blob: new Blob([bytes as Uint8Array<ArrayBuffer>], { type: contentType }), type: contentType, bytes: bytes.byteLength, storedAt: now() };
        // The article may have been deleted (retention, unsubscribe) while the image downloaded.
        const kept = await db.transaction('rw', [db.images, db.articles], async () => {
          if (!(await db.articles.get(articleId))) return false;
          await db.images.put(row);
          return true;
        });
        if (kept) {
          report.stored++;
          report.bytes += row.bytes;
        }
      }),
    ),
  );
  return report;
}
