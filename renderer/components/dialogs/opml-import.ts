/**
 * Imports parsed OPML into the library a batch at a time, so the dialog can show progress on a long list, and
 * gathers one report from the parser's complaints and each batch's.
 */
import type { BroadsheetDb } from '../../../shared/db';
import { importOpmlFolders, subscriptionsAsOpmlFolders } from '../../../shared/db';
import type { OpmlImport } from '../../../shared/feeds';
import { writeOpml } from '../../../shared/feeds';
import { coded, type DescribableError, type ErrorValue } from '../../../shared/i18n/errors';
import { downloadText } from '../primitives/download-file';

export const OPML_BATCH = 10;

export interface OpmlImportSummary {
  added: number;
  foldersCreated: number;
  /** Listed twice in the file, or already subscribed. */
  duplicates: string[];
  /** Skipped outlines and addresses, as messages (shared/i18n/errors). */
  invalid: DescribableError[];
}

export function opmlFeedCount(parsed: OpmlImport): number {
  return parsed.outlines.reduce((sum, folder) => sum + folder.feeds.length, 0);
}

export async function importOpmlInBatches(
  db: BroadsheetDb,
  parsed: OpmlImport,
  onProgress: (done: number, total: number) => void,
): Promise<OpmlImportSummary> {
  const summary: OpmlImportSummary = { added: 0, foldersCreated: 0, duplicates: [...parsed.duplicates], invalid: [...parsed.problems] };
  const total = opmlFeedCount(parsed);
  let done = 0;
  onProgress(done, total);
  for (const folder of parsed.outlines) {
    for (let start = 0; start < folder.feeds.length; start += OPML_BATCH) {
      const batch = folder.feeds.slice(start, start + OPML_BATCH);
      const report = await importOpmlFolders(db, [{ title: folder.title, feeds: batch }]);
      summary.added += report.added;
      summary.foldersCreated += report.foldersCreated;
      for (const url of report.duplicates) if (!summary.duplicates.includes(url)) summary.duplicates.push(url);
      for (const bad of report.invalid) summary.invalid.push(refusedEntry(bad.url, bad.reason));
      done += batch.length;
      onProgress(done, total);
    }
  }
  return summary;
}

/** Downloads the subscriptions as broadsheet-subscriptions.opml; returns how many feeds it holds. */
export async function exportOpmlFile(db: BroadsheetDb): Promise<number> {
  const folders = await subscriptionsAsOpmlFolders(db);
  downloadText('broadsheet-subscriptions.opml', writeOpml(folders, { dateCreated: Date.now() }), 'text/x-opml');
  return folders.reduce((sum, folder) => sum + folder.feeds.length, 0);
}

/** One OPML entry the library would not take, as the report lists it: its address and why, in the reader's words. */
function refusedEntry(address: string, reason: DescribableError): DescribableError {
  const worded: ErrorValue = reason.code ? { code: reason.code, ...(reason.values ? { values: reason.values } : {}) } : reason.message;
  return coded('errors.opml.entryRefused', `"${address}": ${reason.message}`, { address, reason: worded });
}
