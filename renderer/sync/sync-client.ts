/**
 * The window's handle on the sync worker, with the sync engine's own interface (so the UI calls `engine.syncAll()`
 * as before, whichever thread runs it): each call is a message, progress and new article ids come back as events.
 */
import type { AccountSyncOutcome, AccountSyncProgress } from '../../shared/accounts/sync';
import { createListeners } from '../../shared/listeners';
import type { NotificationDraft } from '../../shared/notifications';
import type { FeedSyncOutcome, SubscribeOutcome, SyncEngine, SyncProgress, SyncSummary } from '../../shared/sync';
import type { SearchPortMessage, SyncWorkerEvent, SyncWorkerRequest } from './sync-protocol';
import { isSyncWorkerEvent } from './sync-protocol';
import { coded } from '../../shared/i18n/errors';

/** The Worker (or one end of a MessageChannel in tests). */
export interface SyncWorkerEndpoint {
  postMessage(message: unknown, transfer?: Transferable[]): void;
  addEventListener(type: 'message', listener: (event: MessageEvent<unknown>) => void): void;
  addEventListener(type: 'error', listener: (event: Event) => void): void;
}

export interface SyncClient extends SyncEngine {
  /** Notifications a finished sync run deserves; the window shows them when it is not in use. */
  onNotifications(listener: (notifications: NotificationDraft[]) => void): () => void;
  /** New articles whose full text the window should load (the worker stored every other new article's images). */
  onFullTextWanted(listener: (ids: string[]) => void): () => void;
  /** Syncs one remote account in the worker (renderer/sync/account-job.ts). */
  syncAccount(accountId: string): Promise<AccountSyncOutcome>;
  /** Remote accounts' sync progress as the worker reports it; phase 'done' when one ended. */
  onAccountProgress(listener: (progress: AccountSyncProgress) => void): () => void;
  /** The worker sends new articles' rows to the search worker on `port` (its other end in the search worker). */
  sendArticlesTo(port: MessagePort): void;
  /** New articles the search worker was not sent (a remote account's, or before sendArticlesTo): index them by id. */
  onArticlesToIndex(listener: (ids: string[]) => void): () => void;
}

type Pending = { resolve: (value: unknown) => void; fallback: () => unknown };
type CallRequest = SyncWorkerRequest extends infer R ? (R extends { id: number } ? Omit<R, 'id'> : never) : never;

const emptySummary = (): SyncSummary => ({ outcomes: [], newArticles: 0, errors: 0 });

export function createSyncClient(worker: SyncWorkerEndpoint): SyncClient {
  let nextId = 1;
  let broken: string | null = null;
  const pending = new Map<number, Pending>();
  const progressListeners = createListeners<SyncProgress>();
  const addedListeners = createListeners<string[]>();
  const toIndexListeners = createListeners<string[]>();
  const notificationListeners = createListeners<NotificationDraft[]>();
  const fullTextListeners = createListeners<string[]>();
  const accountListeners = createListeners<AccountSyncProgress>();
  let progress: SyncProgress = { running: false, done: 0, total: 0, newArticles: 0, errors: 0 };

  function settle(id: number, value: unknown): void {
    const call = pending.get(id);
    if (!call) return;
    pending.delete(id);
    call.resolve(value === undefined ? call.fallback() : value);
  }

  function handle(event: SyncWorkerEvent): void {
    switch (event.type) {
      case 'reply':
        return settle(event.id, event.value);
      case 'reply-failed':
        console.warn(`[sync] ${event.message}`);
        return settle(event.id, undefined);
      case 'progress':
        progress = event.progress;
        return progressListeners.emit(progress);
      case 'articles-added':
        if (!event.indexed) toIndexListeners.emit(event.ids);
        return addedListeners.emit(event.ids);
      case 'full-text-wanted':
        return fullTextListeners.emit(event.ids);
      case 'notify':
        return notificationListeners.emit(event.notifications);
      case 'account-progress':
        return accountListeners.emit(event.progress);
    }
  }

  worker.addEventListener('message', (event) => {
    if (isSyncWorkerEvent(event.data)) handle(event.data);
  });
  // A worker that failed to load (or died) answers nothing: callers get empty answers instead of waiting forever.
  worker.addEventListener('error', (event) => {
    const message = (event as { message?: unknown }).message;
    broken = typeof message === 'string' && message !== '' ? message : 'The sync worker stopped';
    console.warn(`[sync] ${broken}`);
    for (const id of [...pending.keys()]) settle(id, undefined);
  });

  function call<T>(request: CallRequest, fallback: () => T): Promise<T> {
    if (broken !== null) return Promise.resolve(fallback());
    const id = nextId++;
    return new Promise<T>((resolve) => {
      pending.set(id, { resolve: resolve as (value: unknown) => void, fallback });
      worker.postMessage({ ...request, id });
    });
  }

  const signal = (request: Exclude<SyncWorkerRequest, { id: number }>) => {
    if (broken === null) worker.postMessage(request);
  };

  const failed = (feedId: string): FeedSyncOutcome => ({
    feedId,
    status: 'error',
    added: 0,
    error: { kind: 'unavailable', ...coded('errors.sync.workerNotRunning', 'The sync worker is not running') },
  });

  return {
    syncDue: () => call<SyncSummary>({ type: 'sync-due' }, emptySummary),
    syncAll: () => call<SyncSummary>({ type: 'sync-all' }, emptySummary),
    syncFeed: (feedId) => call<FeedSyncOutcome>({ type: 'sync-feed', feedId }, () => failed(feedId)),
    syncFolder: (folderId) => call<SyncSummary>({ type: 'sync-folder', folderId }, emptySummary),
    subscribeAndDiscover: (url, options = {}) =>
      call<SubscribeOutcome>({ type: 'subscribe', url, options }, () => ({ kind: 'error', error: { kind: 'unavailable', ...coded('errors.sync.workerNotRunning', 'The sync worker is not running') } })),
    syncAccount: (accountId) =>
      call<AccountSyncOutcome>({ type: 'sync-account', accountId }, () => ({ accountId, status: 'error', added: 0, error: { kind: 'unavailable', ...coded('errors.sync.workerNotRunning', 'The sync worker is not running') } })),
    cancel: () => signal({ type: 'cancel' }),
    setOnline: (online) => signal({ type: 'set-online', online }),
    start: () => signal({ type: 'start' }),
    stop: () => signal({ type: 'stop' }),
    progress: () => ({ ...progress }),
    onProgress(listener) {
      return progressListeners.add(listener);
    },
    onArticlesAdded(listener) {
      return addedListeners.add(listener);
    },
    sendArticlesTo(port) {
      if (broken === null) worker.postMessage({ type: 'search-port' } satisfies SearchPortMessage, [port]);
    },
    onArticlesToIndex(listener) {
      return toIndexListeners.add(listener);
    },
    onNotifications(listener) {
      return notificationListeners.add(listener);
    },
    onFullTextWanted(listener) {
      return fullTextListeners.add(listener);
    },
    onAccountProgress(listener) {
      return accountListeners.add(listener);
    },
  };
}
