import { BroadsheetDb } from '../../shared/db';
import { pickHost } from '../host/pick-host';
import { unavailableHost } from '../host/unavailable-host';
import { createSearchService, type SearchService } from '../search/search-service';
import { createAccountSyncService } from '../sync/account-sync-service';
import { startSyncWorker } from '../sync/start-sync-worker';
import type { LibraryServices } from './library-context';

export const DATABASE_NAME = 'broadsheet';

/** Most a sync waits for the search index (a first build is usable at once; a Worker that never answers is not). */
const SYNC_WAITS_FOR_SEARCH_MS = 2000;

/** Settles when the index answers from more than nothing (or has failed), or after SYNC_WAITS_FOR_SEARCH_MS. */
function searchUsable(search: SearchService): Promise<void> {
  return new Promise((resolve) => {
    const usable = () => search.progress().phase !== 'loading';
    if (usable()) return resolve();
    const stop = search.onProgress(() => {
      if (!usable()) return;
      stop();
      resolve();
    });
    void search.ready.then(() => resolve(), () => resolve());
    setTimeout(resolve, SYNC_WAITS_FOR_SEARCH_MS);
  });
}

export function createLibraryServices(): LibraryServices {
  const picked = pickHost();
  const host = picked ?? unavailableHost;
  const db = new BroadsheetDb({ name: DATABASE_NAME });
  // The sync engine and remote accounts' sync run in their own worker; `engine` is its client, with the engine's interface.
  const search = createSearchService(DATABASE_NAME);
  // The sync worker (its ~280 KB script, its library and its first feeds) starts once the saved search index is
  // usable: at a restart it competed with the window's first rows and the index's load on a 2-core machine.
  const engine = startSyncWorker(DATABASE_NAME, searchUsable(search));
  // New articles reach the index with their rows, straight from the sync worker (no read back); others by id.
  const articles = new MessageChannel();
  search.takeArticlesFrom(articles.port1);
  engine.sendArticlesTo(articles.port2);
  engine.onArticlesToIndex((ids) => search.indexArticles(ids));
  const accounts = createAccountSyncService(engine);
  return { db, engine, accounts, host, search, connected: picked !== null };
}
