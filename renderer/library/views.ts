/** What the list pane shows: a smart view, a folder or a feed. */
import type { ArticleView, FeedRow, FolderRow } from '../../shared/db';
import type { Translate } from '../../shared/i18n/translator';

export type SelectedView =
  | { kind: 'all' }
  | { kind: 'unread' }
  | { kind: 'today' }
  | { kind: 'starred' }
  | { kind: 'feed'; feedId: string }
  | { kind: 'folder'; folderId: string }
  /** Search results; `savedId` when it is one of the saved searches of the sidebar. */
  | { kind: 'search'; query: string; savedId?: string };

export const smartViews = [
  { kind: 'unread', icon: '●' },
  { kind: 'today', icon: '◷' },
  { kind: 'all', icon: '≡' },
  { kind: 'starred', icon: '★' },
] as const;

/** The message key of a smart view's name. */
export function smartViewTitleKey(kind: (typeof smartViews)[number]['kind']): `views.${typeof kind}` {
  return `views.${kind}`;
}

/** The library list a view reads; search results come from the search index instead (null). */
export function toArticleView(view: SelectedView, now: number): ArticleView | null {
  if (view.kind === 'search') return null;
  return view.kind === 'today' ? { kind: 'today', now } : view;
}

export function sameView(a: SelectedView, b: SelectedView): boolean {
  if (a.kind !== b.kind) return false;
  if (a.kind === 'feed' && b.kind === 'feed') return a.feedId === b.feedId;
  if (a.kind === 'folder' && b.kind === 'folder') return a.folderId === b.folderId;
  if (a.kind === 'search' && b.kind === 'search') return a.savedId === b.savedId && (a.savedId !== undefined || a.query === b.query);
  return true;
}

export function viewKey(view: SelectedView): string {
  if (view.kind === 'search') return `search:${view.query}`;
  return view.kind === 'feed' ? `feed:${view.feedId}` : view.kind === 'folder' ? `folder:${view.folderId}` : view.kind;
}

export function viewTitle(view: SelectedView, feeds: readonly FeedRow[], folders: readonly FolderRow[], t: Translate): string {
  switch (view.kind) {
    case 'feed':
      return feeds.find((feed) => feed.id === view.feedId)?.title ?? t('views.feed');
    case 'folder':
      return folders.find((folder) => folder.id === view.folderId)?.title ?? t('views.folder');
    case 'search':
      return t('views.search');
    default:
      return t(smartViewTitleKey(view.kind));
  }
}

/** The sidebar's order of selectable views, for `[` and `]`. */
export function sidebarOrder(feeds: readonly FeedRow[], folders: readonly FolderRow[]): SelectedView[] {
  const order: SelectedView[] = smartViews.map((smart) => ({ kind: smart.kind }));
  for (const folder of folders) {
    order.push({ kind: 'folder', folderId: folder.id });
    for (const feed of feeds.filter((f) => f.folderId === folder.id)) order.push({ kind: 'feed', feedId: feed.id });
  }
  for (const feed of feeds.filter((f) => f.folderId === null)) order.push({ kind: 'feed', feedId: feed.id });
  return order;
}
