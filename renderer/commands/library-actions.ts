/** Commands on the library as a whole: refresh, OPML in and out. */
import { importOpmlFolders } from '../../shared/db';
import { parseOpml } from '../../shared/feeds';
import { exportOpmlFile } from '../components/dialogs/opml-import';
import { showToast } from '../state/ui-store';
import type { CommandContext } from './command-context';
import { t } from '../i18n/window-translator';

/** Refreshes what the list shows: the feed, the folder, or everything. */
export async function syncView(ctx: CommandContext): Promise<void> {
  const { view } = ctx.ui.get();
  if (view.kind === 'feed') await ctx.engine.syncFeed(view.feedId);
  else if (view.kind === 'folder') await ctx.engine.syncFolder(view.folderId);
  else await ctx.engine.syncAll();
}

/** An .opml file opened with the app (file association, command line, drop): import it and report. */
export async function importOpmlText(ctx: CommandContext, text: string): Promise<void> {
  const parsed = parseOpml(text);
  const report = await importOpmlFolders(ctx.db, parsed.outlines);
  const problems = parsed.errors.length + report.invalid.length;
  showToast(ctx.ui, {
    kind: problems > 0 ? 'error' : 'info',
    message: t('toasts.imported', { count: report.added }),
    detail:
      [report.duplicates.length > 0 ? t('toasts.alreadySubscribed', { count: report.duplicates.length }) : '', problems > 0 ? t('toasts.linesSkipped', { count: problems }) : '']
        .filter(Boolean)
        .join(' · ') || undefined,
  });
  void ctx.engine.syncDue();
}

export async function exportOpml(ctx: CommandContext): Promise<void> {
  const count = await exportOpmlFile(ctx.db);
  showToast(ctx.ui, { kind: 'info', message: t('toasts.exportedOpml', { count }) });
}
