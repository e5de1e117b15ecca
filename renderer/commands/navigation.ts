/** Commands that move around the window: views, feeds, panes, search, back. */
import { sameView, sidebarOrder } from '../library/views';
import type { SelectedView } from '../library/views';
import { selectView } from '../state/ui-store';
import { isRightToLeft } from '../i18n/window-translator';
import type { CommandContext } from './command-context';

export function goTo(ctx: CommandContext, view: SelectedView): void {
  selectView(ctx.ui, view);
}

/** `[` and `]`: the previous or next entry of the sidebar. */
export function stepFeed(ctx: CommandContext, step: 1 | -1): void {
  const { feeds, folders } = ctx.library.get();
  const order = sidebarOrder(feeds, folders);
  const position = order.findIndex((entry) => sameView(entry, ctx.ui.get().view));
  const next = order[position + step];
  if (next) selectView(ctx.ui, next);
}

/**
 * ← and → move the keyboard focus between the sidebar, the list and the reader: to the pane on that side of the
 * screen, so in a mirrored (right-to-left) layout ← goes forward.
 */
export function movePaneFocusVisually(side: 'left' | 'right'): void {
  movePaneFocus((side === 'right') !== isRightToLeft() ? 1 : -1);
}

/** Moves focus to the next (1) or previous (-1) pane in reading order: sidebar, list, reader. */
function movePaneFocus(step: 1 | -1): void {
  const active = document.activeElement;
  const current = active?.closest('.sidebar') ? 0 : active?.closest('.reader-pane') ? 2 : 1;
  const target = Math.max(0, Math.min(2, current + step));
  const pane =
    target === 0
      ? document.querySelector<HTMLElement>('.sidebar [aria-current="true"]') ?? document.querySelector<HTMLElement>('.sidebar .nav-item')
      : target === 1
        ? document.querySelector<HTMLElement>('.article-list')
        : document.querySelector<HTMLElement>('iframe.reader-frame');
  pane?.focus();
}

export function openSearch(ctx: CommandContext): void {
  const { view } = ctx.ui.get();
  if (view.kind !== 'search') ctx.ui.set({ searchReturn: view, view: { kind: 'search', query: '' }, selectedId: null });
  ctx.searchInput.current?.focus();
}

export function closeSearch(ctx: CommandContext): void {
  selectView(ctx.ui, ctx.ui.get().searchReturn);
}

/** Escape: open dialogs close themselves (the key handler leaves them alone); this backs out of the rest. */
export function back(ctx: CommandContext): void {
  const { menu, view } = ctx.ui.get();
  if (menu) ctx.ui.set({ menu: null });
  else if (view.kind === 'search') closeSearch(ctx);
}
