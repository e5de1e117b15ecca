/**
 * The renderer's services: the Dexie library, the sync worker and the host, created once per window and shared
 * through context. The library is the source of truth; components read it with live queries.
 */
import { createContext, useContext } from 'react';
import type { BroadsheetDb } from '../../shared/db';
import type { Host } from '../../shared/host';
import type { SearchService } from '../search/search-service';
import type { AccountSyncService } from '../sync/account-sync-service';
import type { SyncClient } from '../sync/sync-client';

export interface LibraryServices {
  db: BroadsheetDb;
  /** The sync worker's client (the sync engine's interface; the engine itself runs off the UI thread). */
  engine: SyncClient;
  /** Remote accounts' sync (shared/accounts), run by the sync worker beside the feed engine. */
  accounts: AccountSyncService;
  host: Host;
  search: SearchService;
  /** False when the page runs without a host (reading only). */
  connected: boolean;
}

export const LibraryContext = createContext<LibraryServices | null>(null);

export function useLibrary(): LibraryServices {
  const services = useContext(LibraryContext);
  if (!services) throw new Error('useLibrary outside LibraryContext');
  return services;
}
