import { useLiveQuery } from 'dexie-react-hooks';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { CommandId, KeyBindings } from '../shared/commands';
import type { FeedRow, FolderRow } from '../shared/db';
import {
  deleteFolder,
  getArticle,
  getContent,
  importOpmlFolders,
  listFeeds,
  listFolders,
  markAllRead,
  markRead,
  markUnread,
  moveFeed,
  moveFolder,
  renameFeed,
  renameFolder,
  setFeedUrl,
  toggleStar,
  unreadCounts,
  unsubscribe,
} from '../shared/db';
import { parseOpml } from '../shared/feeds';
import type { HostCommand } from '../shared/host';
import { escapeHtml } from '../shared/feeds/text';
import { welcomeArticle } from '../shared/welcome';
import { AddFeedDialog } from './components/dialogs/AddFeedDialog';
import type { ArticleListItem } from './components/panes/list/ArticleList';
import { ArticleList } from './components/panes/list/ArticleList';
import { CommandPalette } from './components/dialogs/CommandPalette';
import type { MenuItem } from './components/primitives/ContextMenu';
import { ContextMenu } from './components/primitives/ContextMenu';
import { FeedSettingsDialog } from './components/dialogs/FeedSettingsDialog';
import { exportOpmlFile } from './components/dialogs/opml-import';
import { OpmlDialog } from './components/dialogs/OpmlDialog';
import { DEFAULT_PANE_WIDTHS, MIN_LIST, MIN_SIDEBAR, maxPaneWidth } from './components/panes/pane-widths';
import { PaneResizer } from './components/panes/PaneResizer';
import type { PromptRequest } from './components/dialogs/PromptDialog';
import { PromptDialog } from './components/dialogs/PromptDialog';
import type { ReaderHandle } from './components/panes/reader/ReaderPane';
import { ReaderPane } from './components/panes/reader/ReaderPane';
import { SettingsDialog } from './components/settings/SettingsDialog';
import { ShortcutsDialog } from './components/dialogs/ShortcutsDialog';
import { Sidebar } from './components/panes/sidebar/Sidebar';
import { SyncStatus } from './components/panes/list/SyncStatus';
import { Toasts } from './components/primitives/Toasts';
import { useArticleList } from './hooks/use-article-list';
import { useSearchResults } from './hooks/use-search-results';
import { useSavedSearchCounts } from './hooks/use-saved-search-counts';
import { SearchBox } from './components/panes/list/SearchBox';
import { usePaneWidths } from './hooks/use-pane-widths';
import { useDesktopIntegration } from './hooks/use-desktop-integration';
import { useSettings } from './hooks/use-settings';
import { useSync } from './hooks/use-sync';
import { useToasts } from './hooks/use-toasts';
import { isMacPlatform, useCommandKeys } from './keyboard/use-command-keys';
import { useLibrary } from './library/library-context';
import { withStoredImages } from './offline/reader-images';
import { useObjectUrls } from './offline/use-object-urls';
import { downloadEnclosure, episodeOf, removeEnclosure } from './offline/download-enclosure';
import type { ReaderEpisode } from './components/panes/reader/ReaderPane';
import { useOffline } from './offline/use-offline';
import type { SelectedView } from './library/views';
import { sameView, sidebarOrder, viewTitle } from './library/views';
import type { ReaderPreferences } from './reader/article-document';

const emptyCounts = { total: 0, byFeed: {}, byFolder: {} };
const noFeeds: FeedRow[] = [];
const noFolders: FolderRow[] = [];

type MenuState = { at: { x: number; y: number }; label: string; items: MenuItem[] } | null;

