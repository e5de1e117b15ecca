/** Commands on the selected article and on the whole view (m, s, v, shift+f, shift+a). */
import { getArticle, markAllRead, markRead, markUnread, toggleRead as toggleArticleRead, toggleStar } from '../../shared/db';
import { viewTitle } from '../library/views';
import { asPerson } from '../library/person-turns';
import { showToast } from '../state/ui-store';
import type { CommandContext } from './command-context';
import { selectedLibraryId } from './selection';
import { describeError } from '../../shared/i18n/errors';
import { t } from '../i18n/window-translator';

// Article commands act on the selected id, not on the row the reader has loaded yet: a key pressed right after a
// click must not be lost while the row is still being read.

/**
 * Marks the article the other way from how it is shown: `shownRead` (the state on the control used: the reader's
 * button, a menu's label), else its row in the list, else the library's state. During a sync a write waits behind the
 * merges holding the articles table, so what is stored may not be what is on screen yet: the mark-read-on-open of the
 * article just opened may be waiting there. Toggling the stored state then undid it, and m on an article shown unread
 * left it unread.
 */
export async function toggleRead(ctx: CommandContext, id: string, shownRead?: boolean): Promise<void> {
  // Kept listed before the write: an unread-only list does not drop the article it marks read.
  ctx.shownList.keep(id);
  const read = shownRead ?? ctx.shownList.items.find((item) => item.id === id)?.read;
  await asPerson(ctx.db, () => (read === undefined ? toggleArticleRead(ctx.db, id) : read ? markUnread(ctx.db, [id]) : markRead(ctx.db, [id])));
}

/** Bookmarks the article or takes its bookmark away, before the sync's next merge. */
export function toggleStarOf(ctx: Pick<CommandContext, 'db'>, id: string): Promise<boolean> {
  return asPerson(ctx.db, () => toggleStar(ctx.db, id));
}

export function toggleSelectedRead(ctx: CommandContext): void {
  const id = selectedLibraryId(ctx);
  if (id) void toggleRead(ctx, id);
}

export function toggleSelectedStar(ctx: CommandContext): void {
  const id = selectedLibraryId(ctx);
  if (id) void toggleStarOf(ctx, id);
}

export function openLink(ctx: CommandContext, url: string): void {
  void ctx.host.openExternal(url);
}

export function openSelectedOriginal(ctx: CommandContext): void {
  const id = selectedLibraryId(ctx);
  if (id) void getArticle(ctx.db, id).then((article) => article?.url && openLink(ctx, article.url));
}

export function loadSelectedFullText(ctx: CommandContext): void {
  const id = selectedLibraryId(ctx);
  if (!id) return;
  void ctx.offline.loadFullTextNow(id).then((result) => {
    if (!result.ok) showToast(ctx.ui, { kind: 'error', message: t('toasts.fullTextFailed'), detail: describeError(result.error, t) });
  });
}

export async function markViewRead(ctx: CommandContext): Promise<void> {
  const { view } = ctx.ui.get();
  const scope = view.kind === 'feed' ? { feedId: view.feedId } : view.kind === 'folder' ? { folderId: view.folderId } : null;
  if (scope) await markAllRead(ctx.db, scope);
  else await markRead(ctx.db, ctx.shownList.items.map((item) => item.id));
  const { feeds, folders } = ctx.library.get();
  showToast(ctx.ui, { kind: 'info', message: t('toasts.markedRead', { view: viewTitle(view, feeds, folders, t) }) });
}
