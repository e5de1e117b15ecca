import { BroadsheetDb } from '../../shared/db';
import { pickHost } from '../host/pick-host';
import { unavailableHost } from '../host/unavailable-host';
import { createSearchService } from '../search/search-service';
import { createAccountSyncService } from '../sync/account-sync-service';
import { startSyncWorker } from '../sync/start-sync-worker';
import type { LibraryServices } from './library-context';

export const DATABASE_NAME = 'broadsheet';

export function createLibraryServices(): LibraryServices {
  const picked = pickHost();
  const host = picked ?? unavailableHost;
  const db = new BroadsheetDb({ name: DATABASE_NAME });
  // The sync engine and remote accounts' sync run in their own worker; `engine` is its client, with the engine's interface.
  const engine = startSyncWorker(DATABASE_NAME);
  const search = createSearchService(DATABASE_NAME);
  // New articles reach the index with their rows, straight from the sync worker (no read back); others by id.
  const articles = new MessageChannel();
  search.takeArticlesFrom(articles.port1);
  engine.sendArticlesTo(articles.port2);
  engine.onArticlesToIndex((ids) => search.indexArticles(ids));
  const accounts = createAccountSyncService(engine);
  return { db, engine, accounts, host, search, connected: picked !== null };
}
