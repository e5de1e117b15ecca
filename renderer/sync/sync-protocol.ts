/**
 * The messages between the window and its sync worker. The window sends requests (refresh, subscribe, online,
 * start/stop); the worker answers requests that carry an id, and pushes progress, the ids of new articles (for the
 * search index), those whose full text the window should load, and the notifications a finished sync run deserves.
 */
import type { AccountSyncProgress } from '../../shared/accounts/sync';
import type { NotificationDraft } from '../../shared/notifications';
import type { SyncProgress } from '../../shared/sync';

/** How the worker reaches the host: the browser host over HTTP (with the page's token), Electron over a MessagePort. */
export type SyncWorkerTransport = { kind: 'http'; token: string } | { kind: 'port' } | { kind: 'none' };

/** The first message: the worker opens `dbName` and reaches the host by `transport` (the port, if any, is transferred). */
export interface SyncWorkerInit {
  type: 'init';
  dbName: string;
  transport: SyncWorkerTransport;
}

export interface SubscribeRequestOptions {
  folderId?: string | null;
  title?: string;
  siteUrl?: string | null;
}

/** Requests that get a reply (`id`), and signals that do not. */
export type SyncWorkerRequest =
  | { type: 'sync-due'; id: number }
  | { type: 'sync-all'; id: number }
  | { type: 'sync-feed'; id: number; feedId: string }
  | { type: 'sync-folder'; id: number; folderId: string }
  | { type: 'subscribe'; id: number; url: string; options: SubscribeRequestOptions }
  | { type: 'sync-account'; id: number; accountId: string }
  | { type: 'cancel' }
  | { type: 'set-online'; online: boolean }
  | { type: 'start' }
  | { type: 'stop' };

export type SyncWorkerEvent =
  | { type: 'reply'; id: number; value: unknown }
  /** A request failed inside the worker (a bug or a broken library); the caller gets a safe empty answer. */
  | { type: 'reply-failed'; id: number; message: string }
  | { type: 'progress'; progress: SyncProgress }
  /** `indexed`: their rows already went to the search worker over its port (see SearchPortMessage). */
  | { type: 'articles-added'; ids: string[]; indexed?: boolean }
  /** New articles whose feed wants the full text: the window loads it (a worker has no DOM for Readability). */
  | { type: 'full-text-wanted'; ids: string[] }
  | { type: 'notify'; notifications: NotificationDraft[] }
  /** One remote account's sync progress (renderer/sync/account-job.ts); phase 'done' when it ended. */
  | { type: 'account-progress'; progress: AccountSyncProgress };

/**
 * Sent (unanswered) with a MessagePort whose other end the search worker holds: the worker posts the rows of the
 * feed engine's new articles on it after each merge (renderer/search/library-protocol.ts IndexRowsMessage).
 */
export interface SearchPortMessage {
  type: 'search-port';
}

export function isSearchPortMessage(value: unknown): value is SearchPortMessage {
  return typeOf(value) === 'search-port';
}

const requestTypes = new Set(['sync-due', 'sync-all', 'sync-feed', 'sync-folder', 'subscribe', 'sync-account', 'cancel', 'set-online', 'start', 'stop']);
const eventTypes = new Set(['reply', 'reply-failed', 'progress', 'articles-added', 'full-text-wanted', 'notify', 'account-progress']);

const typeOf = (value: unknown): unknown => (typeof value === 'object' && value !== null ? (value as { type?: unknown }).type : undefined);

export function isSyncWorkerInit(value: unknown): value is SyncWorkerInit {
  return typeOf(value) === 'init';
}

export function isSyncWorkerRequest(value: unknown): value is SyncWorkerRequest {
  const type = typeOf(value);
  return typeof type === 'string' && requestTypes.has(type);
}

export function isSyncWorkerEvent(value: unknown): value is SyncWorkerEvent {
  const type = typeOf(value);
  return typeof type === 'string' && eventTypes.has(type);
}
