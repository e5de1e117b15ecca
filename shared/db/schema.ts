/**
 * The library database (Dexie over IndexedDB). Slim `articles` rows for lists and search, heavy `contents`
 * by article id for the reader (ARCHITECTURE: scanning full rows is 10x slower). Booleans are 0/1 so they
 * can be indexed. Every schema change is a new version with an upgrade and a migration test.
 *
 * Index choices for 100,000 articles:
 * - `[feedId+sortTime]` feed views; folder views open one range per feed of the folder and merge them
 *   (a folder holds tens of feeds, each range read is bounded by the page size).
 * - `[feedId+read+sortTime]` unread-only feed/folder views and mark-all-read of a feed without a scan.
 * - `[read+sortTime]` the Unread view and unread-only All/Today; `sortTime` the All and Today views.
 * - `[starred+starredAt]` the Starred view, newest bookmark first.
 * - feeds: `&url` (unique subscription), `nextCheckAt` (due feeds), `folderId`; v2 adds `[folderId+position]`.
 */
import { Dexie, type Table } from 'dexie';
import type { ParsedEnclosure } from '../feeds/types';
import type { HostError, RemoteService } from '../host';

export type Bit = 0 | 1;

/** The account every local feed and folder belongs to ("On this computer"): feeds Broadsheet fetches itself. */
export const LOCAL_ACCOUNT_ID = 'local';

export interface FolderRow {
  id: string;
  title: string;
  position: number;
  /** v5: the account owning the folder (LOCAL_ACCOUNT_ID for local folders). */
  accountId?: string;
  /** For an account's folder: the server's label (Google Reader API) or group id (Fever). */
  remoteId?: string;
}

/** Per-feed options used by later features. */
export interface FeedOptions {
  /** Load the full article text (readability) for new articles of this feed. */
  fullText?: boolean;
  /** Keep images of this feed's articles for offline reading. */
  offlineImages?: boolean;
  /** false mutes this feed's "new articles" notifications. */
  notify?: boolean;
}

export interface FeedRow {
  id: string;
  /** v5: the account owning the feed (LOCAL_ACCOUNT_ID for feeds Broadsheet fetches itself). */
  accountId?: string;
  /** For an account's feed: the server's id for it (`feed/12`, a Fever feed id). */
  remoteId?: string;
  /** Normalised, unique. Changes on a permanent redirect; the id does not. */
  url: string;
  folderId: string | null;
  title: string;
  /** 1 when the user renamed the feed: fetched titles no longer overwrite it. */
  userTitled: Bit;
  siteUrl: string | null;
  iconUrl?: string | null;
  description?: string | null;
  position: number;
  etag: string | null;
  lastModified: string | null;
  bodyHash: string | null;
  lastFetchedAt: number | null;
  lastSuccessAt: number | null;
  /** Epoch ms; a feed is due when nextCheckAt <= now. */
  nextCheckAt: number;
  /** User-chosen minutes between checks; null = adaptive around the global setting. */
  intervalMinutes: number | null;
  /** Days to keep articles; null = the global setting. */
  retentionDays: number | null;
  /** The feed's own TTL (RSS <ttl>), minutes. */
  ttlMinutes?: number | null;
  lastError: HostError | null;
  errorCount: number;
  /** 1 after 410 Gone: no longer polled automatically. */
  gone: Bit;
  /** Number of this feed's articles with read = 0, kept in the same transaction as every change. */
  unreadCount: number;
  /**
   * Newest sortTime retention deleted: a fetched item older than this that is not in the table was deleted
   * by retention, and is not added again as a new unread article.
   */
  purgedBefore: number;
  options: FeedOptions;
  createdAt: number;
}

