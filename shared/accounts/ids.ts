/**
 * Ids of what an account owns. Everything an account writes into the library is prefixed with the account's id, so
 * two accounts (or an account and "On this computer", whose ids are bare hashes) never collide, and an article id
 * tells which account's server must hear about a change to it without reading any row.
 */
import { fnv1a64 } from '../db/ids';

/** Account ids are made by the host (opaque, random); this prefix tells them from the local account's. */
export const ACCOUNT_ID_PREFIX = 'acct-';

export function isRemoteAccountId(id: string): boolean {
  return id.startsWith(ACCOUNT_ID_PREFIX) && !id.includes('/');
}

export function accountFeedId(accountId: string, remoteFeedId: string): string {
  return `${accountId}/feed/${fnv1a64(remoteFeedId)}`;
}

export function accountFolderId(accountId: string, remoteFolderId: string): string {
  return `${accountId}/folder/${fnv1a64(remoteFolderId)}`;
}

/** The server's item id is kept whole in the article id: the outbox and the state lists need it back. */
export function accountArticleId(accountId: string, itemId: string): string {
  return `${accountId}/item/${itemId}`;
}

/** The account an id (feed, folder or article) belongs to, or null for "On this computer". */
export function accountOfId(id: string): string | null {
  if (!id.startsWith(ACCOUNT_ID_PREFIX)) return null;
  const slash = id.indexOf('/');
  return slash > 0 ? id.slice(0, slash) : null;
}

/** The server's item id of an account article id, or null when the id is not one. */
export function itemIdOf(articleId: string): string | null {
  const account = accountOfId(articleId);
  if (account === null) return null;
  const prefix = `${account}/item/`;
  return articleId.startsWith(prefix) ? articleId.slice(prefix.length) : null;
}
