import type { DragEvent, MouseEvent as ReactMouseEvent } from 'react';
import { useCallback, useMemo, useState } from 'react';
import { Trans, useTranslation } from 'react-i18next';
import iconUrl from '../../../../build/icon.svg';
import type { FeedRow, FolderRow } from '../../../../shared/db';
import { isLocalFeed, moveFeed, moveFolder } from '../../../../shared/db';
import { LOCAL_ACCOUNT_ID } from '../../../../shared/db/schema';
import { AccountSyncBar } from '../../primitives/AccountSyncBar';
import type { CommandContext } from '../../../commands/command-context';
import { openFeedMenu, openFolderMenu, openSavedSearchMenu } from '../../../commands/menus';
import { useFavicons } from '../../../hooks/use-favicons';
import { accountTitle } from '../../../i18n/account-title';
import { useSettings } from '../../../hooks/use-settings';
import { useLibrary } from '../../../library/library-context';
import type { SelectedView } from '../../../library/views';
import { sameView, smartViews } from '../../../library/views';
import { useAppState, useLibraryState, useUi } from '../../../state/app-context';
import { selectView } from '../../../state/ui-store';
import { FeedItem } from './FeedItem';
import { FolderHeader } from './FolderHeader';
import { SavedSearchList } from './SavedSearchList';
import { FEED_DRAG_TYPE, FOLDER_DRAG_TYPE, menuPosition } from './sidebar-drag';
import { SidebarFooter } from './SidebarFooter';
import { SmartViewItem } from './SmartViewItem';

/**
 * The sidebar marks the selected view, never the text of a search being typed (a saved search is marked by its id):
 * compared this way, a keystroke in the search box does not re-render the sidebar's thousand rows.
 */
function sameSidebarSelection(a: SelectedView, b: SelectedView): boolean {
  return a.kind === 'search' && b.kind === 'search' ? a.savedId === b.savedId : sameView(a, b);
}

/**
 * The left pane: smart views, saved searches, folders and feeds. It reads the feed and folder lists, which keep
 * their identity when only unread counts change; each row reads its own count (FeedItem, FolderHeader,
 * SmartViewItem), so a count change re-renders the rows that show it and not this list.
 */
