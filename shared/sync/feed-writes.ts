/**
 * What one fetch result writes into the library, inside a merge transaction that may hold other feeds' writes too:
 * new and changed articles (merge.ts) and the feed's fetch bookkeeping for a success, a 304 or an error. Nothing outside
 * the database changes until the transaction committed: each write returns what to do then.
 */
import type { FeedResponse, HostError, HostResult } from '../host';
import { isLocalFeed, localFeedByUrl } from '../db/feeds';
import { hostnameOf, normaliseFeedUrl } from '../db/ids';
import type { BroadsheetDb, FeedRow } from '../db/schema';
import { emptyMergeSink, mergeReads, prepareParsedFeed, writeMergeSink, writePreparedFeed, type MergeReads, type MergeSink, type PreparedArticle, type PreparedFeed } from './merge';
import { backoffMs, intervalMinutes, medianPublishGapMinutes, nextCheckAfterSuccess } from './schedule';
import { coded } from '../i18n/errors';
import type { DescribableError } from '../i18n/errors';

export type FeedSyncStatus = 'ok' | 'not-modified' | 'error' | 'skipped';

export interface FeedSyncOutcome {
  feedId: string;
  status: FeedSyncStatus;
  added: number;
  error?: HostError;
  /**
   * Why a feed was skipped: cancelled, offline, rate-limited host, no such feed, or its URL changed while it was
   * fetched (the answer is for the old address; the new one is due at once).
   */
  reason?: 'cancelled' | 'offline' | 'rate-limited' | 'missing' | 'changed';
}

/**
 * The articles a commit added to the library, every feed of its transaction together, in the feeds' order. They are
 * announced once per commit, so what follows a merge (offline copies, the search index's hand-off, the window's ids)
 * runs once per transaction rather than once per feed: per feed, the offline copies alone read the settings and the
 * feed rows 500 times in a cold sync of 500 feeds.
 */
export interface NewArticles {
  ids: string[];
  rows: PreparedArticle[];
}

export const noNewArticles = (): NewArticles => ({ ids: [], rows: [] });

/** Run once the transaction committed: adds the feed's new articles to `news` and gives the feed's outcome. */
export type FeedCommitted = (news: NewArticles) => FeedSyncOutcome;

/**
 * One feed's writes, prepared outside the transaction. `write` runs inside a rw transaction over mergeTables (maybe
 * beside other feeds' writes) and returns what to do once that transaction committed: collect its new articles,
 * remember a rate limit, and give the feed's outcome. Nothing outside the database changes before the commit.
 */
export interface FeedWrite {
  feedId: string;
  write: (later: TransactionWrites) => Promise<FeedCommitted>;
}

/**
 * Feed rows changed by the writes of one transaction, written together at its end with one bulkUpdate (a 304 changes
 * only its feed's fetch bookkeeping). One put per feed made the window's Dexie merge each one's changed keys into its
 * live-query ranges one by one (~0.5 ms each on the UI thread, 500 of them in a warm sync); a bulk write of 50 or more
 * rows is announced as one change of the table.
 */
type FeedUpdates = Array<{ key: string; changes: Partial<FeedRow> }>;

/**
 * What a transaction's feed writes share: the reads they all make (made once), and what they leave to be written
 * together at its end: merged rows (merge.ts), 304 updates.
 */
export interface TransactionWrites {
  reads: MergeReads;
  merged: MergeSink;
  feedUpdates: FeedUpdates;
}

/** Runs a transaction's feed writes side by side, then writes the rows they left, a bulk write per table. */
export async function writeTogether(db: BroadsheetDb, writes: readonly FeedWrite[]): Promise<FeedCommitted[]> {
  const later: TransactionWrites = { reads: mergeReads(db, writes.map((write) => write.feedId)), merged: emptyMergeSink(), feedUpdates: [] };
  const after = await Promise.all(writes.map((write) => write.write(later)));
  await writeMergeSink(db, later.merged);
  if (later.feedUpdates.length > 0) await db.feeds.bulkUpdate(later.feedUpdates);
  return after;
}

/** A failed write (the merge rolled back) as one sentence; Dexie's messages nest the inner error on new lines. */
function storageFailureWording(e: unknown): DescribableError {
  const name = e instanceof Error ? e.name : '';
  if (name === 'QuotaExceededError') return coded('errors.library.diskFull', 'The disk is full: new articles could not be stored, and nothing stored was lost.');
  const message = e instanceof Error ? e.message : String(e);
  // People read "the library could not be updated" in their language; the English message keeps the database's reason.
  return coded('errors.library.updateFailed', message.split('\n')[0]?.trim() || 'The library could not be updated.');
}

export const storageFailure = (feedId: string, e: unknown): FeedSyncOutcome => ({
  feedId,
  status: 'error',
  added: 0,
  error: { kind: 'unavailable', ...storageFailureWording(e) },
});

/** What a feed's writes need from the engine. */
export interface FeedWriteContext {
  db: BroadsheetDb;
  /** A server asked to be left alone until `retryAt` (told once the rate-limited feed's error is stored). */
  onRateLimited(hostname: string, retryAt: number): void;
}

