/**
 * Offline copies of what a sync brings, made in the sync worker so the window does none of it: the images of new
 * articles (per feed, else the global setting), a few articles at a time, then the storage budget. Articles whose feed
 * wants the full text need a DOM to find the article in its page (Readability), which a worker lacks: they are handed
 * to the window's offline worker, which loads the full text and then their images.
 */
import type { BroadsheetDb } from '../../shared/db';
import { getSettings } from '../../shared/db';
import type { Host } from '../../shared/host';
import { createLimiter, enforceStorageBudget } from '../../shared/offline';
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
  /** New articles of a merge. */
  enqueue(articleIds: readonly string[]): void;
  /** Resolves when everything queued so far is done. */
  idle(): Promise<void>;
}

export function createOfflineCopies(options: OfflineCopiesOptions): OfflineCopies {
  const { db, host, now } = options;
  const limit = createLimiter(options.concurrency ?? 2);
  let pending: Promise<unknown> = Promise.resolve();

  async function sort(articleIds: readonly string[]): Promise<{ images: string[]; fullText: string[] }> {
    const [settings, articles] = await Promise.all([getSettings(db), db.articles.bulkGet([...articleIds])]);
    const feedIds = [...new Set(articles.flatMap((a) => (a ? [a.feedId] : [])))];
    const feeds = new Map((await db.feeds.bulkGet(feedIds)).flatMap((f) => (f ? [[f.id, f] as const] : [])));
    const images: string[] = [];
    const fullText: string[] = [];
    for (const article of articles) {
      if (!article) continue;
      const feed = feeds.get(article.feedId);
      if (feed?.options.fullText ?? settings.fullTextDefault) fullText.push(article.id);
      else if (feed?.options.offlineImages ?? settings.offlineImages) images.push(article.id);
    }
    return { images, fullText };
  }

  async function process(articleIds: readonly string[]): Promise<void> {
    const { images, fullText } = await sort(articleIds);
    if (fullText.length > 0) options.wantFullText(fullText);
    if (images.length === 0) return;
    await Promise.all(images.map((id) => limit(() => storeArticleImages({ db, host, now }, [id]).catch(() => undefined))));
    const settings = await getSettings(db);
    await enforceStorageBudget(db, settings.storageBudgetBytes);
  }

  return {
    enqueue(articleIds) {
      if (articleIds.length === 0) return;
      pending = Promise.all([pending, process(articleIds).catch(() => undefined)]);
    },
    async idle() {
      let seen: Promise<unknown>;
      do {
        seen = pending;
        await seen;
      } while (seen !== pending);
    },
  };
}
