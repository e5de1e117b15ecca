/** Moving the selection through the list shown (j/k/n/p), and opening an article from outside the list. */
import { getArticle } from '../../shared/db';
import type { CommandContext } from './command-context';

/**
 * Selects the next (1) or previous (-1) article, or the next unread one. A move asked for while the list is still
 * loading is kept and made when it arrives, so a key pressed early is not lost. False when there is nowhere to go.
 */
export function moveSelection(ctx: CommandContext, step: 1 | -1, unreadOnlyStep = false): boolean {
  const { items, loaded } = ctx.shownList;
  if (!loaded && items.length === 0) {
    ctx.shownList.pendingMove = { step, unreadOnlyStep };
    return false;
  }
  if (items.length === 0) return false;
  const selectedId = ctx.ui.get().selectedId;
  const index = items.findIndex((item) => item.id === selectedId);
  for (let next = index + step; next >= 0 && next < items.length; next += step) {
    const item = items[next];
    if (item && (!unreadOnlyStep || !item.read)) {
      ctx.ui.set({ selectedId: item.id });
      return true;
    }
  }
  if (index === -1 && step === 1 && items[0]) {
    ctx.ui.set({ selectedId: items[0].id });
    return true;
  }
  return false;
}

/** Makes the move kept while the list was loading, once it has loaded. */
export function runPendingMove(ctx: CommandContext): void {
  const pending = ctx.shownList.pendingMove;
  if (!pending || !ctx.shownList.loaded) return;
  ctx.shownList.pendingMove = null;
  moveSelection(ctx, pending.step, pending.unreadOnlyStep);
}

/** Opens an article by id (a notification, a link): shows its feed with it selected. */
export async function openArticleById(ctx: CommandContext, articleId: string): Promise<void> {
  const article = await getArticle(ctx.db, articleId);
  if (!article) return;
  ctx.ui.set({ view: { kind: 'feed', feedId: article.feedId }, selectedId: article.id });
}

/** The selected article when it is one of the library's (not the welcome article). */
export function selectedLibraryId(ctx: CommandContext): string | null {
  const id = ctx.ui.get().selectedId;
  return id !== null && id !== ctx.welcome.id ? id : null;
}