function permanentUrlOf(response: FeedResponse, feed: FeedRow): string {
  if (!response.permanentUrl) return feed.url;
  const normal = normaliseFeedUrl(response.permanentUrl);
  return normal.ok ? normal.value : feed.url;
}

/**
 * The writes one fetch result calls for; the CPU work (ids, snippets, hashes) happens here, before any transaction,
 * unless the caller made the new items' rows already (`prepared`, from this result's feed at time `t`).
 */
export function feedWrite(context: FeedWriteContext, feed: FeedRow, result: HostResult<FeedResponse>, t: number, globalInterval: number, prepared?: PreparedFeed): FeedWrite {
  const { db } = context;
  // The person gave the feed another address after this one was fetched: the answer must not overwrite the new
  // address, its reset validators or its error state.
  const changed = (current: FeedRow): FeedSyncOutcome | null => (current.url === feed.url ? null : { feedId: feed.id, status: 'skipped', added: 0, reason: 'changed' });
  if (result.ok) {
    const response = result.value;
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
    const maxAge = response.maxAgeSeconds !== undefined ? { maxAgeSeconds: response.maxAgeSeconds } : {};
    if (response.status === 'ok') {
      const interval = intervalMinutes(feed.intervalMinutes, globalInterval, medianPublishGapMinutes(response.feed.items));
      const rows = prepared ?? prepareParsedFeed(feed.id, response.feed, t);
      const patch = {
        ...common,
        bodyHash: response.bodyHash,
        nextCheckAt: nextCheckAfterSuccess({ now: t, intervalMinutes: interval, ttlMinutes: response.feed.ttlMinutes ?? null, ...maxAge }),
      };
      return {
        feedId: feed.id,
        write: async (later) => {
          const merged = await writePreparedFeed(db, rows, () => patch, later.merged, later.reads, feed.url);
          return (news): FeedSyncOutcome => {
            if (merged === 'changed') return { feedId: feed.id, status: 'skipped', added: 0, reason: 'changed' };
            if (!merged) return { feedId: feed.id, status: 'skipped', added: 0, reason: 'missing' };
            news.ids.push(...merged.added);
            news.rows.push(...merged.addedRows);
            return { feedId: feed.id, status: 'ok', added: merged.added.length };
          };
        },
      };
    }
    return {
      feedId: feed.id,
      write: async (later) => {
        const notModified = (): FeedSyncOutcome => ({ feedId: feed.id, status: 'not-modified', added: 0 });
        const current = await db.feeds.get(feed.id);
        if (!current) return notModified;
        const other = changed(current);
        if (other) return () => other;
        const recent = await db.articles.where('[feedId+sortTime]').between([feed.id, -Infinity], [feed.id, Infinity]).reverse().limit(20).toArray();
        const interval = intervalMinutes(current.intervalMinutes, globalInterval, medianPublishGapMinutes(recent.map((a) => ({ published: a.published ?? undefined }))));
        const clash = common.url !== current.url ? await localFeedByUrl(db, common.url) : undefined;
        later.feedUpdates.push({
          key: feed.id,
          changes: {
            ...common,
            url: clash && clash.id !== feed.id ? current.url : common.url,
            // A 304 may omit validators; the old ones still describe the body we have.
            etag: response.etag ?? current.etag,
            lastModified: response.lastModified ?? current.lastModified,
            nextCheckAt: nextCheckAfterSuccess({ now: t, intervalMinutes: interval, ttlMinutes: current.ttlMinutes ?? null, ...maxAge }),
          },
        });
        return notModified;
      },
    };
  }
  const error = result.error;
  const hostname = hostnameOf(feed.url);
  return {
    feedId: feed.id,
    write: async () => {
      const failed = (): FeedSyncOutcome => ({ feedId: feed.id, status: 'error', added: 0, error });
      const current = await db.feeds.get(feed.id);
      if (!current) return failed;
      const other = changed(current);
      if (other) return () => other;
      const errorCount = current.errorCount + 1;
      if (error.kind === 'gone') {
        await db.feeds.update(feed.id, { gone: 1, lastError: error, errorCount, lastFetchedAt: t });
        return failed;
      }
      let nextCheckAt = t + backoffMs(errorCount);
      if (error.retryAt !== undefined) nextCheckAt = Math.max(nextCheckAt, error.retryAt);
      let retryAt: number | null = null;
      if (error.kind === 'rate-limited') {
        retryAt = error.retryAt ?? nextCheckAt;
        const until = retryAt;
        const sameHost = (await db.feeds.toArray()).filter((f) => f.id !== feed.id && isLocalFeed(f) && hostnameOf(f.url) === hostname && f.nextCheckAt < until);
        await db.feeds.bulkUpdate(sameHost.map((f) => ({ key: f.id, changes: { nextCheckAt: until } })));
        nextCheckAt = Math.max(retryAt, t);
      }
      await db.feeds.update(feed.id, { lastError: error, errorCount, lastFetchedAt: t, nextCheckAt });
      return () => {
        if (retryAt !== null) context.onRateLimited(hostname, retryAt);
        return failed();
      };
    },
  };
}

