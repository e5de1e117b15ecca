/**
 * Offline copies of what a sync brings, made in the sync worker so the window does none of it: the images of new
 * articles (per feed, else the global setting), a few articles at a time, then the storage budget. Articles whose feed
 * wants the full text need a DOM to find the article in its page (Readability), which a worker lacks: they are handed
 * to the window's offline worker, which loads the full text and then their images.
 */
import type { ArticleRow, BroadsheetDb } from '../../shared/db';
import { getSettings } from '../../shared/db';
import type { Host } from '../../shared/host';
import { collectImageUrls, createLimiter, enforceStorageBudget } from '../../shared/offline';
import type { PreparedArticle } from '../../shared/sync';
import { createPendingWork } from '../offline/pending-work';
import { storeArticleImages } from '../offline/store-images';

export interface OfflineCopiesOptions {
  db: BroadsheetDb;
  host: Pick<Host, 'fetchImage'>;
  now: () => number;
  /** Articles whose full text is wanted: the window loads it (and their images). */
  wantFullText: (articleIds: string[]) => void;
  /** Articles whose images are fetched at once (default 2). */
  concurrency?: number;
}

export interface OfflineCopies {
  /** New articles stored elsewhere (an account's sync), read back by id. */
  enqueue(articleIds: readonly string[]): void;
  /** New articles of a merge, with the rows it wrote: nothing is read back for the many articles without images. */
  enqueueStored(articles: readonly PreparedArticle[]): void;
  /** Resolves when everything queued so far is done. */
  idle(): Promise<void>;
}

export function createOfflineCopies(options: OfflineCopiesOptions): OfflineCopies {
  const { db, host, now } = options;
  const limit = createLimiter(options.concurrency ?? 2);
  const work = createPendingWork();

  /** Which articles get their full text (by the window) and which their images, by their feed's choice or the setting. */
  async function sort<T>(articles: readonly T[], feedIdOf: (article: T) => string): Promise<{ images: T[]; fullText: T[] }> {
    const settings = await getSettings(db);
    const feedIds = [...new Set(articles.map(feedIdOf))];
    const feeds = new Map((await db.feeds.bulkGet(feedIds)).flatMap((f) => (f ? [[f.id, f] as const] : [])));
    const images: T[] = [];
    const fullText: T[] = [];
    for (const article of articles) {
      const feed = feeds.get(feedIdOf(article));
      if (feed?.options.fullText ?? settings.fullTextDefault) fullText.push(article);
      else if (feed?.options.offlineImages ?? settings.offlineImages) images.push(article);
    }
    return { images, fullText };
  }

  async function storeImages(articleIds: readonly string[]): Promise<void> {
    if (articleIds.length === 0) return;
    await Promise.all(articleIds.map((id) => limit(() => storeArticleImages({ db, host, now }, [id]).catch(() => undefined))));
    const settings = await getSettings(db);
    await enforceStorageBudget(db, settings.storageBudgetBytes);
  }

  async function process(articleIds: readonly string[]): Promise<void> {
    const rows = (await db.articles.bulkGet([...articleIds])).filter((a): a is ArticleRow => a !== undefined);
    const { images, fullText } = await sort(rows, (row) => row.feedId);
    if (fullText.length > 0) options.wantFullText(fullText.map((a) => a.id));
    await storeImages(images.map((a) => a.id));
  }

  async function processStored(stored: readonly PreparedArticle[]): Promise<void> {
    const { images, fullText } = await sort(stored, (p) => p.article.feedId);
    if (fullText.length > 0) options.wantFullText(fullText.map((p) => p.article.id));
    // A new article's images are those of its feed's HTML (no full text yet): most articles have none to keep.
    const withImages = images.filter(({ article, content }) => collectImageUrls({ html: content.html, baseUrl: article.url, enclosures: content.enclosures, imageUrl: article.imageUrl }).length > 0);
    await storeImages(withImages.map((p) => p.article.id));
  }


  return {
    enqueue(articleIds) {
      if (articleIds.length > 0) work.track(process(articleIds));
    },
    enqueueStored(articles) {
      if (articles.length > 0) work.track(processStored(articles));
    },
    idle: work.idle,
  };
}
