import type { DragEvent, MouseEvent as ReactMouseEvent } from 'react';
import { memo } from 'react';
import { describeError } from '../../../../shared/i18n/errors';
import type { Formatters } from '../../../../shared/i18n/format';
import type { Translate } from '../../../../shared/i18n/translator';
import { useLocale } from '../../../i18n/locale-context';
import type { FeedRow } from '../../../../shared/db';
import { useLibraryState } from '../../../state/app-context';
import { FEED_DRAG_TYPE } from './sidebar-drag';

interface FeedItemProps {
  feed: FeedRow;
  selected: boolean;
  dropTarget: boolean;
  favicon: string | undefined;
  onSelect: (feedId: string) => void;
  onMenu: (feed: FeedRow, event: ReactMouseEvent) => void;
  onDragOver: (target: string, event: DragEvent) => void;
  onDrop: (folderId: string | null, position: number | undefined, event: DragEvent) => void;
}

function feedTooltip(feed: FeedRow, t: Translate, format: Formatters): string {
  if (!feed.lastError) return feed.url;
  const message = describeError(feed.lastError, t);
  return feed.lastSuccessAt ? t('sidebar.feedErrorLastUpdated', { message, date: format.dateTime(feed.lastSuccessAt) }) : t('sidebar.feedErrorNeverUpdated', { message });
}

/** One feed in the sidebar. It reads its own unread count, so a count change re-renders this row alone. */
export const FeedItem = memo(function FeedItem({ feed, selected, dropTarget, favicon, onSelect, onMenu, onDragOver, onDrop }: FeedItemProps) {
  const { t, format } = useLocale();
  const unread = useLibraryState((state) => state.unreadByFeed[feed.id] ?? 0);
  return (
    <li className="feed-row" onDragOver={(event) => onDragOver(`feed:${feed.id}`, event)} onDrop={(event) => onDrop(feed.folderId, feed.position, event)}>
      <button
        type="button"
        className={`nav-item feed-item${feed.gone ? ' is-gone' : ''}${dropTarget ? ' is-drop-target' : ''}`}
        aria-current={selected}
        title={feedTooltip(feed, t, format)}
        draggable
        onDragStart={(event) => {
          event.dataTransfer.setData(FEED_DRAG_TYPE, feed.id);
          event.dataTransfer.effectAllowed = 'move';
        }}
        onClick={() => onSelect(feed.id)}
        onContextMenu={(event) => onMenu(feed, event)}
      >
        {favicon ? (
          <img className="feed-avatar feed-favicon" src={favicon} alt="" />
        ) : (
          <span className="feed-avatar" aria-hidden="true">
            {(feed.title || feed.url).replace(/^https?:\/\/(www\.)?/, '').charAt(0).toUpperCase()}
          </span>
        )}
        <span className="nav-title" dir="auto" translate="no">{feed.title || feed.url}</span>
        {feed.lastError ? (
          <span className="feed-error" role="img" aria-label={t('sidebar.feedError', { message: describeError(feed.lastError, t) })}>
            !
          </span>
        ) : null}
        {unread > 0 ? <span className="count">{format.number(unread)}</span> : null}
      </button>
    </li>
  );
});
