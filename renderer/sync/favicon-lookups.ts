/**
 * Feed icons looked up from the sync worker: after a feed's first successful sync its site's icon is fetched once
 * (renderer/offline/store-favicon) and again at most once a week. The window only shows what is stored (use-favicons).
 */
import type { BroadsheetDb } from '../../shared/db';
import type { Host } from '../../shared/host';
import { FAVICON_KEY_PREFIX, feedIdOfFaviconKey, isFaviconDue } from '../../shared/offline/favicon';
import { createLimiter } from '../../shared/offline/limit';
import { storeFeedFavicon } from '../offline/store-favicon';

export interface FaviconLookups {
  /** Looks up the icons that are due (call after a sync run, or a new subscription's first fetch). */
  lookUpDue(): Promise<void>;
}

export function createFaviconLookups(deps: { db: BroadsheetDb; host: Pick<Host, 'fetchPage' | 'fetchImage'>; now: () => number }): FaviconLookups {
  const { db, host, now } = deps;
  const limit = createLimiter(2);
  /** When this worker last started a lookup per feed: one at a time, and none sooner than a week for a failure. */
  const attempted = new Map<string, number>();
  return {
    async lookUpDue() {
      const [feeds, rows] = await Promise.all([db.feeds.toArray(), db.images.where('url').startsWith(FAVICON_KEY_PREFIX).toArray()]);
      const t = now();
      const checkedAt = new Map(rows.map((row) => [feedIdOfFaviconKey(row.url), row.storedAt]));
      const due = feeds.filter((feed) => feed.lastSuccessAt !== null && !feed.gone && isFaviconDue(checkedAt.get(feed.id), t) && isFaviconDue(attempted.get(feed.id), t));
      for (const feed of due) attempted.set(feed.id, t);
      await Promise.all(due.map((feed) => limit(() => storeFeedFavicon({ db, host, now }, feed)).catch(() => undefined)));
    },
  };
}
