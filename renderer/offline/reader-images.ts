/** The stored copies of the images an article shows, looked up by the URLs in its HTML. */
import type { ArticleRow, BroadsheetDb, ContentRow, ImageRow } from '../../shared/db';
import { referencedImageUrls } from '../../shared/offline';

export async function storedImagesFor(db: BroadsheetDb, html: string, baseUrl: string | null | undefined): Promise<ImageRow[]> {
  const urls = referencedImageUrls(html, baseUrl);
  if (urls.length === 0) return [];
  return (await db.images.bulkGet(urls)).filter((row): row is ImageRow => row !== undefined);
}

/** The reader's selected row with the stored images of what it will show (full text, else the feed's content). */
export async function withStoredImages<T extends { article?: ArticleRow | undefined; content?: ContentRow | undefined }>(
  db: BroadsheetDb,
  row: T,
): Promise<T & { images: ImageRow[] }> {
  const html = row.content?.fullText ?? row.content?.html ?? '';
  return { ...row, images: await storedImagesFor(db, html, row.article?.url) };
}
