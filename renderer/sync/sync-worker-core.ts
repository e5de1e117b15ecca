/**
 * What the sync worker does with the window's requests, apart from the Worker plumbing (sync-worker.ts), so it runs
 * in unit tests as it runs in the browser: the feed engine is one job of the job runner; requests become engine or
 * runner calls; progress, new article ids and the notifications of a finished run go back as events. New articles'
 * images (offline-copies.ts) and feed icons (favicon-lookups.ts) are fetched and stored from here too.
 */
import type { BroadsheetDb } from '../../shared/db';
import { createSyncEngine, type DiscoverFeeds, type LocalSyncEngine, type SyncEngineOptions, type SyncProgress } from '../../shared/sync';
import { createJobRunner, type SyncJobRunner } from '../../shared/sync/job-runner';
import { newArticleNotifications, notifiedArticle, type NotifiedArticle } from '../../shared/sync/new-article-notifications';
import { createAccountJob } from './account-job';
import { createFaviconLookups } from './favicon-lookups';
import { createOfflineCopies, type OfflineCopies } from './offline-copies';
import type { SyncWorkerEvent, SyncWorkerRequest } from './sync-protocol';
import type { IndexRowsMessage } from '../search/library-protocol';
import { articlesToIndexInParts } from '../search/articles-to-index';
import type { WorkerHost } from './worker-host';
import { coded } from '../../shared/i18n/errors';

export interface SyncWorkerCoreOptions {
  db: BroadsheetDb;
  host: WorkerHost;
  now: () => number;
  post: (event: SyncWorkerEvent) => void;
  discoverFeeds?: DiscoverFeeds;
  /** Engine tuning and test seams (timers, concurrency). */
  engine?: Partial<Omit<SyncEngineOptions, 'db' | 'host' | 'now'>>;
  /**
   * Progress goes to the window at most this often while a run goes on (start and end at once); default 250 ms. Each
   * one re-renders the status line, whose translated counts were a fifth of the window's work during a big sync at
   * 100 ms; four updates a second still read as a running count.
   */
  progressEveryMs?: number;
  /** Remote accounts' job tuning (tests). */
  accounts?: { itemsPerPage?: number; checkEveryMs?: number };
}

export interface SyncWorkerCore {
  handle(request: SyncWorkerRequest): void;
  /** Where other kinds of sync (accounts) are added beside the feeds. */
  runner: SyncJobRunner;
  engine: LocalSyncEngine;
  /** Images of new articles, stored from here. */
  offline: OfflineCopies;
  /**
   * From now on the feed engine's new articles go with their rows to the search worker on `port` (in parts of a merge,
   * renderer/search/articles-to-index.ts), and their ids reach the window marked `indexed`: the search worker need not read them back.
   */
  sendArticlesTo(port: Pick<MessagePort, 'postMessage'>): void;
  close(): void;
}

