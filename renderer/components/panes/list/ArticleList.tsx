import { useVirtualizer } from '@tanstack/react-virtual';
import type { ReactNode } from 'react';
import { useEffect, useRef } from 'react';

export interface ArticleListItem {
  id: string;
  title: string;
  feedTitle: string;
  time?: number;
  snippet: string;
  read: boolean;
  starred: boolean;
  /** Matched character ranges (inclusive) to highlight, from search. */
  titleMarks?: readonly (readonly [number, number])[];
  snippetMarks?: readonly (readonly [number, number])[];
}

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

interface ArticleListProps {
  title: string;
  items: readonly ArticleListItem[];
  selectedId: string | null;
  onSelect: (id: string) => void;
  /** Called when the user scrolls near the end of what is loaded. */
  onNearEnd: () => void;
  emptyMessage: string;
  toolbar: ReactNode;
  status?: ReactNode;
}

/** Every row has the same height, so the virtualiser needs no measuring and 100,000 rows scroll smoothly. */
export const ROW_HEIGHT = 96;

/** "3 h ago" style times for the list; dates past a week read as dates. */
export function relativeTime(time: number, now: number, locale?: string): string {
  const minutes = Math.round((now - time) / 60_000);
  if (minutes < 1) return 'just now';
  if (minutes < 60) return `${minutes} min ago`;
  const hours = Math.round(minutes / 60);
  if (hours < 24) return `${hours} h ago`;
  const days = Math.round(hours / 24);
  if (days < 7) return `${days} d ago`;
  return dateFormat(locale).format(time);
}

// Building an Intl.DateTimeFormat costs far more than using one (measured: most of the time of a list render at
// 100,000 articles), so one is kept per locale.
const dateFormats = new Map<string | undefined, Intl.DateTimeFormat>();
function dateFormat(locale: string | undefined): Intl.DateTimeFormat {
  let format = dateFormats.get(locale);
  if (!format) {
    format = new Intl.DateTimeFormat(locale, { dateStyle: 'medium' });
    dateFormats.set(locale, format);
  }
  return format;
}

export function ArticleList({ title, items, selectedId, onSelect, onNearEnd, emptyMessage, toolbar, status }: ArticleListProps) {
  const scroller = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({
    count: items.length,
    getScrollElement: () => scroller.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 8,
    getItemKey: (index) => items[index]?.id ?? index,
  });
  const virtualRows = virtualizer.getVirtualItems();
  const lastVisible = virtualRows[virtualRows.length - 1]?.index ?? 0;

  useEffect(() => {
    if (items.length > 0 && lastVisible >= items.length - 20) onNearEnd();
  }, [lastVisible, items.length, onNearEnd]);

  const selectedIndex = selectedId === null ? -1 : items.findIndex((item) => item.id === selectedId);
  useEffect(() => {
    if (selectedIndex >= 0) virtualizer.scrollToIndex(selectedIndex, { align: 'auto' });
  }, [selectedIndex, virtualizer]);

  const now = Date.now();
  return (
    <section className="list-pane" aria-label="Articles">
      <div className="list-header">
        <h1 title={title}>{title}</h1>
        {toolbar}
      </div>
      {status}
      {items.length === 0 ? (
        <p className="list-empty">{emptyMessage}</p>
      ) : (
        <div
          ref={scroller}
          className="article-list"
          role="listbox"
          aria-label={`${title} articles`}
          aria-activedescendant={selectedId ? `article-${selectedId}` : undefined}
          tabIndex={0}
        >
          <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
            {virtualRows.map((row) => {
              const item = items[row.index];
              if (!item) return null;
              return (
                <div
                  key={item.id}
                  id={`article-${item.id}`}
                  role="option"
                  aria-selected={item.id === selectedId}
                  aria-setsize={items.length}
                  aria-posinset={row.index + 1}
                  className={`article-row${item.read ? ' is-read' : ''}`}
                  style={{ position: 'absolute', top: 0, left: 0, right: 0, height: ROW_HEIGHT, transform: `translateY(${row.start}px)` }}
                  onClick={() => onSelect(item.id)}
                >
                  {item.read ? null : <span className="unread-dot" aria-label="Unread" />}
                  <div className="row-meta">
                    <span className="row-feed">{item.feedTitle}</span>
                    {item.starred ? (
                      <span className="row-star" aria-label="Bookmarked">
                        ★
                      </span>
                    ) : null}
                    {item.time === undefined ? null : <time dateTime={new Date(item.time).toISOString()}>{relativeTime(item.time, now)}</time>}
                  </div>
                  <div className="row-text">
                    <div className="row-title">{highlighted(item.title, item.titleMarks)}</div>
                    <div className="row-snippet">{highlighted(item.snippet, item.snippetMarks)}</div>
                  </div>
                </div>
              );
            })}
          </div>
        </div>
      )}
    </section>
  );
}
