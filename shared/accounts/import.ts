/**
 * Importing feeds into a remote account in one action: this computer's subscriptions, or an OPML file's. Each feed is
 * subscribed on the server with its folder (a label); feeds the account already has are skipped; each failure is
 * reported with the server's reason and the rest go on. The library then takes the server's subscription list once
 * (not after every feed), and the account's next sync brings the articles. Fever has no subscribe call: refused
 * up front with a sentence that says so.
 */
import type { BroadsheetDb } from '../db/schema';
import { isLocalFeed } from '../db/feeds';
import type { Host, HostResult } from '../host';
import { err, ok } from '../result';
import type { OpmlFolder } from '../feeds/types';
import { createGReaderClient } from './greader/client';
import { cannotEdit } from './manage';
import { serviceVariants } from './services';
import { applySubscriptions } from './store';
import { coded } from '../i18n/errors';
import type { DescribableError } from '../i18n/errors';

export interface FeedToImport {
  url: string;
  title: string;
  /** The folder (label) on the server; null: top level. */
  folder: string | null;
}

export interface AccountImportReport {
  subscribed: string[];
  alreadySubscribed: string[];
  /** Each with the server's reason as an error (its catalogue code too), worded where it is shown. */
  failed: Array<{ url: string; title: string } & DescribableError>;
}

/** This computer's feeds with their folders' titles. */
export async function localFeedsToImport(db: BroadsheetDb): Promise<FeedToImport[]> {
  const [feeds, folders] = await Promise.all([db.feeds.toArray(), db.folders.toArray()]);
  const folderTitles = new Map(folders.map((f) => [f.id, f.title]));
  return feeds
    .filter(isLocalFeed)
    .sort((a, b) => a.position - b.position)
    .map((f) => ({ url: f.url, title: f.title, folder: f.folderId === null ? null : (folderTitles.get(f.folderId) ?? null) }));
}

/** An OPML file's feeds (parseOpml's outlines); its top-level folder "" holds the feeds outside any folder. */
export function opmlFeedsToImport(outlines: readonly OpmlFolder[]): FeedToImport[] {
  return outlines.flatMap((folder) => folder.feeds.map((feed) => ({ url: feed.xmlUrl, title: feed.title || feed.xmlUrl, folder: folder.title === '' ? null : folder.title })));
}

export async function importIntoAccount(
  db: BroadsheetDb,
  host: Pick<Host, 'accountRequest'>,
  accountId: string,
  feeds: readonly FeedToImport[],
  now: () => number,
  onProgress?: (done: number, total: number) => void,
): Promise<HostResult<AccountImportReport>> {
  const account = await db.accounts.get(accountId);
  if (!account || account.service === 'local') return err({ kind: 'invalid-argument', ...coded('errors.account.noSuchAccount', 'No such account.') });
  if (!serviceVariants[account.service].canEditSubscriptions) return err(cannotEdit());
  const client = createGReaderClient((request) => host.accountRequest(accountId, request));
  // What the server has now (not what the last sync saw): a feed subscribed elsewhere since is skipped too.
  const before = await client.subscriptions();
  if (!before.ok) return before;
  const have = new Set(before.value.feeds.map((f) => f.url));
  const report: AccountImportReport = { subscribed: [], alreadySubscribed: [], failed: [] };
  let done = 0;
  for (const feed of feeds) {
    if (have.has(feed.url)) report.alreadySubscribed.push(feed.url);
    else {
      const added = await client.subscribe(feed.url, feed.folder);
      if (added.ok) {
        report.subscribed.push(feed.url);
        have.add(feed.url);
      } else {
        const { message, code, values } = added.error;
        report.failed.push({ url: feed.url, title: feed.title, message, ...(code ? { code } : {}), ...(values ? { values } : {}) });
      }
    }
    onProgress?.(++done, feeds.length);
  }
  const after = await client.subscriptions();
  if (after.ok) await applySubscriptions(db, accountId, after.value, now());
  return ok(report);
}