export function createSyncWorkerCore(options: SyncWorkerCoreOptions): SyncWorkerCore {
  const { db, post } = options;
  const engine = createSyncEngine({
    db,
    host: options.host,
    now: options.now,
    ...(options.discoverFeeds ? { discoverFeeds: options.discoverFeeds } : {}),
    // A commit every 250 ms at most: each one makes the window re-read and re-render what changed.
    mergeGapMs: 250,
    ...options.engine,
  });
  const runner = createJobRunner();
  runner.add('feeds', engine);
  const offline = createOfflineCopies({ db, host: options.host, now: options.now, wantFullText: (ids) => post({ type: 'full-text-wanted', ids }) });
  let searchPort: Pick<MessagePort, 'postMessage'> | null = null;
  engine.onArticlesStored((articles) => {
    // The run's notifications read these few fields of each new article when it ends, not the rows again.
    if (running) for (const { article } of articles) runAdded.push(notifiedArticle(article));
    offline.enqueueStored(articles);
    if (!searchPort) return;
    for (const part of articlesToIndexInParts(articles)) searchPort.postMessage({ type: 'index-rows', articles: part } satisfies IndexRowsMessage);
  });
  const favicons = createFaviconLookups({ db, host: options.host, now: options.now });
  const lookUpFavicons = () => void favicons.lookUpDue().catch(() => undefined);
  // Remote accounts: their own job (renderer/sync/account-job.ts); new account articles are indexed and stored offline as feeds' are.
  const accountHost = { accountRequest: options.host.accountRequest ?? (async () => ({ ok: false as const, error: { kind: 'unavailable' as const, ...coded('errors.host.noAccountCalls', 'This host cannot reach accounts') } })) };
  const accounts = createAccountJob({
    db,
    host: accountHost,
    now: options.now,
    onArticlesAdded: (ids, news) => {
      offline.enqueue(ids);
      post({ type: 'articles-added', ids });
      // An account's new items are news like a feed's, announced when the run ends; its first sync's backlog is not.
      if (news && running) runAdded.push(...ids);
    },
    onAccountProgress: (progress) => post({ type: 'account-progress', progress }),
    ...options.accounts,
  });
  runner.add('accounts', accounts);

  // New article ids go to the window once per task (a merge of many feeds announces each feed in turn).
  let addedBuffer: string[] = [];
  /** Whether the buffered ids' rows went to the search worker (set when the first of them arrives). */
  let bufferIndexed = false;
  /**
   * What the current run added, for its notifications: the feed engine's rows as written, an account's ids (read back
   * at the end). Articles added outside a run (a new subscription) are no news.
   */
  let runAdded: Array<string | NotifiedArticle> = [];
  let running = false;
  engine.onArticlesAdded((ids) => {
    if (addedBuffer.length === 0) {
      bufferIndexed = searchPort !== null;
      queueMicrotask(() => {
        const batch = addedBuffer;
        addedBuffer = [];
        post({ type: 'articles-added', ids: batch, ...(bufferIndexed ? { indexed: true } : {}) });
      });
    }
    addedBuffer.push(...ids);
  });

  const progressEveryMs = options.progressEveryMs ?? 250;
  let progressTimer: ReturnType<typeof setTimeout> | undefined;
  let pending: SyncProgress | null = null;
  const stopProgress = runner.onProgress((progress) => {
    if (progress.running !== running) {
      const finished = running;
      running = progress.running;
      clearTimeout(progressTimer);
      progressTimer = undefined;
      pending = null;
      post({ type: 'progress', progress });
      if (finished) {
        notifyRun(runAdded);
        lookUpFavicons();
      }
      runAdded = [];
      return;
    }
    pending = progress;
    progressTimer ??= setTimeout(() => {
      progressTimer = undefined;
      if (pending) post({ type: 'progress', progress: pending });
      pending = null;
    }, progressEveryMs);
  });

  function notifyRun(added: ReadonlyArray<string | NotifiedArticle>): void {
    if (added.length === 0) return;
    void newArticleNotifications(db, added).then(
      (notifications) => {
        if (notifications.length > 0) post({ type: 'notify', notifications });
      },
      () => undefined,
    );
  }

  function reply(id: number, work: () => Promise<unknown>): void {
    work().then(
      (value) => post({ type: 'reply', id, value }),
      (error: unknown) => post({ type: 'reply-failed', id, message: error instanceof Error ? error.message : String(error) }),
    );
  }

  return {
    handle(request) {
      switch (request.type) {
        case 'sync-due':
          // Every kind of sync catches up, but the answer is the feeds' summary (what the window shows).
          return reply(request.id, async () => (await runner.syncDue()).feeds);
        case 'sync-all':
          return reply(request.id, async () => (await runner.syncAll()).feeds);
        case 'sync-feed':
          return reply(request.id, () => engine.syncFeed(request.feedId));
        case 'sync-folder':
          return reply(request.id, () => engine.syncFolder(request.folderId));
        case 'subscribe':
          return reply(request.id, async () => {
            const outcome = await engine.subscribeAndDiscover(request.url, request.options);
            if (outcome.kind === 'subscribed') lookUpFavicons();
            return outcome;
          });
        case 'sync-account':
          return reply(request.id, () => accounts.syncAccount(request.accountId));
        case 'cancel':
          return engine.cancel();
        case 'set-online':
          return runner.setOnline(request.online);
        case 'start':
          lookUpFavicons();
          return runner.start();
        case 'stop':
          return runner.stop();
      }
    },
    runner,
    engine,
    offline,
    sendArticlesTo(port) {
      searchPort = port;
    },
    close() {
      runner.stop();
      stopProgress();
      clearTimeout(progressTimer);
    },
  };
}
