import { useCallback, useSyncExternalStore } from 'react';
import type { AccountSyncProgress } from '../../shared/accounts/sync';
import { useLibrary } from '../library/library-context';

/** The account's sync in progress (from the sync worker), or null; re-renders only this account's views. */
export function useAccountProgress(accountId: string): AccountSyncProgress | null {
  const { accounts } = useLibrary();
  const read = useCallback(() => accounts.progress(accountId), [accounts, accountId]);
  return useSyncExternalStore(accounts.subscribe, read, read);
}
