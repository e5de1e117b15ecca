/**
 * The sync engine: picks feeds that are due, fetches them through the Host (bounded overall and per host),
 * merges each result in one transaction and schedules the next check. Time comes from the injected clock and
 * timers from the injected setTimer, so tests drive schedules without sleeping.
 */
import { discoverFeeds as defaultDiscoverFeeds } from '../feeds';
import type { DiscoveredFeed } from '../feeds/types';
import type { FeedBatchFetch, FeedRequest, FeedResponse, Host, HostError, HostResult } from '../host';
import { err } from '../result';
import { createListeners } from '../listeners';
import { subscribe, findFeedByUrl, isLocalFeed, type SubscribeOptions } from '../db/feeds';
import { hostnameOf, normaliseFeedUrl } from '../db/ids';
import type { BroadsheetDb, FeedRow } from '../db/schema';
import { applyRetention } from '../db/retention';
import { getSetting } from '../db/settings';
import { mergeTables, prepareParsedFeed, type PreparedArticle, type PreparedFeed } from './merge';
import { feedWrite, noNewArticles, storageFailure, writeTogether, type FeedCommitted, type FeedSyncOutcome, type FeedWrite, type FeedWriteContext, type NewArticles } from './feed-writes';
import { backoffMs, HOUR } from './schedule';
import { coded } from '../i18n/errors';

export type { FeedSyncOutcome, FeedSyncStatus } from './feed-writes';

/**
 * What the engine asks of the host. `fetchFeeds` (optional) fetches many feeds in one round trip; without it each
 * feed is one fetchFeed call.
 */
export interface SyncHost extends Pick<Host, 'fetchFeed' | 'fetchPage'> {
  fetchFeeds?: FeedBatchFetch;
}
export type DiscoverFeeds = (html: string, pageUrl: string) => DiscoveredFeed[];

export interface SyncEngineOptions {
  db: BroadsheetDb;
  host: SyncHost;
  now: () => number;
  /** Schedules fn after ms; returns a cancel function. Defaults to setTimeout. */
  setTimer?: (fn: () => void, ms: number) => () => void;
  /** Fetches in flight at once (default 6; maxBatch × maxOpenBatches when the host fetches in batches). */
  concurrency?: number;
  /** Fetches in flight per hostname (default 1): one server is never hit in parallel. */
  perHost?: number;
  /** Feeds per fetchFeeds call (default 50). */
  maxBatch?: number;
  /** fetchFeeds calls open at once (default 3: a browser allows 6 connections to the host, one holds its event stream). */
  maxOpenBatches?: number;
  /** Fetched feeds merged in one transaction, at most (default 64 feeds, or 3,000 articles). */
  maxMergeFeeds?: number;
  maxMergeArticles?: number;
  /**
   * Least time between the starts of two small merge transactions (default 0). Every commit wakes the window's live
   * queries, which then re-read and re-render; the worker spaces small ones out, and answers arriving meanwhile join
   * the next transaction. Half a transaction's worth or more (maxMergeFeeds, maxMergeArticles) is merged without waiting.
   */
  mergeGapMs?: number;
  /** Feed discovery in an HTML page; shared/feeds `discoverFeeds` by default. */
  discoverFeeds?: DiscoverFeeds;
  /** Guessed well-known feed URLs tried per page (default 6). */
  maxCandidateProbes?: number;
  /**
   * Asked before each merge transaction is created; resolves when no person's read or write of the library is under way
   * or waiting (the window's reader, read marks, stars). IndexedDB runs transactions over the same tables in the order
   * they were created, so a person's request made while merges are queued waited for every one of them (seconds during
   * a cold sync). Without it, or when it fails, merges never wait.
   */
  mergeTurn?: () => Promise<MergeTurn>;
  /**
   * For this long after a merge's turn found a person near (default 30 s), merges are small (personMergeFeeds, default 8,
   * personMergeArticles, default 400) and one at a time, so a person's next request waits for at most one small
   * transaction. A person reading acts every few seconds or minutes; big merges come back once they stop.
   */
  personWindowMs?: number;
  personMergeFeeds?: number;
  personMergeArticles?: number;
}

/** A merge's turn at the library (SyncEngineOptions.mergeTurn). */
export interface MergeTurn {
  /** Someone is using the app: a person's request had the library or waited for it, or one was made lately. */
  personNear: boolean;
  /** The merge's transaction exists (its place in IndexedDB's queue is taken): the turn passes. Later calls do nothing. */
  end(): void;
}

