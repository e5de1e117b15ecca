/**
 * The sync engine: picks feeds that are due, fetches them through the Host (bounded overall and per host),
 * merges each result in one transaction and schedules the next check. Time comes from the injected clock and
 * timers from the injected setTimer, so tests drive schedules without sleeping.
 */
import { discoverFeeds as defaultDiscoverFeeds } from '../feeds';
import type { DiscoveredFeed } from '../feeds/types';
import type { FeedRequest, FeedResponse, Host, HostError, HostResult } from '../host';
import { err } from '../result';
import { subscribe, findFeedByUrl, isLocalFeed, localFeedByUrl, type SubscribeOptions } from '../db/feeds';
import { hostnameOf, normaliseFeedUrl } from '../db/ids';
import type { BroadsheetDb, FeedRow } from '../db/schema';
import { applyRetention } from '../db/retention';
import { getSetting } from '../db/settings';
import { mergeParsedFeed } from './merge';
import { backoffMs, HOUR, intervalMinutes, medianPublishGapMinutes, nextCheckAfterSuccess } from './schedule';

export type SyncHost = Pick<Host, 'fetchFeed' | 'fetchPage'>;
export type DiscoverFeeds = (html: string, pageUrl: string) => DiscoveredFeed[];

export interface SyncEngineOptions {
  db: BroadsheetDb;
  host: SyncHost;
  now: () => number;
  /** Schedules fn after ms; returns a cancel function. Defaults to setTimeout. */
  setTimer?: (fn: () => void, ms: number) => () => void;
  /** Fetches in flight at once (default 6). */
  concurrency?: number;
  /** Fetches in flight per hostname (default 1): one server is never hit in parallel. */
  perHost?: number;
  /** Feed discovery in an HTML page; shared/feeds `discoverFeeds` by default. */
  discoverFeeds?: DiscoverFeeds;
  /** Guessed well-known feed URLs tried per page (default 6). */
  maxCandidateProbes?: number;
}

export interface SyncProgress {
  running: boolean;
  done: number;
  total: number;
  currentFeedTitle?: string;
  newArticles: number;
  errors: number;
}

export type FeedSyncStatus = 'ok' | 'not-modified' | 'error' | 'skipped';

export interface FeedSyncOutcome {
  feedId: string;
  status: FeedSyncStatus;
  added: number;
  error?: HostError;
  /** Why a feed was skipped: cancelled, offline, rate-limited host, or no such feed. */
  reason?: 'cancelled' | 'offline' | 'rate-limited' | 'missing';
}

export interface SyncSummary {
  outcomes: FeedSyncOutcome[];
  newArticles: number;
  errors: number;
}

export type SubscribeOutcome =
  | { kind: 'subscribed'; feedId: string; created: boolean; newArticles: number }
  /** The URL was a web page: feeds found in it, for the user to pick (then call subscribeAndDiscover again). */
  | { kind: 'choose'; candidates: DiscoveredFeed[] }
  | { kind: 'error'; error: HostError };

export interface SyncEngine {
  /** Fetches the feeds whose nextCheckAt has come (nothing in manual mode, i.e. syncIntervalMinutes = 0). */
  syncDue(): Promise<SyncSummary>;
  /** Manual refresh of every feed that is not gone, ignoring error backoff. */
  syncAll(): Promise<SyncSummary>;
  /** Manual refresh of one feed (even a gone one: the user asked). */
  syncFeed(feedId: string): Promise<FeedSyncOutcome>;
  syncFolder(folderId: string): Promise<SyncSummary>;
  /** Drops queued fetches; fetches in flight finish and are merged. */
  cancel(): void;
  onProgress(listener: (progress: SyncProgress) => void): () => void;
  /** Called after each merge commits, with the ids of articles new to the library. */
  onArticlesAdded(listener: (ids: string[]) => void): () => void;
  /** Offline: nothing new starts; back online: queued fetches resume and due feeds are synced. */
  setOnline(online: boolean): void;
  progress(): SyncProgress;
  subscribeAndDiscover(url: string, options?: Omit<SubscribeOptions, 'now'>): Promise<SubscribeOutcome>;
  /** Starts the timer that runs syncDue when the next feed falls due. */
  start(): void;
  stop(): void;
}

