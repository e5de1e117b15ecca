import { createAccountSync } from '../../shared/accounts/sync';
import { BroadsheetDb } from '../../shared/db';
import { discoverFeeds } from '../../shared/feeds';
import { createSyncEngine } from '../../shared/sync';
import { pickHost } from '../host/pick-host';
import { unavailableHost } from '../host/unavailable-host';
import { createSearchService } from '../search/search-service';
import type { LibraryServices } from './library-context';

export const DATABASE_NAME = 'broadsheet';

export function createLibraryServices(): LibraryServices {
  const picked = pickHost();
  const host = picked ?? unavailableHost;
  const db = new BroadsheetDb({ name: DATABASE_NAME });
  const engine = createSyncEngine({ db, host, now: Date.now, discoverFeeds });
  const search = createSearchService(DATABASE_NAME);
  engine.onArticlesAdded((ids) => search.indexArticles(ids));
  const accounts = createAccountSync({ db, host, now: Date.now, onArticlesAdded: (ids) => search.indexArticles(ids) });
  return { db, engine, accounts, host, search, connected: picked !== null };
}
