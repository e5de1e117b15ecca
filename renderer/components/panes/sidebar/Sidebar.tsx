import type { DragEvent, MouseEvent as ReactMouseEvent } from 'react';
import { useState } from 'react';
import iconUrl from '../../../../build/icon.svg';
import type { FeedRow, FolderRow, UnreadCounts } from '../../../../shared/db';
import { useFavicons } from '../../../hooks/use-favicons';
import type { SelectedView } from '../../../library/views';
import { sameView, smartViews } from '../../../library/views';

export interface SidebarProps {
  feeds: FeedRow[];
  folders: FolderRow[];
  counts: UnreadCounts;
  starredCount: number;
  selected: SelectedView;
  onSelect: (view: SelectedView) => void;
  onAddFeed: () => void;
  onFeedMenu: (feed: FeedRow, at: { x: number; y: number }) => void;
  onFolderMenu: (folder: FolderRow, at: { x: number; y: number }) => void;
  onMoveFeed: (feedId: string, folderId: string | null, position?: number) => void;
  /** A folder dragged onto another takes that folder's place. */
  onMoveFolder?: (folderId: string, position: number) => void;
  footer: string;
  onOpenSettings?: () => void;
  /** Saved searches, with the number of unread articles each finds (undefined while counting). */
  savedSearches?: readonly { id: string; title: string; query: string; unread?: number }[];
  onSavedSearchMenu?: (id: string, at: { x: number; y: number }) => void;
  onImportOpml?: () => void;
}

const FEED_DRAG_TYPE = 'application/x-broadsheet-feed';
const FOLDER_DRAG_TYPE = 'application/x-broadsheet-folder';

function feedTooltip(feed: FeedRow): string {
  if (!feed.lastError) return feed.url;
  const success = feed.lastSuccessAt ? `last updated ${new Date(feed.lastSuccessAt).toLocaleString()}` : 'never updated';
  return `${feed.lastError.message} (${success})`;
}

function menuPosition(event: ReactMouseEvent): { x: number; y: number } {
  event.preventDefault();
  if (event.clientX === 0 && event.clientY === 0) {
    const box = (event.currentTarget as HTMLElement).getBoundingClientRect();
    return { x: box.left + 24, y: box.bottom };
  }
  return { x: event.clientX, y: event.clientY };
}

