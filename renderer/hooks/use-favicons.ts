/**
 * Feed icons for the sidebar, as object URLs by feed id. The sync worker looks a feed's site icon up after its first
 * successful sync and again at most once a week (renderer/sync/favicon-lookups.ts); feeds without a stored icon are
 * missing from the map (the sidebar draws a letter instead). Icons of unsubscribed feeds are deleted.
 */
import { useEffect, useMemo } from 'react';
import type { FeedRow } from '../../shared/db';
import { FAVICON_KEY_PREFIX, feedIdOfFaviconKey } from '../../shared/offline/favicon';
import { useLibrary } from '../library/library-context';
import { useObjectUrls } from '../offline/use-object-urls';
import { useTableQuery } from './use-table-query';

export function useFavicons(feeds: readonly FeedRow[]): ReadonlyMap<string, string> {
  const { db } = useLibrary();
  const rows = useTableQuery(db, ['images'], () => db.images.where('url').startsWith(FAVICON_KEY_PREFIX).toArray(), []);
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

  // Unsubscribing deletes a feed's articles and their images; its icon belongs to no article, so it goes here: when
  // the set of feeds changes, not each time a row does (a sync changes rows on every commit, and this read-write
  // transaction over the feeds read all 500 rows on the UI thread and queued between the sync worker's merges).
  const feedIds = useMemo(() => feeds.map((feed) => feed.id).join('\n'), [feeds]);
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
  }, [db, rows, feedIds]);

  return byFeed;
}
