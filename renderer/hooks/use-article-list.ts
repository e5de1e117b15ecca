import { startTransition, useCallback, useEffect, useRef, useState } from 'react';
import type { ArticleRow } from '../../shared/db';
import { useLibrary } from '../library/library-context';
import type { SelectedView } from '../library/views';
import { toArticleView, viewKey } from '../library/views';
import type { ArticlePages, ArticlePagesSnapshot } from './article-pages';
import { createArticlePages } from './article-pages';

const PAGE = 200;

export interface ArticleListState {
  articles: readonly ArticleRow[];
  loaded: boolean;
  loadMore: () => void;
  /** Keeps an article in an unread-only list after it was read here, so it does not vanish under the reader. */
  keep: (id: string) => void;
}

/**
 * The live list of the current view, grown a page at a time as the user scrolls (hooks/article-pages: each page
 * its own live query, so a new page reads only itself). In unread-only mode articles read during this visit stay
 * listed until the view changes (as in every good reader). A re-read that changes nothing shown keeps the same
 * array, so nothing re-renders; changed rows are new objects and the rest keep theirs, so only their list rows
 * re-render.
 */
export function useArticleList(view: SelectedView, order: 'newest' | 'oldest', unreadOnly: boolean): ArticleListState {
  const { db } = useLibrary();
  const key = `${viewKey(view)}|${order}|${unreadOnly}`;
  const [shown, setShown] = useState<{ key: string; snapshot: ArticlePagesSnapshot } | undefined>(undefined);
  const pages = useRef<{ key: string; pages: ArticlePages } | null>(null);

  useEffect(() => {
    const list = createArticlePages(db, { view: () => toArticleView(view, Date.now()), order, unreadOnly, pageSize: PAGE });
    pages.current = { key, pages: list };
    const unsubscribe = list.subscribe((change) => {
      const update = () => setShown({ key, snapshot: list.snapshot() });
      // What the reader asked for (the view opened, more loaded) shows at once; rows read again because the library
      // changed under them (a sync's commits) render in a transition React may slice and interrupt.
      if (change === 'asked') update();
      else startTransition(update);
    });
    return () => {
      unsubscribe();
      list.dispose();
      if (pages.current?.pages === list) pages.current = null;
    };
  }, [db, key]); // eslint-disable-line react-hooks/exhaustive-deps -- view, order and unreadOnly are in key

  const current = shown && shown.key === key && shown.snapshot.loaded ? shown.snapshot : undefined;
  const loadMore = useCallback(() => pages.current?.pages.loadMore(), []);
  const keep = useCallback((id: string) => pages.current?.pages.keep(id), []);
  return { articles: current?.articles ?? noArticles, loaded: current !== undefined, loadMore, keep };
}

const noArticles: readonly ArticleRow[] = [];
