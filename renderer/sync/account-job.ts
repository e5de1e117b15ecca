/**
 * Remote accounts as one job of the sync worker's job runner (shared/sync/job-runner.ts), beside the feed engine: it
 * gets the same signals (start, the timer, wake-up, "refresh all", back online) and syncs each remote account with
 * shared/accounts/sync.ts. The worker reaches the host for account calls the way it does for feeds (the browser host
 * over HTTP, Electron's MessagePort); the host adds the credentials, so the worker only ever holds account ids.
 *
 * Each account's progress (phase, items stored, items expected on a first sync) goes to the window as it changes,
 * for the progress bars in Settings → Accounts and on the sidebar's account heading.
 */
import { createAccountSync, type AccountSyncHost, type AccountSyncOutcome, type AccountSyncProgress } from '../../shared/accounts/sync';
import { createListeners } from '../../shared/listeners';
import type { BroadsheetDb } from '../../shared/db';
import { getSetting } from '../../shared/db';
import type { SyncProgress } from '../../shared/sync';
import type { SyncJob } from '../../shared/sync/job-runner';

/** How often the job looks whether an account is due; each syncs when the sync interval has passed since its last sync. */
export const ACCOUNT_CHECK_MS = 60_000;

export interface AccountJobOptions {
  db: BroadsheetDb;
  host: AccountSyncHost;
  now: () => number;
  /** Ids of articles new to the library, after each page commits (search index, offline images); `news`: see AccountSyncOptions. */
  onArticlesAdded: (ids: string[], news: boolean) => void;
  /** One account's progress, as it changes; `phase: 'done'` when its sync ended, however it ended. */
  onAccountProgress: (progress: AccountSyncProgress) => void;
  checkEveryMs?: number;
  /** Google Reader API items per page (tests page small libraries). */
  itemsPerPage?: number;
}

export interface AccountJob extends SyncJob {
  /** Syncs one account now ("Sync now", `r` on an account's feed); joins a sync of it already running. */
  syncAccount(accountId: string): Promise<AccountSyncOutcome>;
}

export function createAccountJob(options: AccountJobOptions): AccountJob {
  const { db, now } = options;
  const current = new Map<string, AccountSyncProgress>();
  const listeners = createListeners<SyncProgress>();
  const sync = createAccountSync({
    db,
    host: options.host,
    now,
    onArticlesAdded: options.onArticlesAdded,
    onProgress: (progress) => {
      current.set(progress.accountId, progress);
      started.add(progress.accountId);
      report(progress);
    },
    ...(options.itemsPerPage ? { itemsPerPage: options.itemsPerPage } : {}),
  });
  let online = true;
  let timer: ReturnType<typeof setInterval> | undefined;
  /** Of the accounts synced since the job was last idle: how many ended, how many of those with an error, and all started. */
  let finished = 0;
  let errors = 0;
  const started = new Set<string>();
  const titles = new Map<string, string>();

  function report(progress: AccountSyncProgress): void {
    try {
      options.onAccountProgress(progress);
    } catch {
      // The window's line broke: the sync goes on.
    }
    listeners.emit(combined());
  }

  /**
   * For the runner's one "Syncing …" line: each account counts as one source beside the feeds (done of total), with
   * the title of the account syncing; the articles are counted on the account's own bar.
   */
  function combined(): SyncProgress {
    const running = current.size > 0;
    const syncing = [...current.keys()].at(-1);
    const title = syncing === undefined ? undefined : titles.get(syncing);
    return { running, done: running ? finished : 0, total: running ? started.size : 0, newArticles: 0, errors: running ? errors : 0, ...(title ? { currentFeedTitle: title } : {}) };
  }

  async function syncAccount(accountId: string): Promise<AccountSyncOutcome> {
    if (!titles.has(accountId)) {
      const row = await db.accounts.get(accountId);
      if (row) titles.set(accountId, row.title);
    }
    const outcome = await sync.syncAccount(accountId);
    const last = current.get(accountId);
    if (current.has(accountId)) {
      finished++;
      if (outcome.status === 'error') errors++;
      current.delete(accountId);
      if (current.size === 0) {
        started.clear();
        finished = 0;
        errors = 0;
      }
      report({ accountId, phase: 'done', items: last?.items ?? 0, total: last?.total ?? null });
    }
    return outcome;
  }

  async function remoteAccounts(dueOnly: boolean): Promise<string[]> {
    const accounts = (await db.accounts.orderBy('position').toArray()).filter((a) => a.kind !== 'local');
    if (!dueOnly) return accounts.map((a) => a.id);
    const interval = await getSetting(db, 'syncIntervalMinutes');
    if (interval === 0) return [];
    return accounts.filter((a) => (a.lastSyncAt ?? 0) + interval * 60_000 <= now()).map((a) => a.id);
  }

  async function syncEach(dueOnly: boolean): Promise<AccountSyncOutcome[]> {
    if (!online) return [];
    const outcomes: AccountSyncOutcome[] = [];
    // One account after another: each is a server of its own, but they share the worker's two cores with the feeds.
    for (const id of await remoteAccounts(dueOnly)) outcomes.push(await syncAccount(id));
    return outcomes;
  }

  return {
    syncAccount,
    syncDue: () => syncEach(true),
    syncAll: () => syncEach(false),
    setOnline(value) {
      const back = value && !online;
      online = value;
      if (back) void syncEach(false);
    },
    start() {
      if (timer !== undefined) return;
      // At start every account catches up (what changed on the phone overnight), then the timer keeps them due.
      void syncEach(false);
      timer = setInterval(() => void syncEach(true), options.checkEveryMs ?? ACCOUNT_CHECK_MS);
    },
    stop() {
      clearInterval(timer);
      timer = undefined;
    },
    progress: combined,
    onProgress(listener) {
      return listeners.add(listener);
    },
  };
}