export interface ArticleRow {
  id: string;
  feedId: string;
  guid: string | null;
  url: string | null;
  title: string;
  author: string | null;
  /** Plain-text snippet, at most 300 characters. */
  summary: string;
  imageUrl: string | null;
  published: number | null;
  updated: number | null;
  fetchedAt: number;
  /** published ?? fetch time; what lists are ordered by. */
  sortTime: number;
  read: Bit;
  starred: Bit;
  /** 0 when not starred. */
  starredAt: number;
  contentHash: string;
  /** Copied from the feed when the feed is unsubscribed but this article is kept as a bookmark. */
  feedTitle?: string;
  feedUrl?: string;
  /**
   * 1 when a rule hid it: never listed or counted (it is stored read, so no unread counter or view sees it), kept so
   * the feed does not bring it back as new, found with `is:hidden`. Absent otherwise, so the `hidden` index is sparse.
   */
  hidden?: 1;
  /** 1 when a rule said "keep forever": retention never deletes it. Absent otherwise. */
  kept?: 1;
  /** 1 when a rule asked to be told about it: announced after the sync even where the feed's notifications are off. */
  ruleNotify?: 1;
}

export interface ContentRow {
  articleId: string;
  /** content ?? summary, as given by the feed (sanitised only when shown). */
  html: string;
  enclosures: ParsedEnclosure[];
  categories: string[];
  fullText?: string | null;
  fullTextFetchedAt?: number | null;
  /** Why the last full-text load failed (the feed's content is shown instead); null after a success. */
  fullTextError?: string | null;
}

export interface ImageRow {
  url: string;
  articleId: string;
  blob: Blob;
  type: string;
  bytes: number;
  storedAt: number;
}

/** A podcast episode (an audio/video enclosure) the user chose to keep offline; deleted with its article. */
export interface EnclosureRow {
  url: string;
  articleId: string;
  blob: Blob;
  type: string;
  bytes: number;
  storedAt: number;
}

export interface SettingRow {
  key: string;
  value: unknown;
}

/** The search index as bytes (shared/search serializeSearchIndex), with the newest fetchedAt it covers. */
/** A search snapshot kept in a file of the Worker's private file system (renderer/search/snapshot-store.ts). */
export interface SearchSnapshotFile {
  name: string;
  /** Random per save; the file's header must hold the same, or the file belongs to another save. */
  generation: [number, number];
  length: number;
}

export interface SearchSnapshotRow {
  key: string;
  /** The snapshot, or empty when it is kept in `file`. */
  bytes: Uint8Array;
  file?: SearchSnapshotFile;
  /** Articles with fetchedAt greater than this are not in the snapshot. */
  coversFetchedAt: number;
  savedAt: number;
}

/** What a rule looks at: everything, one account, a folder or one feed. */
export type RuleScope =
  | { kind: 'all' }
  | { kind: 'account'; accountId: string }
  | { kind: 'folder'; folderId: string }
  | { kind: 'feed'; feedId: string };

/** What a rule does to a new article it matches; any combination. */
export interface RuleActions {
  markRead: boolean;
  bookmark: boolean;
  hide: boolean;
  notify: boolean;
  keep: boolean;
}

/** A rule (shared/rules): its condition is a search query (shared/search/query.ts) with title:, content: and /regex/. */
export interface RuleRow {
  id: string;
  name: string;
  /** Rules run in ascending position; dense from 0. */
  position: number;
  enabled: Bit;
  scope: RuleScope;
  condition: string;
  actions: RuleActions;
  createdAt: number;
  updatedAt: number;
}

/** Read/starred state imported from a backup for an article not fetched yet; applied when it arrives. */
export interface PendingStateRow {
  id: string;
  read: Bit;
  starred: Bit;
  starredAt: number;
}

export type AccountKind = 'local' | 'greader' | 'fever';

/** Which service an account talks to; picks the variant of its protocol (shared/accounts/services.ts). */
export type AccountService = 'local' | RemoteService;

/**
 * Where an account's sync stands. Google Reader API: `itemsSince` is the `ot` (seconds) of the next incremental pass;
 * Fever: `sinceId` the highest item id stored. `pass` is an unfinished first or incremental pass, written in the same
 * transaction as each page it stored, so a sync cut off mid-way resumes where it stopped.
 */
