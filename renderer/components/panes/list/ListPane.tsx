import { useCallback, useLayoutEffect, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useFormatters } from '../../../i18n/use-formatters';
import type { CommandContext } from '../../../commands/command-context';
import { syncView } from '../../../commands/library-actions';
import { promptSaveSearch } from '../../../commands/menus';
import { closeSearch } from '../../../commands/navigation';
import { openArticleMenu } from '../../../commands/rules';
import { runPendingMove } from '../../../commands/selection';
import { useArticleList } from '../../../hooks/use-article-list';
import { useSearchResults } from '../../../hooks/use-search-results';
import { useLibrary } from '../../../library/library-context';
import { sayPersonNear } from '../../../library/person-turns';
import type { SelectedView } from '../../../library/views';
import { viewTitle } from '../../../library/views';
import { useAppState, useLibraryState, useUi } from '../../../state/app-context';
import type { ArticleListItem } from './article-list-item';
import { createListItemCache, createMarkedItemCache, timeOf } from './article-list-item';
import { ArticleList } from './ArticleList';
import { SearchBox } from './SearchBox';
import { SyncStatus } from './SyncStatus';

const SEARCHING: SelectedView = { kind: 'search', query: '' };

/**
 * The middle pane: the selected view's articles (or search results) with its header and tools. It publishes the
 * list as shown for the commands (j/k, mark view read) and makes a move asked for before the list had loaded.
 */
export function ListPane() {
  const { t } = useTranslation();
  const format = useFormatters();
  const services = useLibrary();
  const app = useAppState();
  const ctx: CommandContext = useMemo(() => ({ ...services, ...app }), [services, app]);
  const { ui, welcome } = app;
  const view = useUi((state) => state.view);
  const order = useUi((state) => state.order);
  const unreadOnly = useUi((state) => state.unreadOnly);
  const selectedId = useUi((state) => state.selectedId);
  const feeds = useLibraryState((state) => state.feeds);
  const folders = useLibraryState((state) => state.folders);
  const libraryLoaded = useLibraryState((state) => state.loaded);
  const searching = view.kind === 'search';
  // Search answers are asked again when the library changes; only while searching does the total matter here.
  const libraryVersion = useLibraryState((state) => (searching ? state.unreadTotal : 0));

  // While searching the view's own list is not shown: one fixed view keeps it from querying again per keystroke.
  const list = useArticleList(searching ? SEARCHING : view, order, unreadOnly || view.kind === 'unread');
  const results = useSearchResults(searching ? view.query : null, feeds, folders, libraryVersion);
  const feedTitles = useMemo(() => new Map(feeds.map((feed) => [feed.id, feed.title || feed.url])), [feeds]);
  const itemFor = useMemo(() => createListItemCache(format, t('list.untitled')), [format, t]);
  const markedItemFor = useMemo(() => createMarkedItemCache(), []);
  const showWelcome = feeds.length === 0 && !searching && list.articles.length === 0;

  const items: readonly ArticleListItem[] = useMemo(() => {
    const now = Date.now();
    if (showWelcome) {
      return [{ id: welcome.id, title: welcome.title, feedTitle: welcome.feedTitle, time: timeOf(welcome.published, now, format), snippet: welcome.summary, read: true, starred: false }];
    }
    if (searching) {
      return results.articles.map((article) =>
        markedItemFor(itemFor(article, feedTitles.get(article.feedId) ?? article.feedTitle ?? '', now), results.hits.get(article.id)),
      );
    }
    return list.articles.map((article) => itemFor(article, feedTitles.get(article.feedId) ?? article.feedTitle ?? '', now));
  }, [showWelcome, welcome, searching, results, list.articles, feedTitles, itemFor, markedItemFor, format]);
  const loaded = searching ? results.loaded : list.loaded && libraryLoaded;

  // Before paint, so a key pressed in the same frame acts on what is on screen.
  useLayoutEffect(() => {
    app.shownList.items = items;
    app.shownList.loaded = loaded;
    app.shownList.keep = list.keep;
    // Keys that act on the list wait for it (keyboard/use-held-list-commands reads listReady).
    ui.set({ listHasItems: items.length > 0, listReady: showWelcome || loaded });
    runPendingMove(ctx);
  }, [app, ui, ctx, items, loaded, showWelcome, list.keep]);

  // First run: the welcome article is open, so there is something to read before any feed is added.
  useLayoutEffect(() => {
    if (!libraryLoaded || app.shownList.welcomeDecided) return;
    app.shownList.welcomeDecided = true;
    if (showWelcome && ui.get().selectedId === null) ui.set({ selectedId: welcome.id });
  }, [libraryLoaded, showWelcome, app, ui, welcome.id]);

  const onSelect = useCallback((id: string) => ui.set({ selectedId: id }), [ui]);
  const onItemMenu = useCallback((id: string, at: { x: number; y: number }) => openArticleMenu(ctx, id, at), [ctx]);
  // A person reading the list: a sync's merges turn small before the first article they open (renderer/library/person-turns.ts).
  const onReading = useCallback(() => sayPersonNear(services.db), [services.db]);
  const title = viewTitle(view, feeds, folders, t);
  const emptyMessage = searching
    ? view.query.trim() === ''
      ? t('list.empty.searchHint')
      : results.loaded
        ? results.error ?? t('list.empty.noMatch')
        : ''
    : !list.loaded
      ? ''
      : view.kind === 'starred'
        ? t('list.empty.starred')
        : view.kind === 'unread'
          ? t('list.empty.caughtUp')
          : t('list.empty.nothing');

  const status = (
    <>
      {view.kind === 'search' ? (
        <SearchBox
          query={view.query}
          inputRef={app.searchInput}
          resultCount={results.loaded ? results.count : null}
          onChange={(query) => ui.set({ view: { ...view, query } })}
          onSubmit={() => {
            const first = items[0];
            if (first) ui.set({ selectedId: first.id });
            document.querySelector<HTMLElement>('.article-list')?.focus();
          }}
          onClose={() => closeSearch(ctx)}
          onSave={view.savedId ? null : () => promptSaveSearch(ctx, view.query)}
        />
      ) : null}
      <SyncStatus />
    </>
  );
  const toolbar = (
    <div className="list-tools">
      {view.kind !== 'unread' && view.kind !== 'search' ? (
        <button type="button" className="tool-button" aria-pressed={unreadOnly} onClick={() => ui.set({ unreadOnly: !unreadOnly })} title={t('list.unreadOnlyTitle')}>
          {t('list.unreadOnly')}
        </button>
      ) : null}
      {view.kind !== 'search' ? (
        <button type="button" className="tool-button" onClick={() => ui.set({ order: order === 'newest' ? 'oldest' : 'newest' })} title={t('list.sortOrder')}>
          {order === 'newest' ? t('list.newestFirst') : t('list.oldestFirst')}
        </button>
      ) : null}
      <button type="button" className="tool-button" onClick={() => void syncView(ctx)} title={t('list.refreshTitle')} aria-label={t('list.refresh')}>
        ⟳
      </button>
    </div>
  );

  return <ArticleList title={title} items={items} selectedId={selectedId} onSelect={onSelect} onNearEnd={searching ? results.loadMore : list.loadMore} emptyMessage={emptyMessage} toolbar={toolbar} status={status} onItemMenu={onItemMenu} onReading={onReading} />;
}