export function Sidebar(props: SidebarProps) {
  const { feeds, folders, counts, selected, onSelect } = props;
  const [collapsed, setCollapsed] = useState<ReadonlySet<string>>(() => new Set());
  const [dropTarget, setDropTarget] = useState<string | null>(null);
  const favicons = useFavicons(feeds);

  const toggleFolder = (folderId: string) =>
    setCollapsed((previous) => {
      const next = new Set(previous);
      if (next.has(folderId)) next.delete(folderId);
      else next.add(folderId);
      return next;
    });

  const allowDrop = (target: string) => (event: DragEvent) => {
    const folderDrag = event.dataTransfer.types.includes(FOLDER_DRAG_TYPE);
    if (!event.dataTransfer.types.includes(FEED_DRAG_TYPE) && !(folderDrag && target.startsWith('folder:'))) return;
    event.preventDefault();
    setDropTarget(target);
  };
  const dropOn = (folderId: string | null, position?: number) => (event: DragEvent) => {
    const draggedFolder = event.dataTransfer.getData(FOLDER_DRAG_TYPE);
    if (draggedFolder && folderId !== null) {
      setDropTarget(null);
      event.preventDefault();
      event.stopPropagation();
      const target = folders.find((folder) => folder.id === folderId);
      if (target && draggedFolder !== folderId) props.onMoveFolder?.(draggedFolder, target.position);
      return;
    }
    const feedId = event.dataTransfer.getData(FEED_DRAG_TYPE);
    setDropTarget(null);
    if (!feedId) return;
    event.preventDefault();
    event.stopPropagation();
    props.onMoveFeed(feedId, folderId, position);
  };

  const feedItem = (feed: FeedRow) => {
    const view: SelectedView = { kind: 'feed', feedId: feed.id };
    const unread = counts.byFeed[feed.id] ?? 0;
    return (
      <li key={feed.id} onDragOver={allowDrop(`feed:${feed.id}`)} onDrop={dropOn(feed.folderId, feed.position)}>
        <button
          type="button"
          className={`nav-item feed-item${feed.gone ? ' is-gone' : ''}${dropTarget === `feed:${feed.id}` ? ' is-drop-target' : ''}`}
          aria-current={sameView(selected, view)}
          title={feedTooltip(feed)}
          draggable
          onDragStart={(event) => {
            event.dataTransfer.setData(FEED_DRAG_TYPE, feed.id);
            event.dataTransfer.effectAllowed = 'move';
          }}
          onClick={() => onSelect(view)}
          onContextMenu={(event) => props.onFeedMenu(feed, menuPosition(event))}
        >
          {favicons.has(feed.id) ? (
            <img className="feed-avatar feed-favicon" src={favicons.get(feed.id)} alt="" />
          ) : (
            <span className="feed-avatar" aria-hidden="true">
              {(feed.title || feed.url).replace(/^https?:\/\/(www\.)?/, '').charAt(0).toUpperCase()}
            </span>
          )}
          <span className="nav-title">{feed.title || feed.url}</span>
          {feed.lastError ? (
            <span className="feed-error" role="img" aria-label={`Error: ${feed.lastError.message}`}>
              !
            </span>
          ) : null}
          {unread > 0 ? <span className="count">{unread}</span> : null}
        </button>
      </li>
    );
  };

  return (
    <nav className="sidebar" aria-label="Feeds">
      <div className="sidebar-header">
        <div className="brand">
          <img src={iconUrl} alt="" />
          <span>Broadsheet</span>
        </div>
        <button type="button" className="icon-button" onClick={props.onAddFeed} title="Add feed (A)" aria-label="Add feed">
          +
        </button>
      </div>
      <div className="sidebar-scroll">
        <ul className="nav-list">
          {smartViews.map((smart) => {
            const view: SelectedView = { kind: smart.kind };
            const count = smart.kind === 'unread' ? counts.total : smart.kind === 'starred' ? props.starredCount : 0;
            return (
              <li key={smart.kind}>
                <button type="button" className="nav-item" aria-current={sameView(selected, view)} onClick={() => onSelect(view)}>
                  <span className="nav-icon" aria-hidden="true">
                    {smart.icon}
                  </span>
                  <span className="nav-title">{smart.title}</span>
                  {count > 0 ? <span className="count">{count}</span> : null}
                </button>
              </li>
            );
          })}
        </ul>
        {props.savedSearches && props.savedSearches.length > 0 ? (
          <>
            <h2 className="nav-section-title">Saved searches</h2>
            <ul className="nav-list" aria-label="Saved searches">
              {props.savedSearches.map((saved) => {
                const view: SelectedView = { kind: 'search', query: saved.query, savedId: saved.id };
                return (
                  <li key={saved.id}>
                    <button
                      type="button"
                      className="nav-item"
                      aria-current={sameView(selected, view)}
                      title={saved.query}
                      onClick={() => onSelect(view)}
                      onContextMenu={(event) => props.onSavedSearchMenu?.(saved.id, menuPosition(event))}
                    >
                      <span className="nav-icon" aria-hidden="true">
                        ⌕
                      </span>
                      <span className="nav-title">{saved.title}</span>
                      {saved.unread ? <span className="count">{saved.unread}</span> : null}
                    </button>
                  </li>
                );
              })}
            </ul>
          </>
        ) : null}
        <h2
          className={`nav-section-title${dropTarget === 'top' ? ' is-drop-target' : ''}`}
          onDragOver={allowDrop('top')}
          onDrop={dropOn(null)}
        >
          Subscriptions
        </h2>
        {feeds.length === 0 && folders.length === 0 ? (
          <div className="sidebar-empty" role="note" aria-label="No subscriptions yet">
            <p>
              <strong>No feeds yet.</strong> Paste the address of a site or a feed and Broadsheet finds its feeds.
            </p>
            <p>
              Press <kbd>A</kbd> or use the button below. An OPML export from another reader can be imported too.
            </p>
            <div className="sidebar-empty-actions">
              <button type="button" className="primary-button" onClick={props.onAddFeed}>
                Add a feed
              </button>
              {props.onImportOpml ? (
                <button type="button" className="secondary-button" onClick={props.onImportOpml}>
                  Import OPML…
                </button>
              ) : null}
            </div>
          </div>
        ) : (
          <ul className="nav-list" aria-label="Subscriptions">
            {folders.map((folder) => {
              const view: SelectedView = { kind: 'folder', folderId: folder.id };
              const open = !collapsed.has(folder.id);
              const unread = counts.byFolder[folder.id] ?? 0;
              return (
                <li key={folder.id} onDragOver={allowDrop(`folder:${folder.id}`)} onDrop={dropOn(folder.id)}>
                  <div
                    className={`folder-row${dropTarget === `folder:${folder.id}` ? ' is-drop-target' : ''}`}
                    draggable={props.onMoveFolder !== undefined}
                    onDragStart={(event) => {
                      event.dataTransfer.setData(FOLDER_DRAG_TYPE, folder.id);
                      event.dataTransfer.effectAllowed = 'move';
                    }}
                  >
                    <button
                      type="button"
                      className="folder-toggle"
                      aria-expanded={open}
                      aria-label={`${open ? 'Collapse' : 'Expand'} ${folder.title}`}
                      onClick={() => toggleFolder(folder.id)}
                    >
                      {open ? '▾' : '▸'}
                    </button>
                    <button
                      type="button"
                      className="nav-item folder-item"
                      aria-current={sameView(selected, view)}
                      onClick={() => onSelect(view)}
                      onContextMenu={(event) => props.onFolderMenu(folder, menuPosition(event))}
                    >
                      <span className="nav-title">{folder.title}</span>
                      {unread > 0 ? <span className="count">{unread}</span> : null}
                    </button>
                  </div>
                  {open ? <ul className="nav-list nested">{feeds.filter((feed) => feed.folderId === folder.id).map(feedItem)}</ul> : null}
                </li>
              );
            })}
            {feeds.filter((feed) => feed.folderId === null).map(feedItem)}
          </ul>
        )}
      </div>
      <div className="sidebar-footer">
        <span className="sidebar-footer-text">{props.footer}</span>
        {props.onOpenSettings ? (
          <button type="button" className="icon-button sidebar-settings" onClick={props.onOpenSettings} title="Settings" aria-label="Settings">
            ⚙
          </button>
        ) : null}
      </div>
    </nav>
  );
}
