/**
 * Subscriptions in the shape of OPML folders (shared/feeds writes and reads the XML): export hands
 * `writeOpml` these folders; import subscribes to each feed without fetching it and reports duplicates.
 */
import type { OpmlFolder } from '../feeds/types';
import type { DescribableError } from '../i18n/errors';
import { subscribe } from './feeds';
import { createFolder } from './folders';
import type { BroadsheetDb } from './schema';

/** `title: ''` first: the feeds at the top level; then each folder in sidebar order. */
export async function subscriptionsAsOpmlFolders(db: BroadsheetDb): Promise<OpmlFolder[]> {
  const folders = await db.folders.orderBy('position').toArray();
  const feeds = (await db.feeds.toArray()).sort((a, b) => a.position - b.position);
  const asOpml = (folderId: string | null) =>
    feeds
      .filter((f) => f.folderId === folderId)
      .map((f) => ({ xmlUrl: f.url, title: f.title, ...(f.siteUrl ? { htmlUrl: f.siteUrl } : {}) }));
  const top = asOpml(null);
  return [...(top.length > 0 ? [{ title: '', feeds: top }] : []), ...folders.map((folder) => ({ title: folder.title, feeds: asOpml(folder.id) }))];
}

export interface OpmlImportReport {
  added: number;
  /** URLs already subscribed (or listed twice). */
  duplicates: string[];
  /** Entries whose URL is not a valid http(s) address. */
  invalid: Array<{ url: string; reason: DescribableError }>;
  foldersCreated: number;
}

/** Folders are matched by title (an existing folder of the same name is reused). */
export async function importOpmlFolders(db: BroadsheetDb, folders: readonly OpmlFolder[], now: number = Date.now()): Promise<OpmlImportReport> {
  const report: OpmlImportReport = { added: 0, duplicates: [], invalid: [], foldersCreated: 0 };
  const existingFolders = await db.folders.toArray();
  const folderByTitle = new Map(existingFolders.map((f) => [f.title, f.id]));
  for (const folder of folders) {
    let folderId: string | null = null;
    const title = folder.title.trim();
    if (title && folder.feeds.length > 0) {
      folderId = folderByTitle.get(title) ?? null;
      if (!folderId) {
        folderId = (await createFolder(db, title)).id;
        folderByTitle.set(title, folderId);
        report.foldersCreated++;
      }
    }
    for (const feed of folder.feeds) {
      const result = await subscribe(db, feed.xmlUrl, { title: feed.title, folderId, siteUrl: feed.htmlUrl ?? null, now });
      if (!result.ok) report.invalid.push({ url: feed.xmlUrl, reason: result.error });
      else if (result.value.created) report.added++;
      else report.duplicates.push(feed.xmlUrl);
    }
  }
  return report;
}
