/**
 * Background offline work for new articles: full text (per feed, else the global default), then their images
 * (per feed, else the global setting), a few articles at a time, then the storage budget. Failures are recorded
 * per article and never stop the queue.
 */
import type { BroadsheetDb } from '../../shared/db';
import { getSettings } from '../../shared/db';
import type { Host } from '../../shared/host';
import { createLimiter, enforceStorageBudget } from '../../shared/offline';
import type { Result } from '../../shared/result';
import { loadFullText } from './full-text';
import { createPendingWork } from './pending-work';
import { storeArticleImages } from './store-images';
import type { DescribableError } from '../../shared/i18n/errors';

export interface OfflineWorkerOptions {
  db: BroadsheetDb;
  host: Pick<Host, 'fetchPage' | 'fetchImage'>;
  now: () => number;
  /** Articles processed at once (default 2). */
  concurrency?: number;
}

export interface OfflineWorker {
  /** New articles from a sync merge. */
  enqueue(articleIds: readonly string[]): void;
  /** The user asked (shift+F): loads the full text now, whatever the feed's option, then its images. */
  loadFullTextNow(articleId: string): Promise<Result<string, DescribableError>>;
  /** Resolves when everything queued so far is done. */
  idle(): Promise<void>;
  stop(): void;
}

export function createOfflineWorker(options: OfflineWorkerOptions): OfflineWorker {
  const { db, host, now } = options;
  const limit = createLimiter(options.concurrency ?? 2);
  const work = createPendingWork();
  let stopped = false;

  async function processArticle(articleId: string): Promise<void> {
    if (stopped) return;
    const article = await db.articles.get(articleId);
    if (!article) return;
    const [feed, settings] = await Promise.all([db.feeds.get(article.feedId), getSettings(db)]);
    const fullText = feed?.options.fullText ?? settings.fullTextDefault;
    const images = feed?.options.offlineImages ?? settings.offlineImages;
    if (fullText) {
      const content = await db.contents.get(articleId);
      if (content && !content.fullText && !content.fullTextFetchedAt) await loadFullText({ db, host, now }, articleId);
    }
    if (images && !stopped) await storeArticleImages({ db, host, now }, [articleId]);
  }

  async function afterBatch(): Promise<void> {
    const settings = await getSettings(db);
    await enforceStorageBudget(db, settings.storageBudgetBytes);
  }

  return {
    enqueue(articleIds) {
      if (stopped || articleIds.length === 0) return;
      const batch = Promise.all(articleIds.map((id) => limit(() => processArticle(id).catch(() => undefined)))).then(afterBatch, afterBatch);
      work.track(batch);
    },
    async loadFullTextNow(articleId) {
      const result = await limit(() => loadFullText({ db, host, now }, articleId));
      if (result.ok) {
        const settings = await getSettings(db);
        const article = await db.articles.get(articleId);
        const feed = article ? await db.feeds.get(article.feedId) : undefined;
        if (feed?.options.offlineImages ?? settings.offlineImages) {
          void storeArticleImages({ db, host, now }, [articleId]).then(afterBatch).catch(() => undefined);
        }
      }
      return result;
    },
    idle: work.idle,
    stop() {
      stopped = true;
    },
  };
}
