/**
 * What every protocol client hands the account sync, in one shape: the server's folders, feeds and items, and the
 * calls that change them. Modelled on the one protocol NetNewsWire's account delegates implement (refresh all, send
 * article status, refresh article status, create/rename/move/remove feed and folder, validate credentials).
 */
import type { ParsedEnclosure } from '../feeds/types';
import type { AccountRequest, AccountResponse, HostResult } from '../host';
import type { OutboxChange } from '../db/schema';

/** One API call of one account, credentials added by the host (host.accountRequest bound to an account id). */
export type AccountCall = (request: AccountRequest) => Promise<HostResult<AccountResponse>>;

export interface RemoteFolder {
  /** Google Reader API: the label's stream id (`user/-/label/Tech`); Fever: the group id. */
  remoteId: string;
  title: string;
}

export interface RemoteFeed {
  remoteId: string;
  title: string;
  url: string;
  siteUrl: string | null;
  /** The folder it is in (the first label/group), or null at the top level. */
  folderRemoteId: string | null;
}

export interface RemoteSubscriptions {
  folders: RemoteFolder[];
  feeds: RemoteFeed[];
}

export interface RemoteItem {
  /** The server's id in the form article ids keep (shared/accounts/ids.ts accountArticleId). */
  itemId: string;
  feedRemoteId: string;
  title: string;
  url: string | null;
  author: string | null;
  html: string;
  /** Epoch ms. */
  published: number | null;
  /** Epoch ms the server stored it; orders undated items and moves the incremental cursor. */
  crawledAt: number | null;
  read: boolean;
  starred: boolean;
  enclosures: ParsedEnclosure[];
}

/** A page of items and what to ask for next (null: the pass is complete). */
export interface RemoteItemPage {
  items: RemoteItem[];
  next: string | null;
  /** How many items the server holds in all, where the page says (Fever's total_items): a first sync's progress. */
  total?: number;
}

export interface ChangeBatch {
  change: OutboxChange;
  itemIds: string[];
}