export interface SyncProgress {
  running: boolean;
  done: number;
  total: number;
  currentFeedTitle?: string;
  newArticles: number;
  errors: number;
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
  /**
   * The feed's row as read when it was queued: its URL and validators are what the fetch sends. Read again at launch,
   * the fetch would wait behind every merge in progress (IndexedDB runs a read of the feeds after a write to them that
   * began earlier), and the host sat idle while the merges waited for its answers. Only this engine's own write of
   * the feed changes its validators, and a feed is queued once at a time; a URL the person changed meanwhile makes
   * the answer be dropped when it is written (feed-writes.ts, 'changed').
   */
  feed: FeedRow;
  host: string;
  manual: boolean;
  waiters: Array<(outcome: FeedSyncOutcome) => void>;
}

/** A feed whose fetch answered, waiting for its merge. */
interface Fetched {
  /** Its feed's row is `job.feed`, the one the fetch was made from. */
  job: Job;
  result: HostResult<FeedResponse>;
  /** When the answer came: the feed's fetch time. */
  at: number;
  /** New items' rows, made as the answer came (absent for a 304, an error, or items that could not be made into rows). */
  prepared?: PreparedFeed;
}

const RETENTION_EVERY_MS = 6 * HOUR;
/** Merge transactions open at once: one committing, the next being prepared and queued behind it. */
const MERGES_IN_FLIGHT = 2;
/** The turn of a merge when nobody takes turns. */
export const NO_TURN: MergeTurn = { personNear: false, end: () => undefined };
/** Transactions' worth of fetched feeds that may wait for their merge before fetching pauses. */
const FETCHED_AHEAD = 2;

/** How big the next merge transaction may be, and how many may be open at once. */
interface MergeLimits {
  feeds: number;
  articles: number;
  inFlight: number;
}

const defaultSetTimer = (fn: () => void, ms: number): (() => void) => {
  const handle = setTimeout(fn, ms);
  return () => clearTimeout(handle);
};

/** The engine as its own context sees it: also the rows of new articles, so work on them needs no read back. */
export interface LocalSyncEngine extends SyncEngine {
  /** Called after each merge commits, with the new articles' rows as written. */
  onArticlesStored(listener: (articles: readonly PreparedArticle[]) => void): () => void;
}

