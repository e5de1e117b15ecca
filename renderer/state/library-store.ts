/**
 * The library as the panes read it: feeds, folders and the unread counters, kept current from Dexie live queries
 * (they also see writes made by other contexts, such as the sync worker). Rows that did not change keep their
 * identity, and a feed whose only change is its unread count keeps its row, so a count change reaches only the
 * selectors that read that count (the feed's sidebar row, its folder, the unread total), not every feed consumer.
 */
import { liveQuery } from 'dexie';
import type { BroadsheetDb, FeedRow, FolderRow } from '../../shared/db';
import { isLocalFeed, listFeeds, listFolders } from '../../shared/db';
import type { AccountRow } from '../../shared/db/schema';
import type { Store } from './store';
import { createStore } from './store';

export interface LibraryState {
  /** False until the feeds have been read once. */
  loaded: boolean;
  /**
   * In sidebar order. A row's `unreadCount` is not kept current here (read `unreadByFeed`), nor is its fetch
   * bookkeeping (etag, lastModified, bodyHash, lastFetchedAt, nextCheckAt; lastSuccessAt while it has no error).
   */
  feeds: readonly FeedRow[];
  folders: readonly FolderRow[];
  /** The folders of "On this computer": local feeds move only into these (an account's folders are its server's). */
  localFolders: readonly FolderRow[];
  /** Accounts in order; with more than one, the sidebar groups feeds under their account. */
  accounts: readonly AccountRow[];
  unreadByFeed: Readonly<Record<string, number>>;
  unreadByFolder: Readonly<Record<string, number>>;
  unreadTotal: number;
  starredCount: number;
}

export type LibraryStore = Store<LibraryState> & {
  /** Starts the live queries; returns the function that stops them. */
  connect(db: BroadsheetDb): () => void;
};

const noFeeds: FeedRow[] = [];
const noFolders: FolderRow[] = [];
const noAccounts: AccountRow[] = [];

/**
 * A feed row compared as the panes show it: without its unread count (which the counters carry) and without the
 * fetch bookkeeping no pane shows (validators, fetch times, next check; the last success only beside an error). Every
 * fetch rewrites those, a 304 included: a sync of 500 unchanged feeds would otherwise make 500 new rows, and every
 * pane reading the feeds would render again for nothing.
 */
function feedKey(feed: FeedRow): string {
  const { unreadCount: _unread, etag: _etag, lastModified: _modified, bodyHash: _hash, lastFetchedAt: _fetched, nextCheckAt: _next, lastSuccessAt, ...shown } = feed;
  return JSON.stringify(feed.lastError ? { ...shown, lastSuccessAt } : shown);
}

/** `next` with every row equal to one of `previous` (by `same`) replaced by that row; `previous` itself when all are. */
export function shareRows<T extends { id: string }>(previous: readonly T[], next: readonly T[], same: (a: T, b: T) => boolean): readonly T[] {
  const before = new Map(previous.map((row) => [row.id, row]));
  let unchanged = previous.length === next.length;
  const shared = next.map((row, index) => {
    const old = before.get(row.id);
    const kept = old !== undefined && same(old, row) ? old : row;
    if (kept !== previous[index]) unchanged = false;
    return kept;
  });
  return unchanged ? previous : shared;
}

export function createLibraryStore(): LibraryStore {
  const store = createStore<LibraryState>({
    loaded: false,
    feeds: noFeeds,
    folders: noFolders,
    localFolders: noFolders,
    accounts: noAccounts,
    unreadByFeed: {},
    unreadByFolder: {},
    unreadTotal: 0,
    starredCount: 0,
  });
  const feedKeys = new WeakMap<FeedRow, string>();
  const cachedFeedKey = (feed: FeedRow) => {
    let key = feedKeys.get(feed);
    if (key === undefined) {
      key = feedKey(feed);
      feedKeys.set(feed, key);
    }
    return key;
  };

  const applyFeeds = (rows: FeedRow[]) => {
    const unreadByFeed: Record<string, number> = {};
    const unreadByFolder: Record<string, number> = {};
    let unreadTotal = 0;
    for (const feed of rows) {
      unreadByFeed[feed.id] = feed.unreadCount;
      unreadTotal += feed.unreadCount;
      if (feed.folderId !== null) unreadByFolder[feed.folderId] = (unreadByFolder[feed.folderId] ?? 0) + feed.unreadCount;
    }
    store.set((state) => ({
      loaded: true,
      feeds: shareRows(state.feeds, rows, (a, b) => cachedFeedKey(a) === cachedFeedKey(b)),
      unreadByFeed: sameCounts(state.unreadByFeed, unreadByFeed) ? state.unreadByFeed : unreadByFeed,
      unreadByFolder: sameCounts(state.unreadByFolder, unreadByFolder) ? state.unreadByFolder : unreadByFolder,
      unreadTotal,
    }));
  };

  return {
    ...store,
    connect(db) {
      const subscriptions = [
        liveQuery(() => listFeeds(db)).subscribe({ next: applyFeeds, error: reportError }),
        liveQuery(() => listFolders(db)).subscribe({
          next: (rows) =>
            store.set((state) => {
              const folders = shareRows(state.folders, rows, (a, b) => JSON.stringify(a) === JSON.stringify(b));
              return folders === state.folders ? {} : { folders, localFolders: folders.filter(isLocalFeed) };
            }),
          error: reportError,
        }),
        liveQuery(() => db.accounts.orderBy('position').toArray()).subscribe({
          next: (rows) => store.set((state) => ({ accounts: shareRows(state.accounts, rows, (a, b) => JSON.stringify(a) === JSON.stringify(b)) })),
          error: reportError,
        }),
        liveQuery(() => db.articles.where('[starred+starredAt]').between([1, -Infinity], [1, Infinity]).count()).subscribe({
          next: (starredCount) => store.set({ starredCount }),
          error: reportError,
        }),
      ];
      return () => subscriptions.forEach((subscription) => subscription.unsubscribe());
    },
  };
}

function sameCounts(a: Readonly<Record<string, number>>, b: Readonly<Record<string, number>>): boolean {
  const keys = Object.keys(a);
  return keys.length === Object.keys(b).length && keys.every((key) => a[key] === b[key]);
}

function reportError(error: unknown): void {
  console.error('library live query failed', error);
}
