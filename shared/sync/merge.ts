/**
 * Merges one fetched feed into the library in ONE transaction: new articles added, changed ones updated in
 * place (read/starred untouched), articles missing from the document kept, the feed's counters and fetch
 * state written together, so a crash or a concurrent read never sees half a merge.
 */
import type { ParsedFeed, ParsedItem } from '../feeds/types';
import { articleIdsForItems, contentHash, fnv1a64Joined, isLegacyContentHash } from '../db/ids';
import { localFeedByUrl } from '../db/feeds';
import type { ArticleRow, BroadsheetDb, ContentRow, FeedRow, RuleRow } from '../db/schema';
import { applyRulesToNewArticles, ruleTables } from '../rules/apply';
import { htmlToSnippet } from './snippet';

export interface MergeResult {
  /** Ids of articles that were not in the library before, in document order. */
  added: string[];
  /** Those articles' rows as written (read and starred as rules and pending states left them). */
  addedRows: PreparedArticle[];
  /** Articles whose text changed. */
  updated: number;
  /** The feed row as written. */
  feed: FeedRow;
}

export interface PreparedArticle {
  article: ArticleRow;
  content: ContentRow;
}

/** What an article's content hash covers: a change to any of these is a changed article on a later fetch. */
function hashedFields(item: ParsedItem): string[] {
  return [item.title ?? '', item.url ?? '', item.author ?? '', item.summary ?? '', item.content ?? '', item.imageUrl ?? '', String(item.published ?? ''), String(item.updated ?? '')];
}

/**
 * Whether a stored article's hash says the item fetched again is unchanged. A hash stored before contentHash (an
 * fnv1a64Joined one) is compared with that function, so a library written by an older version does not see every
 * stored article change at its first sync; such a row keeps its hash until its article really changes.
 */
function unchanged(stored: string, item: ParsedItem, hash: string): boolean {
  return stored === hash || (isLegacyContentHash(stored) && stored === fnv1a64Joined(hashedFields(item)));
}

function prepare(feedId: string, items: readonly ParsedItem[], now: number): PreparedArticle[] {
  const ids = articleIdsForItems(feedId, items);
  return items.map((item, i) => {
    const id = ids[i] as string;
    const html = item.content ?? item.summary ?? '';
    return {
      article: {
        id,
        feedId,
        guid: item.guid ?? null,
        url: item.url ?? null,
        title: item.title?.trim() || htmlToSnippet(html, 80) || item.url || '(untitled)',
        author: item.author ?? null,
        summary: htmlToSnippet(item.summary ?? item.content ?? ''),
        imageUrl: item.imageUrl ?? null,
        published: item.published ?? null,
        updated: item.updated ?? null,
        fetchedAt: now,
        // Undated items keep their document order (feeds list newest first) by a millisecond per position.
        sortTime: item.published ?? now - i,
        read: 0,
        starred: 0,
        starredAt: 0,
        contentHash: contentHash(hashedFields(item)),
      },
      content: { articleId: id, html, enclosures: item.enclosures, categories: item.categories },
    };
  });
}

/** The tables a merge writes (and the rules it reads); a batch of merges shares one transaction over them. */
export function mergeTables(db: BroadsheetDb) {
  return [db.feeds, db.articles, db.contents, db.pendingStates, ...ruleTables(db)];
}

/** A fetched feed turned into rows, outside any transaction (ids, snippets and hashes cost CPU, not I/O). */
export interface PreparedFeed {
  feedId: string;
  parsed: ParsedFeed;
  /**
   * The rows for one writing: those prepared up front the first time, made again for any later one. A writing changes
   * its rows (rules, pending read marks), and a batch that rolls back is written again feed by feed; copying every row
   * for every writing in case of that (two objects per article of a sync) cost more than preparing again when it happens.
   */
  takeRows(): PreparedArticle[];
  /** When it was fetched: the time a rule's bookmark is dated. */
  now: number;
}

export function prepareParsedFeed(feedId: string, parsed: ParsedFeed, now: number): PreparedFeed {
  let prepared: PreparedArticle[] | null = prepare(feedId, parsed.items, now);
  return {
    feedId,
    parsed,
    takeRows() {
      const rows = prepared ?? prepare(feedId, parsed.items, now);
      prepared = null;
      return rows;
    },
    now,
  };
}

/**
 * What the feeds' merges in one transaction read: pending states and rules alike, read once for all of them (per
 * feed, a cold sync of 500 feeds made 1,000 such requests), and each feed's own "has it any article?". Made inside the
 * transaction, for its feeds; nothing the merges write changes what these answer (rules and pending states are only
 * read or consumed, and article rows are written after every feed's reads).
 */
