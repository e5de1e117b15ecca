import type { ReactNode } from 'react';
import { memo } from 'react';
import type { ArticleListItem } from './article-list-item';

/** Every row has the same height, so the virtualiser needs no measuring and 100,000 rows scroll smoothly. */
export const ROW_HEIGHT = 96;

/** Wraps the matched ranges of a text in <mark>. */
function highlighted(text: string, marks: readonly (readonly [number, number])[] | undefined): ReactNode {
  if (!marks || marks.length === 0) return text;
  const parts: ReactNode[] = [];
  let at = 0;
  for (const [start, end] of [...marks].sort((a, b) => a[0] - b[0])) {
    if (start < at || start >= text.length) continue;
    if (start > at) parts.push(text.slice(at, start));
    parts.push(<mark key={start}>{text.slice(start, end + 1)}</mark>);
    at = end + 1;
  }
  parts.push(text.slice(at));
  return parts;
}

interface ArticleRowProps {
  item: ArticleListItem;
  index: number;
  count: number;
  top: number;
  selected: boolean;
  onSelect: (id: string) => void;
  /** The row's context menu (right click); selects the row too. */
  onMenu?: ((id: string, at: { x: number; y: number }) => void) | undefined;
  /** The row's words in the window's language, made once for the list. */
  labels: { unread: string; bookmarked: string };
}

/**
 * One list row, positioned by the virtualiser. Memoised: while scrolling only rows entering the window render;
 * rows already on screen keep their element and only move.
 */
export const ArticleRow = memo(function ArticleRow({ item, index, count, top, selected, onSelect, onMenu, labels }: ArticleRowProps) {
  return (
    <div
      id={`article-${item.id}`}
      role="option"
      aria-selected={selected}
      aria-setsize={count}
      aria-posinset={index + 1}
      className={`article-row${item.read ? ' is-read' : ''}`}
      style={{ transform: `translateY(${top}px)` }}
      onClick={() => onSelect(item.id)}
      onContextMenu={(event) => {
        if (!onMenu) return;
        event.preventDefault();
        onSelect(item.id);
        onMenu(item.id, { x: event.clientX, y: event.clientY });
      }}
    >
      {item.read ? null : <span className="unread-dot" aria-label={labels.unread} />}
      <div className="row-meta">
        <span className="row-feed" dir="auto" translate="no">{item.feedTitle}</span>
        {item.starred ? (
          <span className="row-star" aria-label={labels.bookmarked}>
            ★
          </span>
        ) : null}
        {item.time ? <time dateTime={item.time.iso}>{item.time.label}</time> : null}
      </div>
      <div className="row-text">
        <div className="row-title" dir="auto" translate="no">{highlighted(item.title, item.titleMarks)}</div>
        <div className="row-snippet" dir="auto" translate="no">{highlighted(item.snippet, item.snippetMarks)}</div>
      </div>
    </div>
  );
});