export function Sidebar() {
  const { t } = useTranslation();
  const services = useLibrary();
  const app = useAppState();
  const ctx: CommandContext = useMemo(() => ({ ...services, ...app }), [services, app]);
  const { ui } = app;
  const feeds = useLibraryState((state) => state.feeds);
  const folders = useLibraryState((state) => state.folders);
  const accounts = useLibraryState((state) => state.accounts);
  const selected = useUi((state) => state.view, sameSidebarSelection);
  const [settings] = useSettings();
  const [collapsed, setCollapsed] = useState<ReadonlySet<string>>(() => new Set());
  const [dropTarget, setDropTarget] = useState<string | null>(null);
  const favicons = useFavicons(feeds);

  const onSelect = useCallback((view: SelectedView) => selectView(ui, view), [ui]);
  const onSelectFeed = useCallback((feedId: string) => selectView(ui, { kind: 'feed', feedId }), [ui]);
  const onSelectFolder = useCallback((folderId: string) => selectView(ui, { kind: 'folder', folderId }), [ui]);
  const onFeedMenu = useCallback((feed: FeedRow, event: ReactMouseEvent) => openFeedMenu(ctx, feed, menuPosition(event)), [ctx]);
  const onFolderMenu = useCallback((folder: FolderRow, event: ReactMouseEvent) => openFolderMenu(ctx, folder, menuPosition(event)), [ctx]);
  const onSavedMenu = useCallback((id: string, event: ReactMouseEvent) => openSavedSearchMenu(ctx, id, menuPosition(event)), [ctx]);
  const addFeed = () => ui.set({ addFeed: { open: true, url: '' } });
  const toggleFolder = useCallback(
    (folderId: string) =>
      setCollapsed((previous) => {
        const next = new Set(previous);
        if (next.has(folderId)) next.delete(folderId);
        else next.add(folderId);
        return next;
      }),
    [],
  );

  const onDragOver = useCallback((target: string, event: DragEvent) => {
    const folderDrag = event.dataTransfer.types.includes(FOLDER_DRAG_TYPE);
    if (!event.dataTransfer.types.includes(FEED_DRAG_TYPE) && !(folderDrag && target.startsWith('folder:'))) return;
    event.preventDefault();
    setDropTarget(target);
  }, []);
  // Every feed row gets this handler: it reads the feeds and folders when a drop happens, not from the render, or a
  // sync (which changes feed rows on each commit) would hand all 500 rows a new handler and re-render every one.
  const onDrop = useCallback(
    (folderId: string | null, position: number | undefined, event: DragEvent) => {
      const { feeds, folders } = app.library.get();
      const draggedFolder = event.dataTransfer.getData(FOLDER_DRAG_TYPE);
      if (draggedFolder && folderId !== null) {
        setDropTarget(null);
        event.preventDefault();
        event.stopPropagation();
        const target = folders.find((folder) => folder.id === folderId);
        if (target && draggedFolder !== folderId) void moveFolder(services.db, draggedFolder, target.position);
        return;
      }
      const feedId = event.dataTransfer.getData(FEED_DRAG_TYPE);
      setDropTarget(null);
      if (!feedId) return;
      event.preventDefault();
      event.stopPropagation();
      // Dragging moves feeds between this computer's folders; an account's feeds move on its server (menu).
      const feed = feeds.find((row) => row.id === feedId);
      const target = folderId === null ? undefined : folders.find((folder) => folder.id === folderId);
      if (feed && isLocalFeed(feed) && (!target || isLocalFeed(target))) void moveFeed(services.db, feedId, folderId, position);
    },
    [app.library, services.db],
  );

  const feedItem = (feed: FeedRow) => (
    <FeedItem
      key={feed.id}
      feed={feed}
      selected={selected.kind === 'feed' && selected.feedId === feed.id}
      dropTarget={dropTarget === `feed:${feed.id}`}
      favicon={favicons.get(feed.id)}
      onSelect={onSelectFeed}
      onMenu={onFeedMenu}
      onDragOver={onDragOver}
      onDrop={onDrop}
    />
  );

  /** One account's folders and feeds (all of them when there is only "On this computer"). */
  const subscriptionList = (listFeeds: readonly FeedRow[], listFolders: readonly FolderRow[], label: string) => (
    <ul className="nav-list" aria-label={label}>
      {listFolders.map((folder) => {
        const open = !collapsed.has(folder.id);
        return (
          <li key={folder.id} onDragOver={(event) => onDragOver(`folder:${folder.id}`, event)} onDrop={(event) => onDrop(folder.id, undefined, event)}>
            <FolderHeader
              folder={folder}
              open={open}
              selected={selected.kind === 'folder' && selected.folderId === folder.id}
              dropTarget={dropTarget === `folder:${folder.id}`}
              draggable
              onToggle={toggleFolder}
              onSelect={onSelectFolder}
              onMenu={onFolderMenu}
            />
            {open ? <ul className="nav-list nested">{listFeeds.filter((feed) => feed.folderId === folder.id).map(feedItem)}</ul> : null}
          </li>
        );
      })}
      {listFeeds.filter((feed) => feed.folderId === null).map(feedItem)}
    </ul>
  );
  const grouped = accounts.length > 1;
  const ownedBy = (accountId: string) => (row: { accountId?: string }) => (row.accountId ?? LOCAL_ACCOUNT_ID) === accountId;

  return (
    // A drag that ends anywhere (dropped, let go where a feed cannot go, Escape) leaves no place marked.
    <nav className="sidebar" aria-label={t('sidebar.label')} onDragEnd={() => setDropTarget(null)}>
      <div className="sidebar-header">
        <div className="brand">
          <img src={iconUrl} alt="" />
          <span>Broadsheet</span>
        </div>
        <button type="button" className="icon-button" onClick={addFeed} title={t('sidebar.addFeedTitle')} aria-label={t('sidebar.addFeed')}>
          +
        </button>
      </div>
      <div className="sidebar-scroll">
        <ul className="nav-list">
          {smartViews.map((smart) => (
            <SmartViewItem key={smart.kind} smart={smart} selected={sameView(selected, { kind: smart.kind })} onSelect={onSelect} />
          ))}
        </ul>
        <SavedSearchList saved={settings.savedSearches} selected={selected} onSelect={onSelect} onMenu={onSavedMenu} />
        <h2 className={`nav-section-title${dropTarget === 'top' ? ' is-drop-target' : ''}`} onDragOver={(event) => onDragOver('top', event)} onDrop={(event) => onDrop(null, undefined, event)}>
          {t('sidebar.subscriptions')}
        </h2>
        {feeds.length === 0 && folders.length === 0 ? (
          <div className="sidebar-empty" role="note" aria-label={t('sidebar.empty.label')}>
            <p>
              <Trans i18nKey="sidebar.empty.lead" components={{ strong: <strong /> }} />
            </p>
            <p>
              <Trans i18nKey="sidebar.empty.howTo" components={{ kbd: <kbd /> }} />
            </p>
            <div className="sidebar-empty-actions">
              <button type="button" className="primary-button" onClick={addFeed}>
                {t('sidebar.empty.addFeed')}
              </button>
              <button type="button" className="secondary-button" onClick={() => ui.set({ opmlOpen: true })}>
                {t('sidebar.empty.importOpml')}
              </button>
            </div>
          </div>
        ) : (
          grouped ? (
            accounts.map((account) => (
              <section key={account.id} aria-label={accountTitle(account, t)}>
                <h2 className="nav-section-title nav-account-title">{accountTitle(account, t)}</h2>
                {account.kind !== 'local' ? <AccountSyncBar accountId={account.id} label={t('sidebar.accountSync', { account: accountTitle(account, t) })} compact /> : null}
                {subscriptionList(feeds.filter(ownedBy(account.id)), folders.filter(ownedBy(account.id)), t('sidebar.accountSubscriptions', { account: accountTitle(account, t) }))}
              </section>
            ))
          ) : (
            subscriptionList(feeds, folders, t('sidebar.subscriptions'))
          )
        )}
      </div>
      <SidebarFooter onOpenSettings={() => ui.set({ settingsOpen: true })} />
    </nav>
  );
}
