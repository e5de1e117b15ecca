/** Reads of the app's library from outside the app, for end-to-end tests and benches (raw IndexedDB, read-only). */
import type { Page } from '@playwright/test';

/** How many article rows the page's origin holds in the `broadsheet` database. */
export function storedArticleCount(page: Page): Promise<number> {
  return page.evaluate(
    () =>
      new Promise<number>((resolve, reject) => {
        const open = indexedDB.open('broadsheet');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const db = open.result;
          const count = db.transaction('articles').objectStore('articles').count();
          count.onsuccess = () => (db.close(), resolve(count.result));
          count.onerror = () => reject(count.error);
        };
      }),
  );
}
