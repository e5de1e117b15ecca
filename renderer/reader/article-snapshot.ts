/**
 * Everything the reader shows of one article, read from the library in one go: the slim row, its content, the
 * stored copies of the images it references and its downloaded episodes. `signature` changes when any of them
 * does (a full text loaded, an image stored), so the reader knows when a shown document is out of date.
 */
import type { ArticleRow, BroadsheetDb, ContentRow, ImageRow } from '../../shared/db';
import type { EnclosureRow } from '../../shared/db/schema';
import { storedImagesFor } from '../offline/reader-images';

export interface ArticleSnapshot {
  id: string;
  article: ArticleRow;
  content: ContentRow | undefined;
  images: ImageRow[];
  enclosures: EnclosureRow[];
  /** Identifies what the document is made of (not the read/starred marks, which the toolbar shows). */
  signature: string;
}

/** The HTML the reader shows: the full text when loaded, else the feed's content (else the summary). */
export function shownHtml(snapshot: Pick<ArticleSnapshot, 'content'>): string | undefined {
  return snapshot.content?.fullText ?? snapshot.content?.html;
}

export async function readArticleSnapshot(db: BroadsheetDb, id: string): Promise<ArticleSnapshot | null> {
  const [article, content, enclosures] = await Promise.all([db.articles.get(id), db.contents.get(id), db.enclosures.where('articleId').equals(id).toArray()]);
  if (!article) return null;
  const images = await storedImagesFor(db, content?.fullText ?? content?.html ?? '', article.url);
  const signature = JSON.stringify([
    article.title, article.url, article.author, article.published, article.summary, article.feedId,
    content?.html.length ?? -1, content?.fullText?.length ?? -1, content?.enclosures.length ?? 0,
    images.map((image) => [image.url, image.storedAt, image.bytes]),
    enclosures.map((enclosure) => [enclosure.url, enclosure.storedAt, enclosure.bytes]),
  ]);
  return { id, article, content, images, enclosures, signature };
}
