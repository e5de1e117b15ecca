import { liveQuery } from 'dexie';
import { startTransition, useCallback, useEffect, useRef, useState } from 'react';
import type { ArticleRow } from '../../shared/db';
import { listArticles } from '../../shared/db';
import { useLibrary } from '../library/library-context';
import type { SelectedView } from '../library/views';
import { toArticleView, viewKey } from '../library/views';
import { shareRows } from '../state/library-store';

const PAGE = 200;

export interface ArticleListState {
  articles: readonly ArticleRow[];
  loaded: boolean;
  loadMore: () => void;
  /** Keeps an article in an unread-only list after it was read here, so it does not vanish under the reader. */
  keep: (id: string) => void;
}

/** What a list row shows of an article; rows equal in these keep their identity across re-reads. */
function sameListed(a: ArticleRow, b: ArticleRow): boolean {
  return (
    a.read === b.read && a.starred === b.starred && a.title === b.title && a.summary === b.summary && a.sortTime === b.sortTime &&
    a.feedId === b.feedId && a.feedTitle === b.feedTitle
  );
}

interface Listed {
  key: string;
  articles: readonly ArticleRow[];
  full: boolean;
}

/**
 * The live list of the current view, grown a page at a time as the user scrolls. In unread-only mode articles read
 * during this visit stay listed until the view changes (as in every good reader). A re-read that changes nothing
 * shown (a write elsewhere in the library) keeps the same array, so nothing re-renders; changed rows are new
 * objects and the rest keep theirs, so only their list rows re-render.
 */
export function useArticleList(view: SelectedView, order: 'newest' | 'oldest', unreadOnly: boolean): ArticleListState {
  const { db } = useLibrary();
  const [limit, setLimit] = useState(PAGE);
  const [kept, setKept] = useState<ReadonlySet<string>>(() => new Set());
  const key = `${viewKey(view)}|${order}|${unreadOnly}`;
  const lastKey = useRef(key);
  if (lastKey.current !== key) {
    lastKey.current = key;
    if (limit !== PAGE) setLimit(PAGE);
    if (kept.size > 0) setKept(new Set());
  }
  const [result, setResult] = useState<Listed | undefined>(undefined);

  useEffect(() => {
    const query = async (): Promise<Listed> => {
      const articleView = toArticleView(view, Date.now());
      if (articleView === null) return { key, articles: [], full: false };
      const page = await listArticles(db, articleView, { limit, order, unreadOnly });
      if (!unreadOnly || kept.size === 0) return { key, articles: page.articles, full: page.nextCursor !== null };
      const present = new Set(page.articles.map((article) => article.id));
      const extra = (await db.articles.bulkGet([...kept].filter((id) => !present.has(id)))).filter(
        (article): article is ArticleRow => article !== undefined,
      );
      const merged = [...page.articles, ...extra].sort((a, b) =>
        order === 'newest' ? b.sortTime - a.sortTime || (a.id < b.id ? 1 : -1) : a.sortTime - b.sortTime || (a.id < b.id ? -1 : 1),
      );
      return { key, articles: merged, full: page.nextCursor !== null };
    };
    let first = true;
    const subscription = liveQuery(query).subscribe({
      next: (next) => {
        const update = () =>
          setResult((previous) => {
            if (!previous || previous.key !== next.key) return next;
            const articles = shareRows(previous.articles, next.articles, sameListed);
            return articles === previous.articles && previous.full === next.full ? previous : { ...next, articles };
          });
        // The first answer for a view (the user opened it, or asked for more) shows at once; later ones are the
        // library changing under it (a sync's commits): rendered in a transition React may slice and interrupt.
        if (first) update();
        else startTransition(update);
        first = false;
      },
      error: (error: unknown) => console.error('article list query failed', error),
    });
    return () => subscription.unsubscribe();
  }, [db, key, limit, kept]); // eslint-disable-line react-hooks/exhaustive-deps -- view, order and unreadOnly are in key

  const current = result && result.key === key ? result : undefined;
  const full = current?.full ?? false;
  const loadMore = useCallback(() => {
    if (full) setLimit((value) => value + PAGE);
  }, [full]);
  const keep = useCallback((id: string) => {
    setKept((previous) => (previous.has(id) ? previous : new Set(previous).add(id)));
  }, []);
  return { articles: current?.articles ?? noArticles, loaded: current !== undefined, loadMore, keep };
}

const noArticles: readonly ArticleRow[] = [];
