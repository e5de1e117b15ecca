/**
 * Library backup: a JSON-serialisable snapshot of what cannot be fetched again — folders, subscriptions and
 * their settings, which articles are read, the starred articles in full (their feed may drop them), and the
 * settings, and the rules. Import validates unknown input and is lossless: export → import → export gives the same
 * backup. Backups written before rules existed have no `rules` and still import.
 * Read state for articles not in the library yet is parked in `pendingStates` and applied when they arrive.
 */
import * as v from 'valibot';
import { err, ok, type Result } from '../result';
import { isLocalFeed, localFeedByUrl, newFeedRow } from './feeds';
import { LOCAL_ACCOUNT_ID, type ArticleRow, type BroadsheetDb, type ContentRow, type FeedOptions, type FolderRow, type RuleRow } from './schema';
import { isSettingKey, parseSetting } from './settings';
import { countUnreadRows } from './unread';

export const BACKUP_FORMAT = 'broadsheet-library';
export const BACKUP_VERSION = 1;

const bit = v.picklist([0, 1]);
const num = v.pipe(v.number(), v.finite());
const nullableString = v.nullable(v.string());

const folderSchema = v.object({ id: v.string(), title: v.string(), position: num });
const feedSchema = v.object({
  id: v.string(),
  url: v.pipe(v.string(), v.url()),
  title: v.string(),
  userTitled: bit,
  folderId: nullableString,
  position: num,
  siteUrl: nullableString,
  intervalMinutes: v.nullable(num),
  retentionDays: v.nullable(num),
  options: v.looseObject({ fullText: v.optional(v.boolean()), offlineImages: v.optional(v.boolean()) }),
});
const articleSchema = v.object({
  id: v.string(),
  feedId: v.string(),
  guid: nullableString,
  url: nullableString,
  title: v.string(),
  author: nullableString,
  summary: v.string(),
  imageUrl: nullableString,
  published: v.nullable(num),
  updated: v.nullable(num),
  fetchedAt: num,
  sortTime: num,
  read: bit,
  starred: bit,
  starredAt: num,
  contentHash: v.string(),
  feedTitle: v.optional(v.string()),
  feedUrl: v.optional(v.string()),
});
const contentSchema = v.object({
  articleId: v.string(),
  html: v.string(),
  enclosures: v.array(v.object({ url: v.string(), type: v.optional(v.string()), length: v.optional(num) })),
  categories: v.array(v.string()),
  fullText: v.optional(nullableString),
  fullTextFetchedAt: v.optional(v.nullable(num)),
});

const ruleSchema = v.object({
  id: v.string(),
  name: v.string(),
  position: num,
  enabled: bit,
  scope: v.variant('kind', [
    v.object({ kind: v.literal('all') }),
    v.object({ kind: v.literal('account'), accountId: v.string() }),
    v.object({ kind: v.literal('folder'), folderId: v.string() }),
    v.object({ kind: v.literal('feed'), feedId: v.string() }),
  ]),
  condition: v.string(),
  actions: v.object({ markRead: v.boolean(), bookmark: v.boolean(), hide: v.boolean(), notify: v.boolean(), keep: v.boolean() }),
  createdAt: num,
  updatedAt: num,
});

export const backupSchema = v.object({
  format: v.literal(BACKUP_FORMAT),
  version: v.literal(BACKUP_VERSION),
  exportedAt: num,
  folders: v.array(folderSchema),
  feeds: v.array(feedSchema),
  /** Ids of read articles (those in the library and those still pending), sorted. */
  readIds: v.array(v.string()),
  starred: v.array(v.object({ article: articleSchema, content: v.nullable(contentSchema) })),
  settings: v.array(v.object({ key: v.string(), value: v.unknown() })),
  rules: v.optional(v.array(ruleSchema)),
});

export type LibraryBackup = v.InferOutput<typeof backupSchema>;

const byId = (a: { id: string }, b: { id: string }) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

export async function exportLibrary(db: BroadsheetDb, now: number = Date.now()): Promise<LibraryBackup> {
  return db.transaction('r', [db.folders, db.feeds, db.articles, db.contents, db.pendingStates, db.settings, db.rules], async () => {
    // An account's subscriptions live on its server (and its credentials never leave the host): only this
    // computer's folders and feeds are backed up.
    const folders = (await db.folders.orderBy('position').toArray()).filter(isLocalFeed);
    const feeds = (await db.feeds.toArray()).filter(isLocalFeed).sort(byId).map((f) => ({
      id: f.id,
      url: f.url,
      title: f.title,
      userTitled: f.userTitled,
      folderId: f.folderId,
      position: f.position,
      siteUrl: f.siteUrl,
      intervalMinutes: f.intervalMinutes,
      retentionDays: f.retentionDays,
      options: { ...f.options },
    }));
    const readIds = new Set(await db.articles.where('[read+sortTime]').between([1, -Infinity], [1, Infinity]).primaryKeys());
    await db.pendingStates.each((p) => {
      if (p.read) readIds.add(p.id);
    });
    const starredRows = (await db.articles.where('[starred+starredAt]').between([1, -Infinity], [1, Infinity]).toArray()).sort(byId);
    const contents = await db.contents.bulkGet(starredRows.map((a) => a.id));
    const settings = (await db.settings.toArray()).sort((a, b) => (a.key < b.key ? -1 : 1));
    const rules = await db.rules.orderBy('position').toArray();
    return {
      format: BACKUP_FORMAT,
      version: BACKUP_VERSION,
      exportedAt: now,
      folders: folders.map((f) => ({ id: f.id, title: f.title, position: f.position })),
      feeds,
      readIds: [...readIds].sort(),
      starred: starredRows.map((article, i) => ({ article, content: contents[i] ?? null })),
      settings: settings.map((s) => ({ key: s.key, value: s.value })),
      rules: rules.map((r) => ({ ...r, scope: { ...r.scope }, actions: { ...r.actions } })),
    };
  });
}

