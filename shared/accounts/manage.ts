/**
 * Adding and removing accounts, and editing an account's subscriptions on its server. The host signs in and keeps the
 * credentials; the library keeps the account's row (no password) and what its server lists.
 */
import { unsubscribe } from '../db/feeds';
import { localAccountRow, type AccountRow, type BroadsheetDb, type FeedRow, type FolderRow } from '../db/schema';
import type { AccountInfo, AccountSignIn, Host, HostError, HostResult } from '../host';
import { err, ok } from '../result';
import { createGReaderClient } from './greader/client';
import { accountOfId } from './ids';
import { serviceVariants } from './services';
import { applySubscriptions } from './store';

export type AccountsHost = Pick<Host, 'addAccount' | 'removeAccount' | 'accountRequest' | 'signInAgain'>;

/** Signs in through the host and, when the server accepts, adds the account to the library (to be synced next). */
export async function addAccount(db: BroadsheetDb, host: AccountsHost, signIn: AccountSignIn, now: number): Promise<HostResult<AccountRow>> {
  const added = await host.addAccount(signIn);
  if (!added.ok) return added;
  const row = await db.transaction('rw', db.accounts, async () => {
    const last = await db.accounts.orderBy('position').last();
    const account = accountRow(added.value, (last?.position ?? 0) + 1, now);
    await db.accounts.put(account);
    return account;
  });
  return ok(row);
}

function accountRow(info: AccountInfo, position: number, now: number): AccountRow {
  const variant = serviceVariants[info.service];
  let host = info.serverUrl;
  try {
    host = new URL(info.serverUrl).host;
  } catch {
    // Validated by the host already; the raw address is a fine title too.
  }
  return {
    ...localAccountRow(now),
    id: info.accountId,
    kind: variant.protocol,
    service: info.service,
    title: variant.hostedUrl ? variant.name : `${variant.name.replace(/^Other /, '')} (${host})`,
    serverUrl: info.serverUrl,
    userName: info.userName,
    position,
  };
}

/** New password after "sign in again": the account syncs again from where it stopped. */
export async function signInAgain(db: BroadsheetDb, host: AccountsHost, accountId: string, password: string): Promise<HostResult<null>> {
  const answer = await host.signInAgain(accountId, password);
  if (answer.ok) await db.accounts.update(accountId, { needsSignIn: 0, lastError: null });
  return answer;
}

/**
 * Removes an account: its feeds, folders, unread articles and outbox go; its bookmarks stay as articles of no
 * account (read, with their feed's title and address), as after unsubscribing a local feed. The host forgets the
 * credentials.
 */
export async function removeAccount(db: BroadsheetDb, host: AccountsHost, accountId: string): Promise<HostResult<{ keptBookmarks: number }>> {
  if (accountOfId(`${accountId}/`) === null) return err({ kind: 'invalid-argument', message: 'This account cannot be removed.' });
  const kept = await db.transaction('rw', [db.accounts, db.folders, db.feeds, db.articles, db.contents, db.images, db.enclosures, db.outbox], async () => {
    let keptBookmarks = 0;
    for (const feed of await db.feeds.where('accountId').equals(accountId).toArray()) keptBookmarks += (await unsubscribe(db, feed.id)).kept;
    await db.folders.where('accountId').equals(accountId).delete();
    await db.outbox.where('accountId').equals(accountId).delete();
    await db.accounts.delete(accountId);
    return keptBookmarks;
  });
  const forgotten = await host.removeAccount(accountId);
  return forgotten.ok ? ok({ keptBookmarks: kept }) : forgotten;
}

export const cannotEdit = (): HostError => ({
  kind: 'invalid-argument',
  message: 'Fever cannot add or change subscriptions: make this change on the server; it shows here after the next sync.',
});

/** Subscription editing for accounts whose protocol allows it (not Fever); each re-reads the server's list after. */
export interface SubscriptionEditor {
  subscribe(url: string, folderTitle: string | null): Promise<HostResult<FeedRow>>;
  unsubscribe(feedId: string): Promise<HostResult<null>>;
  renameFeed(feedId: string, title: string): Promise<HostResult<null>>;
  moveFeed(feedId: string, folderTitle: string | null): Promise<HostResult<null>>;
  renameFolder(folderId: string, title: string): Promise<HostResult<null>>;
}

export async function subscriptionEditor(db: BroadsheetDb, host: Pick<Host, 'accountRequest'>, accountId: string, now: () => number): Promise<HostResult<SubscriptionEditor>> {
  const account = await db.accounts.get(accountId);
  if (!account || account.service === 'local') return err({ kind: 'invalid-argument', message: 'No such account.' });
  if (!serviceVariants[account.service].canEditSubscriptions) return err(cannotEdit());
  const client = createGReaderClient((request) => host.accountRequest(accountId, request));

  async function refresh(): Promise<HostResult<null>> {
    const list = await client.subscriptions();
    if (!list.ok) return list;
    await applySubscriptions(db, accountId, list.value, now());
    return ok(null);
  }
  const then = async (answer: HostResult<null>): Promise<HostResult<null>> => (answer.ok ? refresh() : answer);
  async function feedOf(feedId: string): Promise<HostResult<FeedRow & { remoteId: string }>> {
    const feed = await db.feeds.get(feedId);
    return feed && feed.accountId === accountId && feed.remoteId ? ok(feed as FeedRow & { remoteId: string }) : err({ kind: 'invalid-argument', message: 'No such feed in this account.' });
  }
  async function folderOf(folderId: string | null): Promise<FolderRow | null> {
    return folderId === null ? null : ((await db.folders.get(folderId)) ?? null);
  }

  return ok({
    async subscribe(url, folderTitle) {
      const added = await client.subscribe(url, folderTitle);
      if (!added.ok) return added;
      const refreshed = await refresh();
      if (!refreshed.ok) return refreshed;
      const feed = await db.feeds.where('accountId').equals(accountId).filter((f) => f.remoteId === added.value).first();
      return feed ? ok(feed) : err({ kind: 'http', message: 'The server subscribed but does not list the feed yet; it shows after the next sync.' });
    },
    async unsubscribe(feedId) {
      const feed = await feedOf(feedId);
      if (!feed.ok) return feed;
      return then(await client.unsubscribe(feed.value.remoteId));
    },
    async renameFeed(feedId, title) {
      const feed = await feedOf(feedId);
      if (!feed.ok) return feed;
      return then(await client.renameFeed(feed.value.remoteId, title.trim()));
    },
    async moveFeed(feedId, folderTitle) {
      const feed = await feedOf(feedId);
      if (!feed.ok) return feed;
      const from = await folderOf(feed.value.folderId);
      return then(await client.moveFeed(feed.value.remoteId, from?.remoteId ?? null, folderTitle));
    },
    async renameFolder(folderId, title) {
      const folder = await folderOf(folderId);
      if (!folder || folder.accountId !== accountId || !folder.remoteId) return err({ kind: 'invalid-argument', message: 'No such folder in this account.' });
      return then(await client.renameFolder(folder.remoteId, title.trim()));
    },
  });
}
