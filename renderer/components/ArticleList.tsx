import { useEffect, useRef } from 'react';

export interface ArticleListItem {
  id: string;
  title: string;
  feedTitle: string;
  published?: number;
  snippet: string;
  read: boolean;
  starred: boolean;
}

interface ArticleListProps {
  title: string;
  items: ArticleListItem[];
  selectedId: string | null;
  onSelect: (id: string) => void;
  emptyMessage: string;
}

/** "3 h ago" style times for the list; dates past a week read as dates. */
export function relativeTime(time: number, now: number, locale?: string): string {
  const minutes = Math.round((now - time) / 60_000);
  if (minutes < 1) return 'just now';
  if (minutes < 60) return `${minutes} min ago`;
  const hours = Math.round(minutes / 60);
  if (hours < 24) return `${hours} h ago`;
  const days = Math.round(hours / 24);
  if (days < 7) return `${days} d ago`;
  return new Intl.DateTimeFormat(locale, { dateStyle: 'medium' }).format(time);
}

export function ArticleList({ title, items, selectedId, onSelect, emptyMessage }: ArticleListProps) {
  const list = useRef<HTMLUListElement>(null);

  useEffect(() => {
    if (!selectedId) return;
    list.current?.querySelector(`[data-id="${CSS.escape(selectedId)}"]`)?.scrollIntoView({ block: 'nearest' });
  }, [selectedId]);

  const now = Date.now();
  return (
    <section className="list-pane" aria-label="Articles">
      <div className="list-header">
        <h1>{title}</h1>
        <span className="count">{items.length > 0 ? `${items.length}` : ''}</span>
      </div>
      {items.length === 0 ? (
        <p className="list-empty">{emptyMessage}</p>
      ) : (
        <ul ref={list} className="article-list" role="listbox" aria-label={`${title} articles`} tabIndex={0}>
          {items.map((item) => (
            <li
              key={item.id}
              data-id={item.id}
              role="option"
              aria-selected={item.id === selectedId}
              className="article-row"
              onClick={() => onSelect(item.id)}
            >
              {item.read ? null : <span className="unread-dot" aria-label="Unread" />}
              <div className="row-meta">
                <span className="row-feed">{item.feedTitle}</span>
                {item.starred ? <span aria-label="Bookmarked">★</span> : null}
                {item.published === undefined ? null : <time>{relativeTime(item.published, now)}</time>}
              </div>
              <div className="row-title">{item.title}</div>
              <div className="row-snippet">{item.snippet}</div>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