export interface AccountCursors {
  itemsSince?: number;
  sinceId?: string;
  /** `newestSeen`: the newest crawl time (s) among the pass's items, the next pass's `itemsSince`. */
  pass?: { startedAt: number; continuation: string; newestSeen?: number } | null;
  /** When read state was last reconciled from the full unread id list (epoch ms); between, unread counts may vouch for it. */
  statesCheckedAt?: number;
}

/**
 * An account: "On this computer" (kind local) or a remote service. Never holds a password: the host keeps the
 * credentials and the renderer names the account by its opaque id (host.accountRequest).
 */
export interface AccountRow {
  id: string;
  kind: AccountKind;
  service: AccountService;
  title: string;
  serverUrl: string | null;
  userName: string | null;
  position: number;
  createdAt: number;
  lastSyncAt: number | null;
  lastError: HostError | null;
  /** 1 when the server refused the stored password: no sync is tried until the user signs in again. */
  needsSignIn: Bit;
  /** Epoch ms before which the server must not be asked again (429/503 Retry-After); 0 when free. */
  retryAt: number;
  cursors: AccountCursors;
}

export type OutboxChange = 'read' | 'unread' | 'star' | 'unstar';

/**
 * A read/star change made in Broadsheet on an account article, written in the same transaction as the change and
 * deleted when the server acknowledged it. `seq` orders the pushes. A change the server refused keeps its row with
 * `rejected` set, so it is shown and never silently dropped.
 */
export interface OutboxRow {
  seq?: number;
  accountId: string;
  articleId: string;
  change: OutboxChange;
  createdAt: number;
  rejected?: string | null;
}

export const SCHEMA_V1 = {
  folders: 'id, position',
  feeds: 'id, &url, folderId, nextCheckAt',
  articles: 'id, feedId, sortTime, [feedId+sortTime], [read+sortTime], [feedId+read+sortTime], [starred+starredAt]',
  contents: 'articleId',
  images: 'url, articleId',
  settings: 'key',
} as const;

/** v2: ordered sidebar reads per folder, eviction of old offline images, pending backup states. */
export const SCHEMA_V2 = {
  ...SCHEMA_V1,
  feeds: 'id, &url, folderId, nextCheckAt, [folderId+position]',
  images: 'url, articleId, storedAt',
  pendingStates: 'id',
} as const;

/**
 * v3: the search index is saved as a snapshot (so start-up loads it instead of rebuilding), and articles are
 * indexed by fetchedAt so the articles that arrived after a snapshot can be found without a scan.
 */
export const SCHEMA_V3 = {
  ...SCHEMA_V2,
  articles: `${SCHEMA_V2.articles}, fetchedAt`,
  searchSnapshots: 'key',
} as const;

/** v4: enclosures downloaded on demand for offline listening. */
export const SCHEMA_V4 = {
  ...SCHEMA_V3,
  enclosures: 'url, articleId',
} as const;

/**
 * v5: accounts. Feeds and folders belong to an account; a feed URL is unique per account (the same feed may be in
 * "On this computer" and in a FreshRSS account), so `&url` becomes `url` beside a unique `[accountId+url]`. The
 * outbox holds read/star changes not yet acknowledged by an account's server, in order.
 */
export const SCHEMA_V5 = {
  ...SCHEMA_V4,
  folders: 'id, position, accountId',
  feeds: 'id, url, &[accountId+url], accountId, folderId, nextCheckAt, [folderId+position]',
  accounts: 'id, position',
  outbox: '++seq, accountId, articleId',
} as const;

/** The row of "On this computer", created by the v5 upgrade and on a new database. */
export function localAccountRow(now: number): AccountRow {
  return {
    id: LOCAL_ACCOUNT_ID,
    kind: 'local',
    service: 'local',
    title: 'On this computer',
    serverUrl: null,
    userName: null,
    position: 0,
    createdAt: now,
    lastSyncAt: null,
    lastError: null,
    needsSignIn: 0,
    retryAt: 0,
    cursors: {},
  };
}

