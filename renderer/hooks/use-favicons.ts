/**
 * Feed icons for the sidebar, as object URLs by feed id. After a feed's first successful sync its site icon is
 * looked up once (renderer/offline/store-favicon) and again at most once a week; feeds without a stored icon are
 * missing from the map (the sidebar draws a letter instead). Icons of unsubscribed feeds are deleted.
 */
import { useLiveQuery } from 'dexie-react-hooks';
import { useEffect, useMemo, useRef } from 'react';
import type { FeedRow } from '../../shared/db';
import { createLimiter } from '../../shared/offline/limit';
import { FAVICON_KEY_PREFIX, feedIdOfFaviconKey, isFaviconDue } from '../../shared/offline/favicon';
import { useLibrary } from '../library/library-context';
import { storeFeedFavicon } from '../offline/store-favicon';
import { useObjectUrls } from '../offline/use-object-urls';

export function useFavicons(feeds: readonly FeedRow[]): ReadonlyMap<string, string> {
  const { db, host, connected } = useLibrary();
  const rows = useLiveQuery(() => db.images.where('url').startsWith(FAVICON_KEY_PREFIX).toArray(), [db]);
  const icons = useMemo(() => rows?.filter((row) => row.bytes > 0), [rows]);
  const objectUrls = useObjectUrls(icons);
  const byFeed = useMemo(() => {
    const map = new Map<string, string>();
    for (const [key, objectUrl] of objectUrls) {
      const feedId = feedIdOfFaviconKey(key);
      if (feedId !== null) map.set(feedId, objectUrl);
    }
    return map;
  }, [objectUrls]);

  const limit = useMemo(() => createLimiter(2), []);
  /** When this window last started a lookup per feed: one at a time, and none sooner than a week for a failure. */
  const attempted = useRef(new Map<string, number>());
  useEffect(() => {
    if (!connected || rows === undefined) return;
    const now = Date.now();
    const checkedAt = new Map(rows.map((row) => [feedIdOfFaviconKey(row.url), row.storedAt]));
    for (const feed of feeds) {
      if (feed.lastSuccessAt === null || feed.gone) continue;
      if (!isFaviconDue(checkedAt.get(feed.id), now) || !isFaviconDue(attempted.current.get(feed.id), now)) continue;
      attempted.current.set(feed.id, now);
      void limit(() => storeFeedFavicon({ db, host, now: Date.now }, feed)).catch(() => undefined);
    }
  }, [connected, db, host, limit, feeds, rows]);

  // Unsubscribing deletes a feed's articles and their images; its icon belongs to no article, so it goes here.
  useEffect(() => {
    if (!rows || rows.length === 0) return;
    void db
      .transaction('rw', [db.feeds, db.images], async () => {
        const feedIds = rows.map((row) => feedIdOfFaviconKey(row.url) ?? '');
        const present = await db.feeds.bulkGet(feedIds);
        const stale = rows.filter((_, index) => present[index] === undefined).map((row) => row.url);
        if (stale.length > 0) await db.images.bulkDelete(stale);
      })
      .catch(() => undefined);
  }, [db, rows, feeds]);

  return byFeed;
}