export interface MergeReads {
  /** Whether the feed has articles stored (each feed's own lookup, asked together with its row). */
  hasArticles(feedId: string): PromiseLike<boolean>;
  /** Whether any pending state (a restored backup's read marks, waiting for its article) is stored. */
  hasPendingStates(): PromiseLike<boolean>;
  rules(): PromiseLike<RuleRow[]>;
}

export function mergeReads(db: BroadsheetDb, feedIds: readonly string[]): MergeReads {
  let pending: PromiseLike<boolean> | null = null;
  let rules: PromiseLike<RuleRow[]> | null = null;
  const reads: MergeReads = {
    // One key lookup per feed over the ids it gives its articles (`feedId:hash`, shared/db/ids), the feeds' lookups
    // side by side: one round trip for the transaction. One lookup for all of them (startsWithAnyOf) is a cursor that
    // jumps from feed to feed, a round trip per feed with no article, one after another: up to a transaction's
    // worth of round trips while the disk waited for its first write, once the library held other feeds' articles.
    hasArticles: (feedId) => db.articles.where(':id').startsWith(`${feedId}:`).limit(1).primaryKeys().then((keys) => keys.length > 0),
    hasPendingStates() {
      pending ??= db.pendingStates.toCollection().limit(1).primaryKeys().then((keys) => keys.length > 0);
      return pending;
    },
    rules() {
      rules ??= db.rules.toArray();
      return rules;
    },
  };
  if (feedIds.length > 1) {
    // A transaction of several feeds asks these when it begins, beside its feeds' own rows. Asked when the first feed
    // needed each, they made a chain of round trips to IndexedDB (feed row, then pending states, then rules) after
    // the transaction before it committed, with nothing for the disk to write meanwhile. A failure reaches whoever
    // asks (and aborts the transaction); the catch only keeps an answer nobody asked for from being reported.
    for (const read of [reads.hasPendingStates(), reads.rules()]) read.then(undefined, () => undefined);
  }
  return reads;
}

/**
 * `feedPatch` receives the feed row read inside the transaction and returns the fetch-state fields to store
 * (validators, schedule, errors); the merge adds unreadCount and the feed's own metadata. Returns null when
 * the feed was unsubscribed while its fetch was in flight.
 */
export async function mergeParsedFeed(
  db: BroadsheetDb,
  feedId: string,
  parsed: ParsedFeed,
  now: number,
  feedPatch: (feed: FeedRow) => Partial<FeedRow>,
): Promise<MergeResult | null> {
  const prepared = prepareParsedFeed(feedId, parsed, now);
  // No fetched URL to compare: the result is never 'changed'.
  const merged = await db.transaction('rw', mergeTables(db), () => writePreparedFeed(db, prepared, feedPatch, undefined, mergeReads(db, [feedId])));
  return merged === 'changed' ? null : merged;
}

/**
 * Rows several merges leave to be written together at the end of their shared transaction: one bulkPut per table
 * instead of three writes per feed (the request pattern of a plain bulkPut, and one change of each table for the
 * window's live queries to take in rather than one per feed).
 */
export interface MergeSink {
  articles: ArticleRow[];
  contents: ContentRow[];
  feeds: FeedRow[];
}

export const emptyMergeSink = (): MergeSink => ({ articles: [], contents: [], feeds: [] });

/**
 * Dexie announces a write of fewer rows than this key by key, a bigger one as "the whole table changed". The window
 * reads again only the feed rows a commit announces (renderer/state/watch-feeds.ts): feed rows are written in writes
 * this small, so a merge of many feeds does not make it read all of them. The same requests either way.
 */
export const FEEDS_PER_WRITE = 49;

/** Writes what merges left in `sink`; inside the same transaction as they ran. */
export async function writeMergeSink(db: BroadsheetDb, sink: MergeSink): Promise<void> {
  const feedWrites: Promise<unknown>[] = [];
  for (let i = 0; i < sink.feeds.length; i += FEEDS_PER_WRITE) feedWrites.push(db.feeds.bulkPut(sink.feeds.slice(i, i + FEEDS_PER_WRITE)));
  await Promise.all([
    sink.articles.length > 0 ? db.articles.bulkPut(sink.articles) : undefined,
    sink.contents.length > 0 ? db.contents.bulkPut(sink.contents) : undefined,
    ...feedWrites,
  ]);
}

/**
 * The writes of one merge. Must run inside a rw transaction over mergeTables(db), which may hold other feeds'
 * merges too: whatever fails aborts all of them, so a feed is never half written. With a `sink`, the article,
 * content and feed rows are left there for writeMergeSink, which the caller runs in the same transaction. `reads` are
 * the transaction's (mergeReads over every feed it merges).
 */
