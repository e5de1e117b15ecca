/**
 * Writes what an account's server said into the library's tables, each step in one transaction: the subscriptions,
 * a page of items with the sync cursor that page moves, the read/starred state lists. An article with an outbox row
 * keeps its local state: the change the person made wins until the server has acknowledged it.
 */
import { newFeedRow, unsubscribe } from '../db/feeds';
import { fnv1a64 } from '../db/ids';
import { pendingArticleIds } from '../db/outbox';
import type { AccountCursors, ArticleRow, Bit, BroadsheetDb, ContentRow, FeedRow, FolderRow, OutboxChange } from '../db/schema';
import { applyUnreadDelta } from '../db/unread';
import { applyRulesToNewArticles, ruleTables } from '../rules/apply';
import { htmlToSnippet } from '../sync/snippet';
import { accountArticleId, accountFeedId, accountFolderId, itemIdOf } from './ids';
import type { RemoteItem, RemoteSubscriptions } from './remote';

/** Account feeds are never due for the local engine (it skips them anyway): they sort last. */
const NEVER = Number.MAX_SAFE_INTEGER;

/** Makes the account's folders and feeds what the server lists; a feed gone from the server goes here too (its bookmarks kept). */
export async function applySubscriptions(db: BroadsheetDb, accountId: string, remote: RemoteSubscriptions, now: number): Promise<{ added: number; removed: number }> {
  return db.transaction('rw', [db.folders, db.feeds, db.articles, db.contents, db.images, db.enclosures], async () => {
    const oldFolders = await db.folders.where('accountId').equals(accountId).toArray();
    const folderIds = new Map(remote.folders.map((f) => [f.remoteId, accountFolderId(accountId, f.remoteId)]));
    const folders: FolderRow[] = remote.folders.map((f, position) => ({ id: folderIds.get(f.remoteId) as string, title: f.title, position, accountId, remoteId: f.remoteId }));
    await db.folders.bulkPut(folders);
    const keepFolders = new Set(folders.map((f) => f.id));
    await db.folders.bulkDelete(oldFolders.filter((f) => !keepFolders.has(f.id)).map((f) => f.id));

    const oldFeeds = new Map((await db.feeds.where('accountId').equals(accountId).toArray()).map((f) => [f.id, f]));
    const seenUrls = new Set<string>();
    const positions = new Map<string, number>();
    const rows: FeedRow[] = [];
    let added = 0;
    for (const feed of remote.feeds) {
      // One account lists a URL once; a server that repeats one would break the unique [accountId+url].
      if (seenUrls.has(feed.url)) continue;
      seenUrls.add(feed.url);
      const id = accountFeedId(accountId, feed.remoteId);
      const folderId = feed.folderRemoteId === null ? null : (folderIds.get(feed.folderRemoteId) ?? null);
      const position = positions.get(folderId ?? '') ?? 0;
      positions.set(folderId ?? '', position + 1);
      const old = oldFeeds.get(id);
      if (!old) added++;
      const base = old ?? { ...newFeedRow(id, feed.url, {}, position, now), accountId, remoteId: feed.remoteId, nextCheckAt: NEVER };
      rows.push({ ...base, url: feed.url, title: feed.title, siteUrl: feed.siteUrl ?? base.siteUrl, folderId, position, remoteId: feed.remoteId });
    }
    const keepFeeds = new Set(rows.map((f) => f.id));
    const gone = [...oldFeeds.keys()].filter((id) => !keepFeeds.has(id));
    // Removed first: a feed re-added on the server under a new id may reuse a removed one's URL.
    for (const id of gone) await unsubscribe(db, id);
    await db.feeds.bulkPut(rows);
    return { added, removed: gone.length };
  });
}

function articleFor(accountId: string, feedId: string, item: RemoteItem, now: number, index: number): { article: ArticleRow; content: ContentRow } {
  const id = accountArticleId(accountId, item.itemId);
  const contentHash = fnv1a64([item.title, item.url ?? '', item.author ?? '', item.html, String(item.published ?? '')].join('\u0000'));
  return {
    article: {
      id,
      feedId,
      guid: item.itemId,
      url: item.url,
      title: item.title.trim() || htmlToSnippet(item.html, 80) || item.url || '(untitled)',
      author: item.author,
      summary: htmlToSnippet(item.html),
      imageUrl: null,
      published: item.published,
      updated: null,
      fetchedAt: now,
      sortTime: item.published ?? item.crawledAt ?? now - index,
      read: item.read ? 1 : 0,
      starred: item.starred ? 1 : 0,
      starredAt: item.starred ? (item.crawledAt ?? item.published ?? now) : 0,
      contentHash,
    },
    content: { articleId: id, html: item.html, enclosures: item.enclosures, categories: [] },
  };
}

