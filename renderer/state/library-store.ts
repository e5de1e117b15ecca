/**
 * The library as the panes read it: feeds, folders and the unread counters, kept current by watch-feeds.ts and
 * watch-tables.ts (both also see writes made by other contexts, such as the sync worker). Rows that did not change keep their
 * identity, and a feed whose only change is its unread count keeps its row, so a count change reaches only the
 * selectors that read that count (the feed's sidebar row, its folder, the unread total), not every feed consumer.
 */
import type { BroadsheetDb, FeedRow, FolderRow } from '../../shared/db';
import { isLocalFeed, listFolders } from '../../shared/db';
import type { AccountRow } from '../../shared/db/schema';
import type { Store } from './store';
import { createStore, shallowEqual } from './store';
import { watchFeeds } from './watch-feeds';
import { watchTables } from './watch-tables';

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
 * Whether two reads of a feed row look the same to the panes: compared without the unread count (which the counters
 * carry) and without the fetch bookkeeping no pane shows (validators, fetch times, next check; the last success only
 * beside an error). Every fetch rewrites those, a 304 included: a sync of 500 unchanged feeds would otherwise make
 * 500 new rows, and every pane reading the feeds would render again for nothing. Field by field, not through
 * JSON: each commit of a sync reads all 500 rows again, and serialising each of them was most of the page's work in
 * taking the commit.
 */
export function sameShownFeed(a: FeedRow, b: FeedRow): boolean {
  if (a === b) return true;
  const x = a as unknown as Record<string, unknown>;
  const y = b as unknown as Record<string, unknown>;
  for (const key in y) {
    if (isShown(key, b) && !sameValue(x[key], y[key])) return false;
  }
  // A field only the old read has (an optional one removed) that showed something.
  for (const key in x) {
    if (!(key in y) && x[key] !== undefined && isShown(key, b)) return false;
  }
  return true;
}

const NOT_SHOWN: Readonly<Record<string, boolean>> = { unreadCount: true, etag: true, lastModified: true, bodyHash: true, lastFetchedAt: true, nextCheckAt: true };

/** The last success shows only beside an error (the sidebar's "last updated" tooltip). */
const isShown = (key: string, feed: FeedRow) => NOT_SHOWN[key] !== true && (key !== 'lastSuccessAt' || feed.lastError !== null);

/** Equal primitives, or objects (a feed's options, its last error) equal as data. */
function sameValue(x: unknown, y: unknown): boolean {
  if (Object.is(x, y)) return true;
  if (typeof x !== 'object' || typeof y !== 'object' || x === null || y === null) return false;
  return shallowEqual(x, y) || JSON.stringify(x) === JSON.stringify(y);
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
      feeds: shareRows(state.feeds, rows, sameShownFeed),
      unreadByFeed: sameCounts(state.unreadByFeed, unreadByFeed) ? state.unreadByFeed : unreadByFeed,
      unreadByFolder: sameCounts(state.unreadByFolder, unreadByFolder) ? state.unreadByFolder : unreadByFolder,
      unreadTotal,
    }));
  };

  return {
    ...store,
    connect(db) {
      const subscriptions = [
        watchFeeds(db, applyFeeds, reportError),
        watchTables(
          db,
          ['folders'],
          () => listFolders(db),
          (rows) =>
            store.set((state) => {
              const folders = shareRows(state.folders, rows, (a, b) => JSON.stringify(a) === JSON.stringify(b));
              return folders === state.folders ? {} : { folders, localFolders: folders.filter(isLocalFeed) };
            }),
          reportError,
        ),
        watchTables(
          db,
          ['accounts'],
          () => db.accounts.orderBy('position').toArray(),
          (rows) => store.set((state) => ({ accounts: shareRows(state.accounts, rows, (a, b) => JSON.stringify(a) === JSON.stringify(b)) })),
          reportError,
        ),
        watchTables(
          db,
          ['articles'],
          () => db.articles.where('[starred+starredAt]').between([1, -Infinity], [1, Infinity]).count(),
          (starredCount) => store.set({ starredCount }),
          reportError,
        ),
      ];
      return () => subscriptions.forEach((stop) => stop());
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