export async function writePreparedFeed(
  db: BroadsheetDb,
  prepared: PreparedFeed,
  feedPatch: (feed: FeedRow) => Partial<FeedRow>,
  sink: MergeSink | undefined,
  reads: MergeReads,
  fetchedUrl?: string,
): Promise<MergeResult | 'changed' | null> {
  const { feedId, parsed } = prepared;
  // Whether the feed has articles is asked with its row, not after it: a round trip less before the writes.
  const stored = parsed.items.length > 0 ? reads.hasArticles(feedId) : null;
  stored?.then(undefined, () => undefined);
  const feed = await db.feeds.get(feedId);
  if (!feed) return null;
  // Fetched from an address the feed no longer has (the person changed it meanwhile): written, it would undo that.
  if (fetchedUrl !== undefined && feed.url !== fetchedUrl) return 'changed';
  const rows = prepared.takeRows();
  const ids = rows.map((p) => p.article.id);
  // A feed with no stored article (its first sync, an OPML import) has nothing to compare with: no read per item.
  // Likewise pending states (a restored backup's read marks) are looked up only when there are any.
  const hasArticles = ids.length > 0 && stored !== null && (await stored);
  const existing = hasArticles ? await db.articles.bulkGet(ids) : ids.map(() => undefined);
  const fresh = rows.filter((p, i) => existing[i] === undefined && !(feed.purgedBefore > 0 && p.article.sortTime <= feed.purgedBefore));
  const hasPending = fresh.length > 0 && (await reads.hasPendingStates());
  const pending = hasPending ? await db.pendingStates.bulkGet(fresh.map((p) => p.article.id)) : [];
  const articles: ArticleRow[] = [];
  const contents: ContentRow[] = [];
  let unreadDelta = 0;
  fresh.forEach((p, i) => {
    const state = pending[i];
    if (state) Object.assign(p.article, { read: state.read, starred: state.starred, starredAt: state.starredAt });
  });
  // Rules act on new articles only, on the rows about to be written (so a rollback undoes them too).
  await applyRulesToNewArticles(db, feed, fresh, prepared.now, reads.rules());
  fresh.forEach((p) => {
    if (p.article.read === 0) unreadDelta++;
    articles.push(p.article);
    contents.push(p.content);
  });
  let updated = 0;
  rows.forEach((p, i) => {
    const old = existing[i];
    if (!old || unchanged(old.contentHash, parsed.items[i] as ParsedItem, p.article.contentHash)) return;
    updated++;
    articles.push({
      ...p.article,
      read: old.read,
      starred: old.starred,
      starredAt: old.starredAt,
      fetchedAt: old.fetchedAt,
      sortTime: p.article.published ?? old.sortTime,
      ...(old.feedTitle !== undefined ? { feedTitle: old.feedTitle } : {}),
      ...(old.feedUrl !== undefined ? { feedUrl: old.feedUrl } : {}),
    });
    contents.push(p.content);
  });
  // An updated item keeps the full text loaded earlier for it.
  if (updated > 0) {
    const oldContents = await db.contents.bulkGet(contents.slice(fresh.length).map((c) => c.articleId));
    oldContents.forEach((old, i) => {
      const c = contents[fresh.length + i];
      if (old && c && old.fullText !== undefined) Object.assign(c, { fullText: old.fullText, fullTextFetchedAt: old.fullTextFetchedAt ?? null });
    });
  }
  if (sink) {
    sink.articles.push(...articles);
    sink.contents.push(...contents);
  } else {
    if (articles.length > 0) await db.articles.bulkPut(articles);
    if (contents.length > 0) await db.contents.bulkPut(contents);
  }
  if (pending.some((s) => s)) await db.pendingStates.bulkDelete(fresh.map((p) => p.article.id));
  const row: FeedRow = {
    ...feed,
    ...(feed.userTitled || !parsed.title.trim() ? {} : { title: parsed.title.trim() }),
    siteUrl: parsed.siteUrl ?? feed.siteUrl,
    iconUrl: parsed.imageUrl ?? feed.iconUrl ?? null,
    description: parsed.description ?? feed.description ?? null,
    ttlMinutes: parsed.ttlMinutes ?? null,
    ...feedPatch(feed),
    unreadCount: feed.unreadCount + unreadDelta,
  };
  if (row.url !== feed.url) {
    // A redirect onto the URL of another subscription: keep both feeds as they are.
    const other = await localFeedByUrl(db, row.url);
    if (other && other.id !== feed.id) row.url = feed.url;
  }
  if (sink) sink.feeds.push(row);
  else await db.feeds.put(row);
  return { added: fresh.map((p) => p.article.id), addedRows: fresh, updated, feed: row };
}