export interface ImportReport {
  folders: number;
  feeds: number;
  /** Feeds of the backup already subscribed (by URL); left as they are. */
  duplicates: string[];
  starred: number;
  readStates: number;
  rules: number;
}

/** Validates and merges a backup into the library (existing subscriptions and articles are kept). */
export async function importLibrary(db: BroadsheetDb, input: unknown, now: number = Date.now()): Promise<Result<ImportReport, string>> {
  const parsed = v.safeParse(backupSchema, input);
  if (!parsed.success) {
    const issue = parsed.issues[0];
    const path = issue?.path?.map((p) => String(p.key)).join('.') ?? '';
    return err(`Not a Broadsheet backup${path ? ` (at ${path})` : ''}: ${issue?.message ?? 'invalid'}`);
  }
  const backup = parsed.output;
  const report: ImportReport = { folders: 0, feeds: 0, duplicates: [], starred: 0, readStates: 0, rules: 0 };
  await db.transaction('rw', [db.folders, db.feeds, db.articles, db.contents, db.pendingStates, db.settings, db.rules], async () => {
    const folders: FolderRow[] = backup.folders.map((f) => ({ ...f, accountId: LOCAL_ACCOUNT_ID }));
    await db.folders.bulkPut(folders);
    report.folders = folders.length;
    const touched = new Set<string>();
    for (const f of backup.feeds) {
      const existing = (await localFeedByUrl(db, f.url)) ?? (await db.feeds.get(f.id));
      if (existing) {
        report.duplicates.push(f.url);
        touched.add(existing.id);
        continue;
      }
      const row = newFeedRow(f.id, f.url, { title: f.title, folderId: f.folderId, siteUrl: f.siteUrl }, f.position, now);
      Object.assign(row, { userTitled: f.userTitled, intervalMinutes: f.intervalMinutes, retentionDays: f.retentionDays, options: f.options as FeedOptions });
      await db.feeds.add(row);
      touched.add(row.id);
      report.feeds++;
    }
    for (const { article, content } of backup.starred) {
      const existing = await db.articles.get(article.id);
      if (existing) await db.articles.update(article.id, { starred: 1, starredAt: article.starredAt, read: article.read });
      else {
        await db.articles.add(article as ArticleRow);
        if (content) await db.contents.put(content as ContentRow);
      }
      touched.add(article.feedId);
      report.starred++;
    }
    const present = await db.articles.bulkGet(backup.readIds);
    const toMark: string[] = [];
    const pending: Array<{ id: string; read: 1; starred: 0; starredAt: number }> = [];
    backup.readIds.forEach((id, i) => {
      const row = present[i];
      if (row) {
        if (row.read === 0) toMark.push(id);
        touched.add(row.feedId);
      } else pending.push({ id, read: 1, starred: 0, starredAt: 0 });
    });
    await db.articles.bulkUpdate(toMark.map((key) => ({ key, changes: { read: 1 as const } })));
    await db.pendingStates.bulkPut(pending);
    report.readStates = backup.readIds.length;
    await db.settings.bulkPut(backup.settings.filter((s) => isSettingKey(s.key)).map((s) => ({ key: s.key, value: isSettingKey(s.key) ? parseSetting(s.key, s.value) : s.value })));
    // The backup's rules replace those with the same id; all keep their order, the backup's after the library's own.
    const imported = backup.rules ?? [];
    if (imported.length > 0) {
      const importedIds = new Set(imported.map((r) => r.id));
      const own = (await db.rules.orderBy('position').toArray()).filter((r) => !importedIds.has(r.id));
      const ordered: RuleRow[] = [...own, ...[...imported].sort((a, b) => a.position - b.position)];
      await db.rules.bulkPut(ordered.map((r, position) => ({ ...r, position })));
      report.rules = imported.length;
    }
    // Whole-feed recount: imports are rare, and they change read state in bulk.
    for (const feedId of touched) {
      const feed = await db.feeds.get(feedId);
      if (feed) await db.feeds.update(feedId, { unreadCount: await countUnreadRows(db, feedId) });
    }
  });
  return ok(report);
}