export function App() {
  const { db, engine, host, connected } = useLibrary();
  const isMac = isMacPlatform();
  const welcome = useMemo(() => welcomeArticle(isMac), [isMac]);
  const [settings, updateSettings] = useSettings();
  const [toasts, showToast, dismissToast] = useToasts();

  const feeds = useLiveQuery(() => listFeeds(db), [db]) ?? noFeeds;
  const folders = useLiveQuery(() => listFolders(db), [db]) ?? noFolders;
  const counts = useLiveQuery(() => unreadCounts(db), [db]) ?? emptyCounts;
  const starredCount = useLiveQuery(() => db.articles.where('[starred+starredAt]').between([1, -Infinity], [1, Infinity]).count(), [db]) ?? 0;
  const hasFeeds = feeds.length > 0;

  const [view, setView] = useState<SelectedView>({ kind: 'unread' });
  const [order, setOrder] = useState<'newest' | 'oldest'>('newest');
  const [unreadOnly, setUnreadOnly] = useState(false);
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const [addFeed, setAddFeed] = useState<{ open: boolean; url: string }>({ open: false, url: '' });
  const [prompt, setPrompt] = useState<PromptRequest | null>(null);
  const [menu, setMenu] = useState<MenuState>(null);
  const [helpOpen, setHelpOpen] = useState(false);
  const [settingsOpen, setSettingsOpen] = useState(false);
  const [paletteOpen, setPaletteOpen] = useState(false);
  const [opmlOpen, setOpmlOpen] = useState(false);
  const [feedSettings, setFeedSettingsFor] = useState<FeedRow | null>(null);
  const panes = usePaneWidths();
  const reader = useRef<ReaderHandle>(null);

  const list = useArticleList(view, order, unreadOnly || view.kind === 'unread');
  const searching = view.kind === 'search';
  const searchInput = useRef<HTMLInputElement>(null);
  const searchReturn = useRef<SelectedView>({ kind: 'unread' });
  const results = useSearchResults(view.kind === 'search' ? view.query : null, feeds, folders, counts.total);
  const savedCounts = useSavedSearchCounts(settings.savedSearches, feeds, folders, counts.total, searching);
  const feedTitles = useMemo(() => new Map(feeds.map((feed) => [feed.id, feed.title || feed.url])), [feeds]);
  const showWelcome = !hasFeeds && !searching && list.articles.length === 0;
  // First run: the welcome article is open, so there is something to read before any feed is added.
  const feedsLoaded = useLiveQuery(() => db.feeds.count(), [db]) !== undefined;
  const welcomeShown = useRef(false);
  useEffect(() => {
    if (!feedsLoaded || welcomeShown.current) return;
    welcomeShown.current = true;
    if (showWelcome) setSelectedId((current) => current ?? welcome.id);
  }, [feedsLoaded, showWelcome, welcome.id]);
  const items: ArticleListItem[] = useMemo(() => {
    if (showWelcome) {
      return [{ id: welcome.id, title: welcome.title, feedTitle: welcome.feedTitle, time: welcome.published, snippet: welcome.summary, read: true, starred: false }];
    }
    return (searching ? results.articles : list.articles).map((article) => {
      const matches = results.hits.get(article.id)?.matches ?? [];
      return {
        id: article.id,
        title: article.title || '(untitled)',
        feedTitle: feedTitles.get(article.feedId) ?? article.feedTitle ?? '',
        time: article.sortTime,
        snippet: article.summary,
        read: article.read === 1,
        starred: article.starred === 1,
        titleMarks: matches.find((match) => match.field === 'title')?.ranges,
        snippetMarks: matches.find((match) => match.field === 'summary')?.ranges,
      };
    });
  }, [showWelcome, welcome, searching, results, list.articles, feedTitles]);

  const selectedRow = useLiveQuery(
    async () => (selectedId && selectedId !== welcome.id ? withStoredImages(db, { article: await getArticle(db, selectedId), content: await getContent(db, selectedId) }) : null),
    [db, selectedId, welcome.id],
  );

  const { progress, online } = useSync(
    useCallback((command: HostCommand) => {
      if (command.type === 'subscribe') setAddFeed({ open: true, url: command.url });
      if (command.type === 'command') runCommandRef.current(command.id);
      if (command.type === 'open-article') openArticleRef.current(command.articleId);
      if (command.type === 'open-feed') selectViewRef.current({ kind: 'feed', feedId: command.feedId });
      if (command.type === 'import-opml') void importOpmlTextRef.current(command.text);
    }, []),
  );
  useDesktopIntegration(counts.total, settings, feeds, progress);
  const offline = useOffline();
  const storedImages = useObjectUrls(selectedRow?.images);
  const enclosureRows = useLiveQuery(() => (selectedId ? db.enclosures.where('articleId').equals(selectedId).toArray() : []), [db, selectedId]);
  const storedEnclosures = useObjectUrls(enclosureRows);
  const episodeFile = episodeOf(selectedRow?.content?.enclosures);
  const episode: ReaderEpisode | null =
    episodeFile && selectedId
      ? {
          url: episodeFile.url,
          storedBytes: enclosureRows?.find((row) => row.url === episodeFile.url)?.bytes ?? null,
          download: (onProgress, signal) =>
            downloadEnclosure({ db, host, articleId: selectedId, url: episodeFile.url, declaredType: episodeFile.type, onProgress, signal }),
          remove: () => void removeEnclosure(db, episodeFile.url),
        }
      : null;

  // Theme, window title and the host's unread badge follow the library.
  useEffect(() => {
    if (settings.theme === 'system') delete document.documentElement.dataset.theme;
    else document.documentElement.dataset.theme = settings.theme;
  }, [settings.theme]);
  useEffect(() => {
    document.title = counts.total > 0 ? `Broadsheet (${counts.total})` : 'Broadsheet';
  }, [counts.total]);

  const selectView = useCallback((next: SelectedView) => {
    setView(next);
    setSelectedId(null);
  }, []);
  const selectViewRef = useRef(selectView);
  const openArticleRef = useRef(async (articleId: string) => {
    const article = await getArticle(db, articleId);
    if (!article) return;
    setView({ kind: 'feed', feedId: article.feedId });
    setSelectedId(article.id);
  });
  /** An .opml file opened with the app (file association, command line, drop): import it and report. */
  const importOpmlTextRef = useRef(async (text: string) => {
    const parsed = parseOpml(text);
    const report = await importOpmlFolders(db, parsed.outlines);
    const problems = parsed.errors.length + report.invalid.length;
    showToast({
      kind: problems > 0 ? 'error' : 'info',
      message: `Imported ${report.added} feeds`,
      detail: [report.duplicates.length > 0 ? `${report.duplicates.length} already subscribed` : '', problems > 0 ? `${problems} lines skipped` : '']
        .filter(Boolean)
        .join(' · ') || undefined,
    });
    void engine.syncDue();
  });

  // Mark read on open, per the setting.
  useEffect(() => {
    const article = selectedRow?.article;
    if (!article || article.read === 1 || settings.markReadOn === 'manual') return;
    const mark = () => {
      list.keep(article.id);
      void markRead(db, [article.id]);
    };
    if (settings.markReadOn === 'open') {
      // Marked just after the article is on screen, so the write and the list and count refresh it sets off do not
      // delay showing it (bench/ui); an article passed over sooner is still marked as the reader moves on.
      let marked = false;
      const markOnce = () => {
        if (marked) return;
        marked = true;
        mark();
      };
      const timer = setTimeout(markOnce, 120);
      return () => {
        clearTimeout(timer);
        markOnce();
      };
    }
    const timer = setTimeout(mark, settings.markReadDelaySeconds * 1000);
    return () => clearTimeout(timer);
  }, [selectedRow?.article?.id, settings.markReadOn, settings.markReadDelaySeconds]); // eslint-disable-line react-hooks/exhaustive-deps

  const moveSelection = useCallback(
    (step: 1 | -1, unreadOnlyStep = false) => {
      if (items.length === 0) return false;
      const index = items.findIndex((item) => item.id === selectedId);
      for (let next = index + step; next >= 0 && next < items.length; next += step) {
        const item = items[next];
        if (item && (!unreadOnlyStep || !item.read)) {
          setSelectedId(item.id);
          return true;
        }
      }
      if (index === -1 && step === 1 && items[0]) {
        setSelectedId(items[0].id);
        return true;
      }
      return false;
    },
    [items, selectedId],
  );

  const syncView = useCallback(async () => {
    if (view.kind === 'feed') await engine.syncFeed(view.feedId);
    else if (view.kind === 'folder') await engine.syncFolder(view.folderId);
    else await engine.syncAll();
  }, [engine, view]);

  const markViewRead = useCallback(async () => {
    const scope = view.kind === 'feed' ? { feedId: view.feedId } : view.kind === 'folder' ? { folderId: view.folderId } : null;
    if (scope) await markAllRead(db, scope);
    else await markRead(db, items.map((item) => item.id));
    showToast({ kind: 'info', message: `Marked ${viewTitle(view, feeds, folders)} as read` });
  }, [db, view, items, feeds, folders, showToast]);

  const toggleRead = useCallback(async (id: string) => {
    const article = await getArticle(db, id);
    if (!article) return;
    list.keep(id);
    await (article.read ? markUnread(db, [id]) : markRead(db, [id]));
  }, [db, list]);

  const openLink = useCallback((url: string) => void host.openExternal(url), [host]);
  const selectedArticle = selectedRow?.article;

  /** ← and → move the keyboard focus between the sidebar, the list and the reader. */
  const movePaneFocus = (step: 1 | -1) => {
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
  };
  const selectedLibraryId = selectedId !== null && selectedId !== welcome.id ? selectedId : null;
  const runCommand = (id: CommandId) => {
    const order = sidebarOrder(feeds, folders);
    const position = order.findIndex((entry) => sameView(entry, view));
    switch (id) {
      case 'article.next':
        return void moveSelection(1);
      case 'article.previous':
        return void moveSelection(-1);
      case 'article.nextUnread':
        return void moveSelection(1, true);
      case 'article.previousUnread':
        return void moveSelection(-1, true);
      case 'article.pageDown':
        if (!reader.current?.page(1)) moveSelection(1, true);
        return;
      case 'article.pageUp':
        return void reader.current?.page(-1);
      case 'article.open':
        if (!selectedId) moveSelection(1);
        return reader.current?.focus();
      // Article commands act on the selected id, not on the row the reader has loaded yet: a key pressed right
      // after a click must not be lost while the row is still being read.
      case 'article.openOriginal':
        if (selectedLibraryId) void getArticle(db, selectedLibraryId).then((article) => article?.url && openLink(article.url));
        return;
      case 'article.toggleRead':
        if (selectedLibraryId) void toggleRead(selectedLibraryId);
        return;
      case 'article.loadFullText':
        if (selectedLibraryId) {
          void offline.loadFullTextNow(selectedLibraryId).then((result) => {
            if (!result.ok) showToast({ kind: 'error', message: 'Could not load the full text', detail: result.error });
          });
        }
        return;
      case 'article.toggleStar':
        if (selectedLibraryId) void toggleStar(db, selectedLibraryId);
        return;
      case 'view.markAllRead':
        return void markViewRead();
      case 'sync.current':
        return void syncView();
      case 'sync.all':
        return void engine.syncAll();
      case 'feed.add':
        return setAddFeed({ open: true, url: '' });
      case 'feed.next':
      case 'feed.previous': {
        const next = order[position + (id === 'feed.next' ? 1 : -1)];
        if (next) selectView(next);
        return;
      }
      case 'go.all':
        return selectView({ kind: 'all' });
      case 'go.unread':
        return selectView({ kind: 'unread' });
      case 'go.starred':
        return selectView({ kind: 'starred' });
      case 'help.shortcuts':
        return setHelpOpen(true);
      case 'focus.left':
      case 'focus.right':
        return movePaneFocus(id === 'focus.right' ? 1 : -1);
      case 'search.open':
        if (view.kind !== 'search') {
          searchReturn.current = view;
          selectView({ kind: 'search', query: '' });
        }
        searchInput.current?.focus();
        return;
      case 'settings.open':
        return setSettingsOpen(true);
      case 'palette.open':
        return setPaletteOpen(true);
      case 'opml.import':
        return setOpmlOpen(true);
      case 'opml.export':
        return void exportOpmlFile(db).then((count) => showToast({ kind: 'info', message: `Exported ${count} ${count === 1 ? 'feed' : 'feeds'} as OPML` }));
      case 'view.back':
        // Open dialogs close themselves on Escape (the key handler leaves them alone); this backs out of the rest.
        if (menu) setMenu(null);
        else if (view.kind === 'search') selectView(searchReturn.current);
        return;
      default:
        showToast({ kind: 'info', message: 'Not available yet', detail: id });
        return;
    }
  };
  const runCommandRef = useRef(runCommand);
  runCommandRef.current = runCommand;
  useCommandKeys(runCommand, settings.keyBindings as KeyBindings);

  const feedMenu = (feed: FeedRow, at: { x: number; y: number }) =>
    setMenu({
      at,
      label: `${feed.title} actions`,
      items: [
        { label: 'Refresh', onSelect: () => void engine.syncFeed(feed.id) },
        { label: 'Mark all as read', onSelect: () => void markAllRead(db, { feedId: feed.id }) },
        {
          label: 'Rename…',
          onSelect: () =>
            setPrompt({ title: 'Rename feed', label: 'Title', initial: feed.title, submitLabel: 'Rename', onSubmit: async (title) => (await renameFeed(db, feed.id, title), null) }),
        },
        ...folders.filter((folder) => folder.id !== feed.folderId).map((folder) => ({ label: `Move to ${folder.title}`, onSelect: () => void moveFeed(db, feed.id, folder.id) })),
        ...(feed.folderId ? [{ label: 'Move out of folder', onSelect: () => void moveFeed(db, feed.id, null) }] : []),
        {
          label: 'Edit URL…',
          onSelect: () =>
            setPrompt({
              title: 'Edit feed URL',
              label: 'Feed URL',
              initial: feed.url,
              submitLabel: 'Save',
              onSubmit: async (url) => {
                const result = await setFeedUrl(db, feed.id, url);
                if (!result.ok) return result.error;
                void engine.syncFeed(feed.id);
                return null;
              },
            }),
        },
        { label: 'Feed settings…', onSelect: () => setFeedSettingsFor(feed) },
        { label: 'Open site', disabled: !feed.siteUrl, onSelect: () => feed.siteUrl && openLink(feed.siteUrl) },
        {
          label: 'Unsubscribe',
          danger: true,
          onSelect: () => {
            void unsubscribe(db, feed.id).then(({ kept }) =>
              showToast({ kind: 'info', message: `Unsubscribed from ${feed.title}`, detail: kept > 0 ? `${kept} bookmarks kept` : undefined }),
            );
            if (sameView(view, { kind: 'feed', feedId: feed.id })) selectView({ kind: 'unread' });
          },
        },
      ],
    });

  const folderMenu = (folder: FolderRow, at: { x: number; y: number }) =>
    setMenu({
      at,
      label: `${folder.title} actions`,
      items: [
        { label: 'Refresh', onSelect: () => void engine.syncFolder(folder.id) },
        { label: 'Mark all as read', onSelect: () => void markAllRead(db, { folderId: folder.id }) },
        {
          label: 'Rename…',
          onSelect: () =>
            setPrompt({ title: 'Rename folder', label: 'Name', initial: folder.title, submitLabel: 'Rename', onSubmit: async (title) => (await renameFolder(db, folder.id, title), null) }),
        },
        { label: 'Delete folder (keep feeds)', danger: true, onSelect: () => void deleteFolder(db, folder.id) },
      ],
    });

  const readerPreferences: ReaderPreferences = {
    colorScheme: settings.theme === 'system' ? 'light dark' : settings.theme,
    fontFamily: settings.readerFont,
    fontSizePx: settings.readerFontSize,
    lineHeight: settings.readerLineHeight,
  };

  const readerArticle =
    selectedId === welcome.id
      ? { title: welcome.title, author: welcome.author, feedTitle: welcome.feedTitle, published: welcome.published, html: welcome.html }
      : selectedArticle
        ? {
            title: selectedArticle.title || '(untitled)',
            url: selectedArticle.url ?? undefined,
            author: selectedArticle.author ?? undefined,
            feedTitle: feedTitles.get(selectedArticle.feedId) ?? selectedArticle.feedTitle ?? '',
            published: selectedArticle.published ?? undefined,
            html: selectedRow?.content?.fullText ?? selectedRow?.content?.html ?? `<p>${escapeHtml(selectedArticle.summary)}</p>`,
            enclosures: selectedRow?.content?.enclosures,
            storedImages,
            storedEnclosures,
          }
        : null;

  const footer = connected ? (online ? `${progress.running ? 'Syncing…' : `${feeds.length} ${feeds.length === 1 ? 'feed' : 'feeds'}`}` : 'Offline') : 'Not connected: reading only';

  return (
    <div
      className="shell"
      onDragOver={(event) => {
        if (event.dataTransfer.types.includes('Files') || event.dataTransfer.types.includes('text/uri-list')) event.preventDefault();
      }}
      onDrop={(event) => {
        const file = [...event.dataTransfer.files].find((candidate) => /\.(opml|xml)$/i.test(candidate.name));
        const url = event.dataTransfer.getData('text/uri-list').split('\n').find((line) => /^https?:/i.test(line.trim()));
        if (!file && !url) return;
        event.preventDefault();
        if (file) void file.text().then((text) => importOpmlTextRef.current(text));
        else if (url) setAddFeed({ open: true, url: url.trim() });
      }}
      style={{ '--sidebar-width': `${panes.widths.sidebar}px`, '--list-width': `${panes.widths.list}px` } as React.CSSProperties}>
      <Sidebar
        feeds={feeds}
        folders={folders}
        counts={counts}
        starredCount={starredCount}
        selected={view}
        onSelect={selectView}
        onAddFeed={() => setAddFeed({ open: true, url: '' })}
        onFeedMenu={feedMenu}
        onFolderMenu={folderMenu}
        onMoveFeed={(feedId, folderId, position) => void moveFeed(db, feedId, folderId, position)}
        onMoveFolder={(folderId, position) => void moveFolder(db, folderId, position)}
        footer={footer}
        onOpenSettings={() => setSettingsOpen(true)}
        savedSearches={settings.savedSearches.map((saved) => ({ ...saved, unread: savedCounts.get(saved.id) }))}
        onSavedSearchMenu={(id, at) =>
          setMenu({
            at,
            label: 'Saved search actions',
            items: [
              {
                label: 'Rename…',
                onSelect: () =>
                  setPrompt({
                    title: 'Rename saved search',
                    label: 'Name',
                    initial: settings.savedSearches.find((saved) => saved.id === id)?.title ?? '',
                    submitLabel: 'Rename',
                    onSubmit: async (title) =>
                      (await updateSettings({ savedSearches: settings.savedSearches.map((saved) => (saved.id === id ? { ...saved, title: title.trim() || saved.title } : saved)) })).join('; ') || null,
                  }),
              },
              {
                label: 'Delete',
                danger: true,
                onSelect: () => {
                  void updateSettings({ savedSearches: settings.savedSearches.filter((saved) => saved.id !== id) });
                  if (view.kind === 'search' && view.savedId === id) selectView({ kind: 'unread' });
                },
              },
            ],
          })
        }
        onImportOpml={() => setOpmlOpen(true)}
      />
      <ArticleList
        title={viewTitle(view, feeds, folders)}
        items={items}
        selectedId={selectedId}
        onSelect={setSelectedId}
        onNearEnd={list.loadMore}
        emptyMessage={
          view.kind === 'search'
            ? view.query.trim() === ''
              ? 'Type to search every article: titles, authors and full text. Add feed:, folder:, is:unread, is:starred, author:, before:, after:, "a phrase" or -word to narrow.'
              : results.loaded
                ? results.error ?? 'No article matches.'
                : ''
            : !list.loaded
            ? ''
            : view.kind === 'starred'
              ? 'Bookmark an article with S and it stays here for good.'
              : view.kind === 'unread'
                ? 'All caught up.'
                : 'Nothing here yet.'
        }
        status={
          <>
            {view.kind === 'search' ? (
              <SearchBox
                query={view.query}
                inputRef={searchInput}
                resultCount={results.loaded ? results.articles.length : null}
                onChange={(query) => setView({ kind: 'search', query })}
                onSubmit={() => {
                  const first = items[0];
                  if (first) setSelectedId(first.id);
                  document.querySelector<HTMLElement>('.article-list')?.focus();
                }}
                onClose={() => selectView(searchReturn.current)}
                onSave={
                  view.savedId
                    ? null
                    : () =>
                        setPrompt({
                          title: 'Save search',
                          label: 'Name in the sidebar',
                          initial: view.query,
                          submitLabel: 'Save',
                          onSubmit: async (title) => {
                            const saved = { id: `search-${Date.now().toString(36)}`, title: title.trim() || view.query, query: view.query };
                            const errors = await updateSettings({ savedSearches: [...settings.savedSearches, saved] });
                            if (errors.length > 0) return errors.join('; ');
                            selectView({ kind: 'search', query: saved.query, savedId: saved.id });
                            return null;
                          },
                        })
                }
              />
            ) : null}
            <SyncStatus progress={progress} online={online} />
          </>
        }
        toolbar={
          <div className="list-tools">
            {view.kind !== 'unread' && view.kind !== 'search' ? (
              <button type="button" className="tool-button" aria-pressed={unreadOnly} onClick={() => setUnreadOnly((value) => !value)} title="Show only unread">
                Unread only
              </button>
            ) : null}
            {view.kind !== 'search' ? (
              <button type="button" className="tool-button" onClick={() => setOrder((value) => (value === 'newest' ? 'oldest' : 'newest'))} title="Sort order">
                {order === 'newest' ? 'Newest first' : 'Oldest first'}
              </button>
            ) : null}
            <button type="button" className="tool-button" onClick={() => void syncView()} title="Refresh (R)" aria-label="Refresh">
              ⟳
            </button>
          </div>
        }
      />
      <ReaderPane
        handle={reader}
        article={readerArticle}
        episode={selectedId === welcome.id ? null : episode}
        read={selectedArticle?.read === 1}
        starred={selectedArticle?.starred === 1}
        preferences={readerPreferences}
        onOpenLink={openLink}
        onToggleRead={() => selectedArticle && void toggleRead(selectedArticle.id)}
        onToggleStar={() => selectedArticle && void toggleStar(db, selectedArticle.id)}
        emptyMessage={items.length > 0 ? 'Press J to read the first article.' : 'Nothing to read here.'}
      />
      <PaneResizer label="Resize sidebar" left={panes.widths.sidebar} value={panes.widths.sidebar} min={MIN_SIDEBAR} max={maxPaneWidth('sidebar', panes.widths, panes.viewport)} initial={DEFAULT_PANE_WIDTHS.sidebar} onResize={(width) => panes.resize('sidebar', width)} />
      <PaneResizer label="Resize article list" left={panes.widths.sidebar + panes.widths.list} value={panes.widths.list} min={MIN_LIST} max={maxPaneWidth('list', panes.widths, panes.viewport)} initial={DEFAULT_PANE_WIDTHS.list} onResize={(width) => panes.resize('list', width)} />
      {menu ? <ContextMenu at={menu.at} label={menu.label} items={menu.items} onClose={() => setMenu(null)} /> : null}
      <AddFeedDialog
        open={addFeed.open}
        initialUrl={addFeed.url}
        onClose={() => setAddFeed({ open: false, url: '' })}
        onSubscribed={(feedId) => selectView({ kind: 'feed', feedId })}
      />
      <PromptDialog request={prompt} onClose={() => setPrompt(null)} />
      <ShortcutsDialog open={helpOpen} isMac={isMac} onClose={() => setHelpOpen(false)} />
      <SettingsDialog open={settingsOpen} isMac={isMac} onClose={() => setSettingsOpen(false)} onImportOpml={() => setOpmlOpen(true)} />
      <OpmlDialog open={opmlOpen} onClose={() => setOpmlOpen(false)} />
      <CommandPalette
        open={paletteOpen}
        isMac={isMac}
        bindings={settings.keyBindings as KeyBindings}
        feeds={feeds}
        folders={folders}
        onClose={() => setPaletteOpen(false)}
        onCommand={(id) => runCommandRef.current(id)}
        onGo={selectView}
      />
      <FeedSettingsDialog feed={feedSettings} folders={folders} onClose={() => setFeedSettingsFor(null)} />
      <Toasts toasts={toasts} onDismiss={dismissToast} />
    </div>
  );
}