/**
 * v6: rules, and the article flags their actions set. `hidden` is indexed for `is:hidden`; only hidden rows carry
 * the field, so the index holds just them.
 */
export const SCHEMA_V6 = {
  ...SCHEMA_V5,
  articles: `${SCHEMA_V5.articles}, hidden`,
  rules: 'id, position',
} as const;

export const CURRENT_DB_VERSION = 6;

export interface BroadsheetDbOptions {
  name: string;
  /** An IndexedDB factory (fake-indexeddb in Node tests); the global one when absent. */
  indexedDB?: IDBFactory;
  IDBKeyRange?: typeof IDBKeyRange;
}

export class BroadsheetDb extends Dexie {
  declare folders: Table<FolderRow, string>;
  declare feeds: Table<FeedRow, string>;
  declare articles: Table<ArticleRow, string>;
  declare contents: Table<ContentRow, string>;
  declare images: Table<ImageRow, string>;
  declare enclosures: Table<EnclosureRow, string>;
  declare settings: Table<SettingRow, string>;
  declare pendingStates: Table<PendingStateRow, string>;
  declare searchSnapshots: Table<SearchSnapshotRow, string>;
  declare rules: Table<RuleRow, string>;
  declare accounts: Table<AccountRow, string>;
  declare outbox: Table<OutboxRow, number>;

  constructor(options: BroadsheetDbOptions) {
    super(options.name, {
      ...(options.indexedDB ? { indexedDB: options.indexedDB } : {}),
      ...(options.IDBKeyRange ? { IDBKeyRange: options.IDBKeyRange } : {}),
    });
    this.version(1).stores(SCHEMA_V1);
    this.version(2)
      .stores(SCHEMA_V2)
      .upgrade(async (tx) => {
        // [folderId+position] orders a folder's feeds only if positions are dense per folder: renumber them
        // in their existing order. Fill fields v1 rows may lack so v2 code can rely on them.
        const feeds = (await tx.table('feeds').toArray()) as Array<Partial<FeedRow> & { id: string }>;
        const byFolder = new Map<string, Array<Partial<FeedRow> & { id: string }>>();
        for (const feed of feeds) {
          const folder = feed.folderId ?? '';
          const list = byFolder.get(folder) ?? [];
          list.push(feed);
          byFolder.set(folder, list);
        }
        for (const list of byFolder.values()) {
          list.sort((a, b) => (a.position ?? 0) - (b.position ?? 0) || a.id.localeCompare(b.id));
          for (const [index, feed] of list.entries()) {
            await tx.table('feeds').update(feed.id, {
              position: index,
              folderId: feed.folderId ?? null,
              purgedBefore: feed.purgedBefore ?? 0,
              options: feed.options ?? {},
            });
          }
        }
      });
    // v3 only adds an index and a table: Dexie builds the index from the existing rows.
    this.version(3).stores(SCHEMA_V3);
    // v4 only adds a table.
    this.version(4).stores(SCHEMA_V4);
    // v5: everything that exists becomes "On this computer"'s.
    this.version(5)
      .stores(SCHEMA_V5)
      .upgrade(async (tx) => {
        await tx.table('accounts').put(localAccountRow(Date.now()));
        await tx.table('feeds').toCollection().modify({ accountId: LOCAL_ACCOUNT_ID });
        await tx.table('folders').toCollection().modify({ accountId: LOCAL_ACCOUNT_ID });
      });
    // v6 adds the rules table and a sparse index (no v5 row has `hidden`, so no row changes).
    this.version(6).stores(SCHEMA_V6);
    // A new database gets the local account too (upgrade functions do not run on creation).
    this.on('populate', (tx) => {
      void tx.table('accounts').add(localAccountRow(Date.now()));
    });
  }
}
