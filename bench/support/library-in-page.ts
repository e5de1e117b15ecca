/** The sync benches' direct access to the app's library in a page: feeds subscribed before Shift+R, rows read back after. */
import type { Page } from '@playwright/test';
import { newFeedRow } from '../../shared/db/feeds';
import { feedIdFor } from '../../shared/db/ids';
import type { FeedRow } from '../../shared/db/schema';
import type { StoredRows } from './bulkput-floor';

/**
 * Writes the feed rows shared/db/feeds newFeedRow makes for `urls`, not due (Shift+R starts the sync being measured),
 * their icons recorded as looked up (none found), as bench/support/seed-library does: otherwise the worker looks up
 * every icon after the first sync, in the middle of what is measured next. The page must be reloaded to show them.
 */
export async function subscribeInPage(page: Page, urls: readonly string[]): Promise<void> {
  const now = Date.now();
  const rows: FeedRow[] = urls.map((url, f) => ({ ...newFeedRow(feedIdFor(url), url, {}, f, now), nextCheckAt: now + 30 * 86_400_000 }));
  await page.evaluate(
    (rows) =>
      new Promise<void>((resolve, reject) => {
        const open = indexedDB.open('broadsheet');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const db = open.result;
          const tx = db.transaction(['feeds', 'images'], 'readwrite');
          for (const row of rows) tx.objectStore('feeds').put(row);
          for (const row of rows) tx.objectStore('images').put({ url: `favicon:${row.id}`, articleId: '', blob: new Blob([]), type: '', bytes: 0, storedAt: Date.now() });
          tx.oncomplete = () => (db.close(), resolve());
          tx.onerror = () => reject(tx.error);
        };
      }),
    rows,
  );
}

/** The article and content rows a sync stored, read back from the app's library (outside any timing). */
export function storedRows(page: Page): Promise<StoredRows> {
  return page.evaluate(
    () =>
      new Promise<StoredRows>((resolve, reject) => {
        const open = indexedDB.open('broadsheet');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const db = open.result;
          const tx = db.transaction(['articles', 'contents']);
          const articles = tx.objectStore('articles').getAll();
          const contents = tx.objectStore('contents').getAll();
          tx.oncomplete = () => (db.close(), resolve({ articles: articles.result, contents: contents.result }));
          tx.onerror = () => reject(tx.error);
        };
      }),
  );
}
