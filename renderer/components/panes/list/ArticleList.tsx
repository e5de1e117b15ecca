import { useVirtualizer, type Rect } from '@tanstack/react-virtual';
import type { MutableRefObject, ReactNode } from 'react';
import { memo, useCallback, useEffect, useLayoutEffect, useMemo, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { ArticleListItem } from './article-list-item';
import { ArticleRow, ROW_HEIGHT } from './ArticleRow';
import { listenForReading } from '../../../library/reading-input';

export { ROW_HEIGHT };

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
  /** The context menu of an article (right click, the Menu key or Shift+F10 on the selected one). */
  onItemMenu?: (id: string, at: { x: number; y: number }) => void;
  /** A person's reading input in the rows (a click, the wheel, a scrolling key): renderer/library/reading-input.ts. */
  onReading?: () => void;
}

/** Rows past the window rendered on each side: enough that a fast scroll rarely shows a gap. */
const OVERSCAN = 8;
/** Asks for the next page this many rows before the end, so it is there before it is scrolled to. */
const NEAR_END = 60;

/** The virtualised article list: fixed-height rows, so nothing is measured while scrolling. */
export const ArticleList = memo(function ArticleList({ title, items, selectedId, onSelect, onNearEnd, emptyMessage, toolbar, status, onItemMenu, onReading }: ArticleListProps) {
  const { t } = useTranslation();
  const paneLabel = useMemo(() => t('list.label'), [t]);
  // The scroller's size, kept while it is away (an empty list has none), so rows mount at the size they will have.
  const lastRect = useRef<Rect | null>(null);

  return (
    <section className="list-pane" aria-label={paneLabel}>
      <div className="list-header">
        <h1 title={title}>{title}</h1>
        {toolbar}
      </div>
      {status}
      {items.length === 0 ? (
        <p className="list-empty">{emptyMessage}</p>
      ) : (
        <ArticleScroller title={title} items={items} selectedId={selectedId} onSelect={onSelect} onNearEnd={onNearEnd} onItemMenu={onItemMenu} onReading={onReading} lastRect={lastRect} />
      )}
    </section>
  );
});

interface ArticleScrollerProps extends Pick<ArticleListProps, 'title' | 'items' | 'selectedId' | 'onSelect' | 'onNearEnd' | 'onItemMenu' | 'onReading'> {
  lastRect: MutableRefObject<Rect | null>;
}

/**
 * The scrolling rows, with a virtualiser of their own: a list that comes back after being empty (a new search, a
 * view still loading) starts at its top. One virtualiser for the pane's lifetime kept the previous list's scroll
 * offset and scrolled the new one there, so a search typed after scrolling far down a view showed its results
 * from the middle, and the rows near that end asked for more results at once.
 */
function ArticleScroller({ title, items, selectedId, onSelect, onNearEnd, onItemMenu, onReading, lastRect }: ArticleScrollerProps) {
  const { t } = useTranslation();
  // One set of labels for every row (a translation hook per row would subscribe each of them), and the list's own,
  // made when the language or title changes: the list renders on every scroll frame, and a translation costs a key
  // lookup and interpolation each time.
  const labels = useMemo(() => ({ unread: t('list.unread'), bookmarked: t('list.bookmarked') }), [t]);
  const listLabel = useMemo(() => t('list.listLabel', { title }), [t, title]);
  const scroller = useRef<HTMLDivElement>(null);
  // Kept while the items are: the virtualiser lays out every loaded row again whenever this function changes, which
  // a new closure per render (each scroll frame renders) would make it do on every frame.
  const getItemKey = useCallback((index: number) => items[index]?.id ?? index, [items]);
  const virtualizer = useVirtualizer({
    count: items.length,
    getScrollElement: () => scroller.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: OVERSCAN,
    getItemKey,
    ...(lastRect.current ? { initialRect: lastRect.current } : {}),
  });
  useLayoutEffect(() => {
    if (virtualizer.scrollRect) lastRect.current = virtualizer.scrollRect;
  });
  const virtualRows = virtualizer.getVirtualItems();
  const lastVisible = virtualRows[virtualRows.length - 1]?.index ?? 0;

  useEffect(() => {
    if (items.length > 0 && lastVisible >= items.length - NEAR_END) onNearEnd();
  }, [lastVisible, items.length, onNearEnd]);

  useEffect(() => {
    const element = scroller.current;
    if (!element || !onReading) return;
    return listenForReading(element, onReading);
  }, [onReading]);

  const selectedIndex = useMemo(() => (selectedId === null ? -1 : items.findIndex((item) => item.id === selectedId)), [items, selectedId]);
  useEffect(() => {
    if (selectedIndex >= 0) virtualizer.scrollToIndex(selectedIndex, { align: 'auto' });
  }, [selectedIndex, virtualizer]);

  return (
    <div
      ref={scroller}
      className="article-list"
      role="listbox"
      aria-label={listLabel}
      aria-activedescendant={selectedId ? `article-${selectedId}` : undefined}
      tabIndex={0}
      onKeyDown={(event) => {
        if (!onItemMenu || !selectedId || !(event.key === 'ContextMenu' || (event.key === 'F10' && event.shiftKey))) return;
        event.preventDefault();
        event.stopPropagation();
        const row = document.getElementById(`article-${selectedId}`)?.getBoundingClientRect();
        onItemMenu(selectedId, row ? { x: row.left + 24, y: row.top + 24 } : { x: 24, y: 24 });
      }}
    >
      <div className="article-list-canvas" style={{ height: virtualizer.getTotalSize() }}>
        {virtualRows.map((row) => {
          const item = items[row.index];
          if (!item) return null;
          return <ArticleRow key={item.id} item={item} index={row.index} count={items.length} top={row.start} selected={item.id === selectedId} onSelect={onSelect} onMenu={onItemMenu} labels={labels} />;
        })}
      </div>
    </div>
  );
}
