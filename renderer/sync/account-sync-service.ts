/**
 * The window's side of remote accounts' sync: "Sync now" asks the sync worker (where the account job runs), and each
 * account's running progress is kept here as the worker reports it, for the progress bars (useAccountProgress). The
 * window never merges account data itself.
 */
import type { AccountSyncOutcome, AccountSyncProgress } from '../../shared/accounts/sync';
import { createListeners } from '../../shared/listeners';
import type { SyncClient } from './sync-client';

export interface AccountSyncService {
  syncAccount(accountId: string): Promise<AccountSyncOutcome>;
  /** The account's sync in progress, or null when none runs. */
  progress(accountId: string): AccountSyncProgress | null;
  /** Called whenever any account's progress changes. */
  subscribe(listener: () => void): () => void;
}

export function createAccountSyncService(client: Pick<SyncClient, 'syncAccount' | 'onAccountProgress'>): AccountSyncService {
  const running = new Map<string, AccountSyncProgress>();
  const listeners = createListeners();
  client.onAccountProgress((progress) => {
    if (progress.phase === 'done') running.delete(progress.accountId);
    else running.set(progress.accountId, progress);
    listeners.emit();
  });
  return {
    syncAccount: (accountId) => client.syncAccount(accountId),
    progress: (accountId) => running.get(accountId) ?? null,
    subscribe(listener) {
      return listeners.add(listener);
    },
  };
}