/**
 * Stores one page of items and, in the same transaction, the cursor that page moves: a sync cut off after this page
 * resumes after it, and one cut off before it finds nothing half-written. Returns the ids of articles new here.
 */
export async function storeItems(db: BroadsheetDb, accountId: string, items: readonly RemoteItem[], cursors: AccountCursors | null, now: number): Promise<string[]> {
  return db.transaction('rw', [db.feeds, db.articles, db.contents, ...ruleTables(db)], async () => {
    const pending = await pendingArticleIds(db, accountId);
    const feedIds = [...new Set(items.map((item) => accountFeedId(accountId, item.feedRemoteId)))];
    const feeds = new Map((await db.feeds.bulkGet(feedIds)).flatMap((f) => (f ? [[f.id, f] as const] : [])));
    const prepared = items.flatMap((item, index) => {
      const feedId = accountFeedId(accountId, item.feedRemoteId);
      // An item of a feed the subscription list did not have (yet): it comes again with the next full list.
      return feeds.has(feedId) ? [articleFor(accountId, feedId, item, now, index)] : [];
    });
    const existing = await db.articles.bulkGet(prepared.map((p) => p.article.id));
    const articles: ArticleRow[] = [];
    const contents: ContentRow[] = [];
    const added: string[] = [];
    const delta = new Map<string, number>();
    const count = (feedId: string, n: number) => delta.set(feedId, (delta.get(feedId) ?? 0) + n);
    const freshByFeed = new Map<string, Array<{ article: ArticleRow; content: ContentRow }>>();
    prepared.forEach((p, i) => {
      const old = existing[i];
      const { article } = p;
      if (!old) {
        const feed = feeds.get(article.feedId) as FeedRow;
        // Retention deleted it (read, unstarred, old): it does not come back as new.
        if (feed.purgedBefore > 0 && article.sortTime <= feed.purgedBefore && article.read === 1 && article.starred === 0) return;
        articles.push(article);
        contents.push(p.content);
        added.push(article.id);
        const fresh = freshByFeed.get(article.feedId) ?? [];
        fresh.push(p);
        freshByFeed.set(article.feedId, fresh);
        return;
      }
      const local = pending.has(old.id);
      const read: Bit = local ? old.read : article.read;
      const starred: Bit = local ? old.starred : article.starred;
      const starredAt = starred === old.starred ? old.starredAt : article.starredAt;
      const changedText = old.contentHash !== article.contentHash;
      if (!changedText && read === old.read && starred === old.starred) return;
      articles.push({
        ...(changedText ? { ...article, fetchedAt: old.fetchedAt, sortTime: article.published ?? old.sortTime } : old),
        read,
        starred,
        starredAt,
        ...(old.feedTitle !== undefined ? { feedTitle: old.feedTitle } : {}),
        ...(old.feedUrl !== undefined ? { feedUrl: old.feedUrl } : {}),
      });
      if (changedText) contents.push(p.content);
      if (read !== old.read && feeds.has(old.feedId)) count(old.feedId, read ? -1 : 1);
    });
    // Rules act on new articles as for local feeds, before they are counted and written; a rule's read or bookmark
    // goes into this account's outbox in this same transaction.
    for (const [feedId, fresh] of freshByFeed) {
      await applyRulesToNewArticles(db, feeds.get(feedId) as FeedRow, fresh, now);
      for (const { article } of fresh) if (article.read === 0) count(feedId, 1);
    }
    if (contents.length > 0 && added.length < contents.length) {
      // An updated item keeps the full text loaded earlier for it.
      const fresh = new Set(added);
      const updatedContents = contents.filter((c) => !fresh.has(c.articleId));
      const old = await db.contents.bulkGet(updatedContents.map((c) => c.articleId));
      old.forEach((o, i) => {
        const c = updatedContents[i];
        if (o && c && o.fullText !== undefined) Object.assign(c, { fullText: o.fullText, fullTextFetchedAt: o.fullTextFetchedAt ?? null });
      });
    }
    await db.articles.bulkPut(articles);
    await db.contents.bulkPut(contents);
    await applyUnreadDelta(db, delta);
    if (cursors) await db.accounts.update(accountId, { cursors });
    return added;
  });
}

/**
 * Makes read and starred state match the server's unread and starred id lists (except articles with a pending local
 * change); `unread` null leaves read state as it is (the server's unread counts showed nothing changed). Returns the
 * ids on those lists that are not in the library yet (older items), for the caller to fetch.
 */
