/**
 * For render tests that build LibraryServices by hand (the engine on the test's thread, no worker): remote accounts
 * that do nothing, on the sync client (`engine`) and as the window's account service.
 */
import type { AccountSyncService } from '../../../renderer/sync/account-sync-service';
import type { SyncClient } from '../../../renderer/sync/sync-client';

const skipped = async (accountId: string) => ({ accountId, status: 'skipped' as const, reason: 'missing' as const });

/** Spread into the hand-made sync client. */
export const noAccountCalls: Pick<SyncClient, 'syncAccount' | 'onAccountProgress'> = { syncAccount: skipped, onAccountProgress: () => () => undefined };

export const noAccounts: AccountSyncService = { syncAccount: skipped, progress: () => null, subscribe: () => () => undefined };