export function createSyncEngine(options: SyncEngineOptions): LocalSyncEngine {
  const { db, host, now } = options;
  const setTimer = options.setTimer ?? defaultSetTimer;
  const batching = host.fetchFeeds !== undefined;
  const perHost = options.perHost ?? 1;
  const maxBatch = options.maxBatch ?? 50;
  const maxOpenBatches = options.maxOpenBatches ?? 3;
  // Batched, the host bounds its own fetches (16 per call): the engine keeps every open call full. Fewer slots than
  // that split the feeds into calls of one or two as single answers free single slots, each a round trip of its own.
  const concurrency = options.concurrency ?? (batching ? maxBatch * maxOpenBatches : 6);
  const maxMergeFeeds = options.maxMergeFeeds ?? 64;
  const maxMergeArticles = options.maxMergeArticles ?? 3000;
  const mergeGapMs = options.mergeGapMs ?? 0;
  let lastMergeAt = -Infinity;
  const personWindowMs = options.personWindowMs ?? 30_000;
  const personMergeFeeds = Math.min(maxMergeFeeds, options.personMergeFeeds ?? 8);
  const personMergeArticles = Math.min(maxMergeArticles, options.personMergeArticles ?? 400);
  /** When a merge's turn last found a person near. */
  let personAt = -Infinity;
  const maxProbes = options.maxCandidateProbes ?? 6;
  const discoverFeeds = options.discoverFeeds ?? defaultDiscoverFeeds;

  const queue: Job[] = [];
  const queued = new Map<string, Job>();
  /** Jobs taken from the queue and not finished: fetching, or fetched and waiting for their merge. */
  const active = new Map<string, Job>();
  const fetchingPerHost = new Map<string, number>();
  let fetching = 0;
  let openBatches = 0;
  const hostRetryAt = new Map<string, number>();
  /** Fetched feeds waiting for a merge; the merge loop takes what has arrived, so a slow disk makes bigger batches. */
  const fetched: Fetched[] = [];
  let merging = false;
  /** Wakes the merge loop while it waits for a merge in flight: a fetch answered, maybe making a full batch. */
  let wakeMerges: (() => void) | null = null;
  let pumpQueued = false;
  const progressListeners = createListeners<SyncProgress>();
  const addedListeners = createListeners<string[]>();
  const storedListeners = createListeners<readonly PreparedArticle[]>();
  let online = true;
  let state: SyncProgress = { running: false, done: 0, total: 0, newArticles: 0, errors: 0 };
  let cancelTimer: (() => void) | null = null;
  let started = false;
  let lastRetentionAt = -Infinity;

  function emit(): void {
    progressListeners.emit({ ...state });
  }

  /** Tells listeners what one commit added (every feed of its transaction at once). */
  function announceAdded(news: NewArticles): void {
    if (news.ids.length === 0) return;
    storedListeners.emit(news.rows);
    addedListeners.emit(news.ids);
  }

  const writeContext: FeedWriteContext = { db, onRateLimited: (hostname, retryAt) => hostRetryAt.set(hostname, retryAt) };

  function finish(job: Job, outcome: FeedSyncOutcome): void {
    active.delete(job.feedId);
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
          const existing = active.get(feed.id) ?? queued.get(feed.id);
          if (existing) {
            existing.manual ||= manual;
            existing.waiters.push(resolve);
            return;
          }
          state.total++;
          const job: Job = { feedId: feed.id, feed, host: hostnameOf(feed.url), manual, waiters: [resolve] };
          queue.push(job);
          queued.set(job.feedId, job);
        }),
    );
    emit();
    pump();
    return Promise.all(promises);
  }

  /** Pumps once after the current burst of answers (many arrive in one task), so they start one batch together. */
  function schedulePump(): void {
    if (pumpQueued) return;
    pumpQueued = true;
    queueMicrotask(() => {
      pumpQueued = false;
      pump();
    });
  }

  /** Takes the next job whose server is free, or null. */
  function takeJob(): Job | null {
    const index = queue.findIndex((j) => (fetchingPerHost.get(j.host) ?? 0) < perHost);
    if (index < 0) return null;
    const job = queue.splice(index, 1)[0] as Job;
    queued.delete(job.feedId);
    return job;
  }

  function pump(): void {
    // Fetched feeds waiting for their merge hold fetching back beyond two transactions' worth: a slow disk slows it
    // down. One transaction's worth starved the host: with a full batch waiting, fetching stopped until a merge took
    // it, and the host (which takes a while to answer a new batch) then left the next merge waiting in turn.
    const room = () => Math.min(concurrency - fetching, FETCHED_AHEAD * maxMergeFeeds - fetched.length);
    while (online && room() > 0 && (!batching || openBatches < maxOpenBatches)) {
      const batch: Job[] = [];
      while (room() > 0 && batch.length < (batching ? maxBatch : 1)) {
        const job = takeJob();
        if (!job) break;
        const retryAt = hostRetryAt.get(job.host);
        if (retryAt !== undefined && retryAt > now()) {
          finish(job, { feedId: job.feedId, status: 'skipped', added: 0, reason: 'rate-limited' });
          continue;
        }
        active.set(job.feedId, job);
        fetching++;
        fetchingPerHost.set(job.host, (fetchingPerHost.get(job.host) ?? 0) + 1);
        batch.push(job);
      }
      if (batch.length === 0) break;
      if (batching) openBatches++;
      void launch(batch).finally(() => {
        if (batching) openBatches--;
        schedulePump();
      });
    }
    if (state.running && queue.length === 0 && active.size === 0) {
      state = { ...state, running: false };
      delete state.currentFeedTitle;
      // Fetches change nextCheckAt (and new feeds are due at once): re-arm the timer for the new earliest.
      if (started) void scheduleNext();
    }
    emit();
  }

  /**
   * A fetch answered (or could not start): its server is free again, and the feed waits for its merge. Its rows (ids,
   * hashes, snippets) are made now, a feed at a time between the host's answers. Made for a whole transaction when its
   * merge began, they were one task of 50-100 ms in the worker, just when the transaction before it, its reads
   * answered, needed the worker to write its rows; the disk waited.
   */
  function answered(job: Job, result: HostResult<FeedResponse>): void {
    const entry: Fetched = { job, result, at: now() };
    if (result.ok && result.value.status === 'ok') {
      try {
        entry.prepared = prepareParsedFeed(job.feedId, result.value.feed, entry.at);
      } catch {
        // Made again by its merge, where a feed whose items cannot be made into rows fails alone.
      }
    }
    // A server that asked us to wait is left alone from now on, not from when the answer is stored.
    if (!result.ok && result.error.kind === 'rate-limited') {
      hostRetryAt.set(entry.job.host, result.error.retryAt ?? now() + backoffMs(entry.job.feed.errorCount + 1));
    }
    fetching--;
    fetchingPerHost.set(entry.job.host, (fetchingPerHost.get(entry.job.host) ?? 1) - 1);
    fetched.push(entry);
    wakeMerges?.();
    if (!merging) {
      merging = true;
      // After the current task's other answers have arrived, so they share the transaction.
      queueMicrotask(() => void drainMerges());
    }
    schedulePump();
  }

  /** Fetches the jobs' feeds with the validators of the rows they were queued with (Job.feed). */
  async function launch(jobs: Job[]): Promise<void> {
    const live = jobs.map((job) => {
      const { feed } = job;
      const request: FeedRequest = { url: feed.url };
      if (feed.etag) request.etag = feed.etag;
      if (feed.lastModified) request.lastModified = feed.lastModified;
      if (feed.bodyHash) request.bodyHash = feed.bodyHash;
      return { job, request };
    });
    state.currentFeedTitle = (jobs[jobs.length - 1] as Job).feed.title;
    emit();
    const failed = (e: unknown) => err<HostError>({ kind: 'network', message: e instanceof Error ? e.message : String(e) });
    if (!host.fetchFeeds) {
      await Promise.all(
        live.map(async ({ job, request }) => {
          let result: HostResult<FeedResponse>;
          try {
            result = await host.fetchFeed(request);
          } catch (e) {
            result = failed(e);
          }
          answered(job, result);
        }),
      );
      return;
    }
    const done = new Array<boolean>(live.length).fill(false);
    const deliver = (index: number, result: HostResult<FeedResponse>) => {
      const entry = live[index];
      if (!entry || done[index]) return;
      done[index] = true;
      answered(entry.job, result);
    };
    let lost: HostResult<FeedResponse> = err({ kind: 'unavailable', message: 'The Broadsheet host did not answer for this feed' });
    try {
      await host.fetchFeeds(
        live.map((l) => l.request),
        deliver,
      );
    } catch (e) {
      lost = failed(e);
    }
    live.forEach((_, index) => deliver(index, lost));
  }

  /** Every answer of the run has come: nothing is being fetched and nothing waits to be. */
  const lastAnswerIn = () => fetching === 0 && queue.length === 0;

  /**
   * How many fetched feeds the next transaction takes: up to maxMergeFeeds feeds or maxMergeArticles articles. It is
   * `full` (merged at once, even behind a merge in flight) when it reaches either, or when it is all there will be:
   * the last feeds of a run waited for the merge in flight to end, and their own merge then ran with nothing beside it.
   */
  function nextBatchSize({ feeds, articles: maxArticles }: MergeLimits): { count: number; full: boolean; big: boolean } {
    let articles = 0;
    let count = 0;
    while (count < fetched.length && count < feeds && articles < maxArticles) {
      const result = (fetched[count] as Fetched).result;
      articles += result.ok && result.value.status === 'ok' ? result.value.feed.items.length : 0;
      count++;
    }
    const full = count === feeds || articles >= maxArticles || (count === fetched.length && lastAnswerIn());
    return { count, full, big: full || count * 2 >= feeds || articles * 2 >= maxArticles };
  }

  /**
   * A transaction's size and how many may be open at once: while a person uses the app, small ones, one at a time (a
   * second one queued is one more for the person's request to wait for).
   */
  function mergeLimits(): MergeLimits {
    if (now() - personAt < personWindowMs) return { feeds: personMergeFeeds, articles: personMergeArticles, inFlight: 1 };
    return { feeds: maxMergeFeeds, articles: maxMergeArticles, inFlight: MERGES_IN_FLIGHT };
  }

  /**
   * Merges what has been fetched, a transaction at a time. When a full transaction's worth is waiting (a backlog: a
   * big sync), the next merge starts while the previous one commits, so its rows are prepared (ids, hashes, snippets)
   * while IndexedDB writes the previous ones; IndexedDB still commits them one after the other.
   */
  async function drainMerges(): Promise<void> {
    const inFlight = new Set<Promise<void>>();
    try {
      while (fetched.length > 0 || inFlight.size > 0) {
        const limits = mergeLimits();
        const next = nextBatchSize(limits);
        if (fetched.length === 0 || inFlight.size >= limits.inFlight || (inFlight.size > 0 && !next.full)) {
          // Until a merge ends, or (one in flight, room for another) an answer arrives that may fill a batch.
          const answer = inFlight.size < limits.inFlight ? new Promise<void>((resolve) => (wakeMerges = resolve)) : null;
          await Promise.race(answer ? [...inFlight, answer] : inFlight);
          wakeMerges = null;
          continue;
        }
        // Small merges are spaced out (answers arriving meanwhile join them); half a transaction's worth or more is
        // merged at once: big commits are few anyway, and the wait left the disk idle for mergeGapMs after each one.
        // Counted from the previous merge's start: a merge that took longer than the gap is followed at once. The wait
        // ends early when answers make half a transaction's worth, or the run's last answer comes: waiting out the
        // gap, the second merge of a cold sync started 250 ms after the first with a hundred feeds waiting for it.
        const wait = lastMergeAt + mergeGapMs - now();
        if (wait > 0 && !next.big) {
          let cancel = () => {};
          await new Promise<void>((resolve) => {
            cancel = setTimer(resolve, wait);
            wakeMerges = resolve;
          });
          cancel();
          wakeMerges = null;
          continue;
        }
        // The merge's turn first (a person's request waiting for the library goes before it: merges ask one at a time),
        // then its size: a merge whose turn found a person near is a small one. Sized before the turn, the merge that
        // waited was still a big one, and the person's next request waited for all of it.
        const turn = await takeTurn();
        const batch = fetched.splice(0, nextBatchSize(mergeLimits()).count);
        lastMergeAt = now();
        const merge = mergeBatch(batch, turn).then((outcomes) => {
          batch.forEach((entry, i) => finish(entry.job, outcomes[i] as FeedSyncOutcome));
          pump();
        });
        inFlight.add(merge);
        void merge.finally(() => inFlight.delete(merge));
      }
    } finally {
      merging = false;
    }
  }

  /**
   * Merges several fetched feeds in one transaction (one commit, one wake-up of the UI's live queries); when it
   * fails, each feed is written alone, so a feed that cannot be written never costs the others theirs.
   */
  async function mergeBatch(batch: readonly Fetched[], turn: MergeTurn): Promise<FeedSyncOutcome[]> {
    try {
      return await mergeInTurn(batch, turn);
    } finally {
      // Passed on when the transaction exists; here also when none was made (a failed read, a single feed failing).
      turn.end();
    }
  }

  async function mergeInTurn(batch: readonly Fetched[], turn: MergeTurn): Promise<FeedSyncOutcome[]> {
    let globalInterval: number;
    try {
      globalInterval = await getSetting(db, 'syncIntervalMinutes');
    } catch (e) {
      return batch.map((entry) => storageFailure(entry.job.feedId, e));
    }
    const outcomes: FeedSyncOutcome[] = [];
    const writes: Array<{ index: number; write: FeedWrite }> = [];
    batch.forEach((entry, index) => {
      try {
        writes.push({ index, write: feedWrite(writeContext, entry.job.feed, entry.result, entry.at, globalInterval, entry.prepared) });
      } catch (e) {
        // A result that cannot even be turned into rows (a bug, a hostile value) fails its feed alone.
        outcomes[index] = storageFailure(entry.job.feedId, e);
      }
    });
    let committed: FeedCommitted[] | null = null;
    if (writes.length > 1) {
      try {
        // The feeds' writes run side by side in the one transaction: each is a chain of reads then writes, and run one
        // after another they were ~7 round trips to IndexedDB per feed (400 per transaction of 60 feeds) with the
        // worker idle in between; side by side, a transaction costs about one feed's chain of round trips.
        committed = await mergeTransaction(() => writeTogether(db, writes.map(({ write }) => write)), turn);
      } catch {
        committed = null;
      }
    }
    const news = noNewArticles();
    for (const [k, { index, write }] of writes.entries()) {
      const after = committed?.[k];
      // A batch of one feed is written alone in the batch's turn; after a failed batch, each feed takes a turn of its own.
      outcomes[index] = after ? after(news) : await writeAlone(write, news, writes.length === 1 ? turn : undefined);
    }
    announceAdded(news);
    return outcomes;
  }

  /**
   * A read-write transaction over the merge tables, created in the merge's turn: a person's request waiting for the
   * library goes first. The turn passes once the transaction exists (its scope runs after IndexedDB created it), not
   * when it commits: the person's request then waits for this transaction alone, never for the next one.
   */
  async function mergeTransaction<T>(scope: () => Promise<T>, taken?: MergeTurn): Promise<T> {
    const turn = taken ?? (await takeTurn());
    try {
      return await db.transaction('rw', mergeTables(db), () => {
        turn.end();
        return scope();
      });
    } finally {
      turn.end();
    }
  }

  async function takeTurn(): Promise<MergeTurn> {
    if (!options.mergeTurn) return NO_TURN;
    try {
      const turn = await options.mergeTurn();
      if (turn.personNear) personAt = now();
      return turn;
    } catch {
      // No turns to be had (no lock manager, a refused or timed-out request): the merge goes on as if nobody took turns.
      return NO_TURN;
    }
  }

  /** One feed's writes in a transaction of their own; its new articles join `news`, for the caller to announce. */
  async function writeAlone(write: FeedWrite, news: NewArticles, turn?: MergeTurn): Promise<FeedSyncOutcome> {
    try {
      return ((await mergeTransaction(() => writeTogether(db, [write]), turn))[0] as FeedCommitted)(news);
    } catch (e) {
      return storageFailure(write.feedId, e);
    }
  }

  /** One fetch result written in its own transaction (the first fetch of a new subscription). */
  async function applyResult(feed: FeedRow, result: HostResult<FeedResponse>): Promise<FeedSyncOutcome> {
    const t = now();
    const globalInterval = await getSetting(db, 'syncIntervalMinutes');
    const news = noNewArticles();
    const outcome = await writeAlone(feedWrite(writeContext, feed, result, t, globalInterval), news);
    announceAdded(news);
    return outcome;
  }

  function summarise(outcomes: FeedSyncOutcome[]): SyncSummary {
    return {
      outcomes,
      newArticles: outcomes.reduce((n, o) => n + o.added, 0),
      errors: outcomes.filter((o) => o.status === 'error').length,
    };
  }

  /**
   * The feeds this engine fetches of those read. Filtered here, not in the query: a Dexie filter walks a cursor, a
   * round trip to IndexedDB per feed (500 of them between Shift+R and the first fetch), where toArray is one getAll.
   */
  const syncable = (feeds: FeedRow[]) => feeds.filter((f) => f.gone === 0 && isLocalFeed(f));

  async function syncDue(): Promise<SyncSummary> {
    if ((await getSetting(db, 'syncIntervalMinutes')) === 0) return summarise([]);
    // Accounts' feeds are fetched by their servers (shared/accounts), never here.
    const due = syncable(await db.feeds.where('nextCheckAt').belowOrEqual(now()).toArray());
    return summarise(await enqueue(due, false));
  }

  async function syncAll(): Promise<SyncSummary> {
    const feeds = syncable(await db.feeds.toArray());
    return summarise(await enqueue(feeds, true));
  }

  async function syncFeed(feedId: string): Promise<FeedSyncOutcome> {
    const feed = await db.feeds.get(feedId);
    if (!feed || !isLocalFeed(feed)) return { feedId, status: 'skipped', added: 0, reason: 'missing' };
    const [outcome] = await enqueue([feed], true);
    return outcome as FeedSyncOutcome;
  }

  async function syncFolder(folderId: string): Promise<SyncSummary> {
    const feeds = syncable(await db.feeds.where('folderId').equals(folderId).toArray());
    return summarise(await enqueue(feeds, true));
  }

  function cancel(): void {
    queued.clear();
    for (const job of queue.splice(0)) finish(job, { feedId: job.feedId, status: 'skipped', added: 0, reason: 'cancelled' });
    pump();
  }

  async function subscribeAndDiscover(url: string, subscribeOptions: Omit<SubscribeOptions, 'now'> = {}): Promise<SubscribeOutcome> {
    const normal = normaliseFeedUrl(url);
    if (!normal.ok) return { kind: 'error', error: { kind: 'invalid-argument', ...normal.error } };
    const known = await findFeedByUrl(db, normal.value);
    if (known) return { kind: 'subscribed', feedId: known.id, created: false, newArticles: 0 };
    if (!online) return { kind: 'error', error: { kind: 'network', ...coded('errors.offline', 'You are offline.') } };
    const first = await host.fetchFeed({ url: normal.value });
    if (first.ok) {
      const feedUrl = first.value.permanentUrl ?? normal.value;
      const created = await subscribe(db, feedUrl, { ...subscribeOptions, now: now() });
      if (!created.ok) return { kind: 'error', error: { kind: 'invalid-argument', ...created.error } };
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
      return progressListeners.add(listener);
    },
    onArticlesAdded(listener) {
      return addedListeners.add(listener);
    },
    onArticlesStored(listener) {
      return storedListeners.add(listener);
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