export async function applyStateLists(db: BroadsheetDb, accountId: string, unread: ReadonlySet<string> | null, starred: ReadonlySet<string>, now: number): Promise<string[]> {
  return db.transaction('rw', [db.feeds, db.articles, db.outbox], async () => {
    const pending = await pendingArticleIds(db, accountId);
    const feeds = await db.feeds.where('accountId').equals(accountId).toArray();
    const feedIds = new Set(feeds.map((f) => f.id));
    const changes = new Map<string, Partial<ArticleRow>>();
    const delta = new Map<string, number>();
    const change = (id: string, patch: Partial<ArticleRow>) => changes.set(id, { ...changes.get(id), ...patch });
    const missing = new Set<string>();

    // What is unread and starred here comes from the indexes (keys only); only ids whose state differs from the
    // server's lists are read as rows, so a sync with nothing changed reads no article rows at all.
    const localUnread = new Set<string>();
    if (unread) {
      for (const feed of feeds) {
        if (feed.unreadCount === 0) continue;
        const ids = await db.articles.where('[feedId+read+sortTime]').between([feed.id, 0, -Infinity], [feed.id, 0, Infinity], true, true).primaryKeys();
        let n = 0;
        for (const id of ids) {
          localUnread.add(id);
          if (pending.has(id) || unread.has(itemIdOf(id) ?? '')) continue;
          change(id, { read: 1 });
          n++;
        }
        if (n > 0) delta.set(feed.id, -n);
      }
      const unreadIds = [...unread].map((itemId) => accountArticleId(accountId, itemId)).filter((id) => !localUnread.has(id));
      (await db.articles.bulkGet(unreadIds)).forEach((row, i) => {
        if (!row) missing.add(unreadIds[i] as string);
        else if (row.read === 1 && !pending.has(row.id)) {
          change(row.id, { read: 0 });
          if (feedIds.has(row.feedId)) delta.set(row.feedId, (delta.get(row.feedId) ?? 0) + 1);
        }
      });
    }

    const prefix = `${accountId}/`;
    const localStarred = new Set((await db.articles.where('[starred+starredAt]').between([1, -Infinity], [1, Infinity]).primaryKeys()).filter((id) => id.startsWith(prefix)));
    for (const id of localStarred) {
      if (!pending.has(id) && !starred.has(itemIdOf(id) ?? '')) change(id, { starred: 0, starredAt: 0 });
    }
    const starredIds = [...starred].map((itemId) => accountArticleId(accountId, itemId)).filter((id) => !localStarred.has(id));
    (await db.articles.bulkGet(starredIds)).forEach((row, i) => {
      if (!row) missing.add(starredIds[i] as string);
      else if (row.starred === 0 && !pending.has(row.id)) change(row.id, { starred: 1, starredAt: now });
    });

    await db.articles.bulkUpdate([...changes].map(([key, patch]) => ({ key, changes: patch })));
    await applyUnreadDelta(db, delta);
    return [...missing].flatMap((id) => itemIdOf(id) ?? []);
  });
}

export interface OutboxBatch {
  change: OutboxChange;
  seqs: number[];
  itemIds: string[];
}

/** The account's unsent changes in order, consecutive ones of the same kind together (at most `size` per batch). */
export async function outboxBatches(db: BroadsheetDb, accountId: string, size: number): Promise<OutboxBatch[]> {
  const rows = (await db.outbox.where('accountId').equals(accountId).toArray()).filter((r) => !r.rejected).sort((a, b) => (a.seq ?? 0) - (b.seq ?? 0));
  const batches: OutboxBatch[] = [];
  for (const row of rows) {
    const itemId = itemIdOf(row.articleId);
    if (itemId === null || row.seq === undefined) continue;
    const last = batches[batches.length - 1];
    if (last && last.change === row.change && last.seqs.length < size) {
      last.seqs.push(row.seq);
      last.itemIds.push(itemId);
    } else batches.push({ change: row.change, seqs: [row.seq], itemIds: [itemId] });
  }
  return batches;
}

export async function acknowledgeOutbox(db: BroadsheetDb, seqs: readonly number[]): Promise<void> {
  await db.outbox.bulkDelete([...seqs]);
}

/** Keeps a refused change with the server's reason: shown in Settings → Accounts, never dropped silently. */
export async function rejectOutbox(db: BroadsheetDb, seqs: readonly number[], reason: string): Promise<void> {
  await db.outbox.bulkUpdate(seqs.map((key) => ({ key, changes: { rejected: reason } })));
}
