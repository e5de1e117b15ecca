/** Commands on the library as a whole: refresh, OPML in and out. */
import { importOpmlFolders } from '../../shared/db';
import { LOCAL_ACCOUNT_ID } from '../../shared/db/schema';
import { parseOpml } from '../../shared/feeds';
import { exportOpmlFile } from '../components/dialogs/opml-import';
import { showToast } from '../state/ui-store';
import type { CommandContext } from './command-context';

/**
 * Refreshes what the list shows: the feed, the folder, or everything (every remote account too: the worker's job
 * runner passes "refresh all" to each job). A feed or folder of a remote account is fetched by its server: refreshing
 * it syncs that account.
 */
export async function syncView(ctx: CommandContext): Promise<void> {
  const { view } = ctx.ui.get();
  if (view.kind === 'feed' || view.kind === 'folder') {
    const row = view.kind === 'feed' ? await ctx.db.feeds.get(view.feedId) : await ctx.db.folders.get(view.folderId);
    const accountId = row?.accountId;
    if (accountId !== undefined && accountId !== LOCAL_ACCOUNT_ID) {
      await ctx.accounts.syncAccount(accountId);
      return;
    }
  }
  if (view.kind === 'feed') await ctx.engine.syncFeed(view.feedId);
  else if (view.kind === 'folder') await ctx.engine.syncFolder(view.folderId);
  else await ctx.engine.syncAll();
}

/** Syncs every remote account now, one after another (the palette's "Sync accounts"); says so when there is none. */
export async function syncAccounts(ctx: CommandContext): Promise<void> {
  const remote = (await ctx.db.accounts.orderBy('position').toArray()).filter((a) => a.kind !== 'local');
  if (remote.length === 0) return showToast(ctx.ui, { kind: 'info', message: 'No accounts to sync', detail: 'Add one in Settings → Accounts' });
  for (const account of remote) await ctx.accounts.syncAccount(account.id);
}

/** An .opml file opened with the app (file association, command line, drop): import it and report. */
export async function importOpmlText(ctx: CommandContext, text: string): Promise<void> {
  const parsed = parseOpml(text);
  const report = await importOpmlFolders(ctx.db, parsed.outlines);
  const problems = parsed.errors.length + report.invalid.length;
  showToast(ctx.ui, {
    kind: problems > 0 ? 'error' : 'info',
    message: `Imported ${report.added} feeds`,
    detail:
      [report.duplicates.length > 0 ? `${report.duplicates.length} already subscribed` : '', problems > 0 ? `${problems} lines skipped` : '']
        .filter(Boolean)
        .join(' · ') || undefined,
  });
  void ctx.engine.syncDue();
}

export async function exportOpml(ctx: CommandContext): Promise<void> {
  const count = await exportOpmlFile(ctx.db);
  showToast(ctx.ui, { kind: 'info', message: `Exported ${count} ${count === 1 ? 'feed' : 'feeds'} as OPML` });
}