interface Job {
  feedId: string;
  host: string;
  manual: boolean;
  waiters: Array<(outcome: FeedSyncOutcome) => void>;
}

const RETENTION_EVERY_MS = 6 * HOUR;

/** A failed write (the merge rolled back) as one sentence; Dexie's messages nest the inner error on new lines. */
function storageFailureMessage(e: unknown): string {
  const name = e instanceof Error ? e.name : '';
  if (name === 'QuotaExceededError') return 'The disk is full: new articles could not be stored, and nothing stored was lost.';
  const message = e instanceof Error ? e.message : String(e);
  return message.split('\n')[0]?.trim() || 'The library could not be updated.';
}

const defaultSetTimer = (fn: () => void, ms: number): (() => void) => {
  const handle = setTimeout(fn, ms);
  return () => clearTimeout(handle);
};

export function createSyncEngine(options: SyncEngineOptions): SyncEngine {
  const { db, host, now } = options;
  const setTimer = options.setTimer ?? defaultSetTimer;
  const concurrency = options.concurrency ?? 6;
  const perHost = options.perHost ?? 1;
  const maxProbes = options.maxCandidateProbes ?? 6;
  const discoverFeeds = options.discoverFeeds ?? defaultDiscoverFeeds;

  const queue: Job[] = [];
  const inFlight = new Map<string, Job>();
  const inFlightPerHost = new Map<string, number>();
  const hostRetryAt = new Map<string, number>();
  const progressListeners = new Set<(p: SyncProgress) => void>();
  const addedListeners = new Set<(ids: string[]) => void>();
  let online = true;
  let state: SyncProgress = { running: false, done: 0, total: 0, newArticles: 0, errors: 0 };
  let cancelTimer: (() => void) | null = null;
  let started = false;
  let lastRetentionAt = -Infinity;

  function emit(): void {
    const snapshot = { ...state };
    for (const listener of progressListeners) {
      try {
        listener(snapshot);
      } catch {
        // A broken listener must not stop a sync.
      }
    }
  }

  function finish(job: Job, outcome: FeedSyncOutcome): void {
    state.done++;
    state.newArticles += outcome.added;
    if (outcome.status === 'error') state.errors++;
    for (const resolve of job.waiters) resolve(outcome);
  }

  function enqueue(feeds: readonly FeedRow[], manual: boolean): Promise<FeedSyncOutcome[]> {
    if (!online) return Promise.resolve(feeds.map((f) => ({ feedId: f.id, status: 'skipped' as const, added: 0, reason: 'offline' as const })));
    if (!state.running) state = { running: true, done: 0, total: 0, newArticles: 0, errors: 0 };
    const promises = feeds.map(
      (feed) =>
        new Promise<FeedSyncOutcome>((resolve) => {
          const existing = inFlight.get(feed.id) ?? queue.find((j) => j.feedId === feed.id);
          if (existing) {
            existing.manual ||= manual;
            existing.waiters.push(resolve);
            return;
          }
          state.total++;
          queue.push({ feedId: feed.id, host: hostnameOf(feed.url), manual, waiters: [resolve] });
        }),
    );
    emit();
    pump();
    return Promise.all(promises);
  }

  function pump(): void {
    while (online && inFlight.size < concurrency) {
      const index = queue.findIndex((j) => (inFlightPerHost.get(j.host) ?? 0) < perHost);
      if (index < 0) break;
      const job = queue.splice(index, 1)[0] as Job;
      const retryAt = hostRetryAt.get(job.host);
      if (retryAt !== undefined && retryAt > now()) {
        finish(job, { feedId: job.feedId, status: 'skipped', added: 0, reason: 'rate-limited' });
        continue;
      }
      inFlight.set(job.feedId, job);
      inFlightPerHost.set(job.host, (inFlightPerHost.get(job.host) ?? 0) + 1);
      void runJob(job)
        .catch((e: unknown): FeedSyncOutcome => ({
          feedId: job.feedId,
          status: 'error',
          added: 0,
          error: { kind: 'unavailable', message: storageFailureMessage(e) },
        }))
        .then((outcome) => {
          inFlight.delete(job.feedId);
          inFlightPerHost.set(job.host, (inFlightPerHost.get(job.host) ?? 1) - 1);
          finish(job, outcome);
          pump();
        });
    }
    if (state.running && queue.length === 0 && inFlight.size === 0) {
      state = { ...state, running: false };
      delete state.currentFeedTitle;
      // Fetches change nextCheckAt (and new feeds are due at once): re-arm the timer for the new earliest.
      if (started) void scheduleNext();
    }
    emit();
  }

  async function runJob(job: Job): Promise<FeedSyncOutcome> {
    const feed = await db.feeds.get(job.feedId);
    if (!feed) return { feedId: job.feedId, status: 'skipped', added: 0, reason: 'missing' };
    state.currentFeedTitle = feed.title;
    emit();
    const request: FeedRequest = { url: feed.url };
    if (feed.etag) request.etag = feed.etag;
    if (feed.lastModified) request.lastModified = feed.lastModified;
    if (feed.bodyHash) request.bodyHash = feed.bodyHash;
    let result: HostResult<FeedResponse>;
    try {
      result = await host.fetchFeed(request);
    } catch (e) {
      result = err({ kind: 'network', message: e instanceof Error ? e.message : String(e) });
    }
    return applyResult(feed, result);
  }

  function permanentUrlOf(response: FeedResponse, feed: FeedRow): string {
    if (!response.permanentUrl) return feed.url;
    const normal = normaliseFeedUrl(response.permanentUrl);
    return normal.ok ? normal.value : feed.url;
  }

  async function applyResult(feed: FeedRow, result: HostResult<FeedResponse>): Promise<FeedSyncOutcome> {
    const t = now();
    if (result.ok) {
      const response = result.value;
      const globalInterval = await getSetting(db, 'syncIntervalMinutes');
      const common = {
        url: permanentUrlOf(response, feed),
        etag: response.etag ?? null,
        lastModified: response.lastModified ?? null,
        lastFetchedAt: t,
        lastSuccessAt: t,
        lastError: null,
        errorCount: 0,
        gone: 0 as const,
      };
      if (response.status === 'ok') {
        const interval = intervalMinutes(feed.intervalMinutes, globalInterval, medianPublishGapMinutes(response.feed.items));
        const merged = await mergeParsedFeed(db, feed.id, response.feed, t, () => ({
          ...common,
          bodyHash: response.bodyHash,
          nextCheckAt: nextCheckAfterSuccess({ now: t, intervalMinutes: interval, ttlMinutes: response.feed.ttlMinutes ?? null, ...(response.maxAgeSeconds !== undefined ? { maxAgeSeconds: response.maxAgeSeconds } : {}) }),
        }));
        if (!merged) return { feedId: feed.id, status: 'skipped', added: 0, reason: 'missing' };
        if (merged.added.length > 0) {
          for (const listener of addedListeners) {
            try {
              listener(merged.added);
            } catch {
              // Listeners (search index, offline images) must not break the sync.
            }
          }
        }
        return { feedId: feed.id, status: 'ok', added: merged.added.length };
      }
      const recent = await db.articles.where('[feedId+sortTime]').between([feed.id, -Infinity], [feed.id, Infinity]).reverse().limit(20).toArray();
      const interval = intervalMinutes(feed.intervalMinutes, globalInterval, medianPublishGapMinutes(recent.map((a) => ({ published: a.published ?? undefined }))));
      await db.transaction('rw', db.feeds, async () => {
        const current = await db.feeds.get(feed.id);
        if (!current) return;
        const clash = common.url !== current.url ? await localFeedByUrl(db, common.url) : undefined;
        await db.feeds.update(feed.id, {
          ...common,
          url: clash && clash.id !== feed.id ? current.url : common.url,
          // A 304 may omit validators; the old ones still describe the body we have.
          etag: response.etag ?? current.etag,
          lastModified: response.lastModified ?? current.lastModified,
          nextCheckAt: nextCheckAfterSuccess({ now: t, intervalMinutes: interval, ttlMinutes: current.ttlMinutes ?? null, ...(response.maxAgeSeconds !== undefined ? { maxAgeSeconds: response.maxAgeSeconds } : {}) }),
        });
      });
      return { feedId: feed.id, status: 'not-modified', added: 0 };
    }
    const error = result.error;
    const hostname = hostnameOf(feed.url);
    await db.transaction('rw', db.feeds, async () => {
      const current = await db.feeds.get(feed.id);
      if (!current) return;
      const errorCount = current.errorCount + 1;
      if (error.kind === 'gone') {
        await db.feeds.update(feed.id, { gone: 1, lastError: error, errorCount, lastFetchedAt: t });
        return;
      }
      let nextCheckAt = t + backoffMs(errorCount);
      if (error.retryAt !== undefined) nextCheckAt = Math.max(nextCheckAt, error.retryAt);
      if (error.kind === 'rate-limited') {
        const retryAt = error.retryAt ?? nextCheckAt;
        hostRetryAt.set(hostname, retryAt);
        const sameHost = (await db.feeds.toArray()).filter((f) => f.id !== feed.id && isLocalFeed(f) && hostnameOf(f.url) === hostname && f.nextCheckAt < retryAt);
        await db.feeds.bulkUpdate(sameHost.map((f) => ({ key: f.id, changes: { nextCheckAt: retryAt } })));
        nextCheckAt = Math.max(retryAt, t);
      }
      await db.feeds.update(feed.id, { lastError: error, errorCount, lastFetchedAt: t, nextCheckAt });
    });
    return { feedId: feed.id, status: 'error', added: 0, error };
  }

  function summarise(outcomes: FeedSyncOutcome[]): SyncSummary {
    return {
      outcomes,
      newArticles: outcomes.reduce((n, o) => n + o.added, 0),
      errors: outcomes.filter((o) => o.status === 'error').length,
    };
  }

  async function syncDue(): Promise<SyncSummary> {
    if ((await getSetting(db, 'syncIntervalMinutes')) === 0) return summarise([]);
    // Accounts' feeds are fetched by their servers (shared/accounts), never here.
    const due = await db.feeds.where('nextCheckAt').belowOrEqual(now()).filter((f) => f.gone === 0 && isLocalFeed(f)).toArray();
    return summarise(await enqueue(due, false));
  }

  async function syncAll(): Promise<SyncSummary> {
    const feeds = await db.feeds.filter((f) => f.gone === 0 && isLocalFeed(f)).toArray();
    return summarise(await enqueue(feeds, true));
  }

  async function syncFeed(feedId: string): Promise<FeedSyncOutcome> {
    const feed = await db.feeds.get(feedId);
    if (!feed || !isLocalFeed(feed)) return { feedId, status: 'skipped', added: 0, reason: 'missing' };
    const [outcome] = await enqueue([feed], true);
    return outcome as FeedSyncOutcome;
  }

  async function syncFolder(folderId: string): Promise<SyncSummary> {
    const feeds = await db.feeds.where('folderId').equals(folderId).filter((f) => f.gone === 0 && isLocalFeed(f)).toArray();
    return summarise(await enqueue(feeds, true));
  }

  function cancel(): void {
    for (const job of queue.splice(0)) finish(job, { feedId: job.feedId, status: 'skipped', added: 0, reason: 'cancelled' });
    pump();
  }

  async function subscribeAndDiscover(url: string, subscribeOptions: Omit<SubscribeOptions, 'now'> = {}): Promise<SubscribeOutcome> {
    const normal = normaliseFeedUrl(url);
    if (!normal.ok) return { kind: 'error', error: { kind: 'invalid-argument', message: normal.error } };
    const known = await findFeedByUrl(db, normal.value);
    if (known) return { kind: 'subscribed', feedId: known.id, created: false, newArticles: 0 };
    if (!online) return { kind: 'error', error: { kind: 'network', message: 'You are offline.' } };
    const first = await host.fetchFeed({ url: normal.value });
    if (first.ok) {
      const feedUrl = first.value.permanentUrl ?? normal.value;
      const created = await subscribe(db, feedUrl, { ...subscribeOptions, now: now() });
      if (!created.ok) return { kind: 'error', error: { kind: 'invalid-argument', message: created.error } };
      const outcome = await applyResult(created.value.feed, first);
      return { kind: 'subscribed', feedId: created.value.feed.id, created: created.value.created, newArticles: outcome.added };
    }
    if (first.error.kind !== 'not-a-feed') return { kind: 'error', error: first.error };
    const page = await host.fetchPage(normal.value);
    if (!page.ok) return { kind: 'error', error: page.error };
    const found = discoverFeeds(page.value.html, page.value.finalUrl);
    const declared = found.filter((c) => c.type !== 'candidate');
    const guesses = found.filter((c) => c.type === 'candidate').slice(0, maxProbes);
    // Guessed well-known paths (/feed, /rss.xml, …) are offered only when they really parse as feeds.
    const probed = await Promise.all(
      guesses.map(async (candidate): Promise<DiscoveredFeed | null> => {
        const r = await host.fetchFeed({ url: candidate.url });
        if (!r.ok || r.value.status !== 'ok') return null;
        return { url: r.value.permanentUrl ?? candidate.url, title: r.value.feed.title || candidate.title || candidate.url, type: r.value.feed.format };
      }),
    );
    const candidates = [...declared, ...probed.filter((c): c is DiscoveredFeed => c !== null)];
    if (candidates.length === 0) return { kind: 'error', error: first.error };
    return { kind: 'choose', candidates };
  }

  async function scheduleNext(): Promise<void> {
    if (!started) return;
    const next = await db.feeds.orderBy('nextCheckAt').filter((f) => f.gone === 0 && isLocalFeed(f)).first();
    if (!started) return;
    // Cancel after the await: two reschedules racing must leave one timer, not two.
    cancelTimer?.();
    // Wake at least hourly, so settings changes and clock jumps (sleep) are picked up.
    const delay = next ? Math.min(HOUR, Math.max(1000, next.nextCheckAt - now())) : HOUR;
    cancelTimer = setTimer(() => {
      cancelTimer = null;
      void syncDue()
        .then(async () => {
          // Retention runs from the timer, at most every 6 hours, never in the middle of a user's action.
          if (now() - lastRetentionAt < RETENTION_EVERY_MS) return;
          lastRetentionAt = now();
          await applyRetention(db, now());
        })
        .finally(() => void scheduleNext());
    }, delay);
  }

  return {
    syncDue,
    syncAll,
    syncFeed,
    syncFolder,
    cancel,
    onProgress(listener) {
      progressListeners.add(listener);
      return () => progressListeners.delete(listener);
    },
    onArticlesAdded(listener) {
      addedListeners.add(listener);
      return () => addedListeners.delete(listener);
    },
    setOnline(value) {
      const wasOffline = !online;
      online = value;
      if (online && wasOffline) {
        pump();
        void syncDue();
      }
    },
    progress: () => ({ ...state }),
    subscribeAndDiscover,
    start() {
      if (started) return;
      started = true;
      void scheduleNext();
    },
    stop() {
      started = false;
      cancelTimer?.();
      cancelTimer = null;
    },
  };
}
