/**
 * One row of the article list, made once per library row: the title, feed name, snippet and the time label are
 * computed here, not while scrolling. Items are cached by row object (the list keeps unchanged rows' identity), so
 * rebuilding the list after a page loads or a read mark costs a map lookup per row, and unchanged rows keep their
 * item, which lets the memoised row components skip rendering.
 */
import type { ArticleRow } from '../../../../shared/db';
import type { Formatters } from '../../../../shared/i18n/format';
import type { SearchHit } from '../../../../shared/search';

export interface ArticleListItem {
  id: string;
  title: string;
  feedTitle: string;
  /** When set, the machine-readable time and its label ("3 h ago", or a date past a week). */
  time?: { iso: string; label: string };
  snippet: string;
  read: boolean;
  starred: boolean;
  /** Matched character ranges (inclusive) to highlight, from search. */
  titleMarks?: readonly (readonly [number, number])[];
  snippetMarks?: readonly (readonly [number, number])[];
}

/** The time label of a row: "3 min ago" within a week, else the date, in the window's language. */
export function timeOf(time: number | undefined, now: number, format: Formatters): ArticleListItem['time'] {
  return time === undefined ? undefined : { iso: new Date(time).toISOString(), label: format.relative(time, now) };
}

interface Cached {
  item: ArticleListItem;
  feedTitle: string;
  minute: number;
}

/**
 * Makes list items from library rows, reusing the item of a row already seen (same row, feed title and minute).
 * One cache per language: a new language makes a new cache, so every label is made again in it.
 */
export function createListItemCache(format: Formatters, untitled: string): (row: ArticleRow, feedTitle: string, now: number) => ArticleListItem {
  const cache = new WeakMap<ArticleRow, Cached>();
  return (row, feedTitle, now) => {
    const minute = Math.floor(now / 60_000);
    const hit = cache.get(row);
    if (hit && hit.feedTitle === feedTitle && hit.minute === minute) return hit.item;
    const item: ArticleListItem = {
      id: row.id,
      title: row.title || untitled,
      feedTitle,
      time: timeOf(row.sortTime, now, format),
      snippet: row.summary,
      read: row.read === 1,
      starred: row.starred === 1,
    };
    cache.set(row, { item, feedTitle, minute });
    return item;
  };
}

/**
 * A search result's item: the row's item with the matched ranges of its hit. Kept per row item and compared by the
 * ranges themselves, so a row that the next keystroke's answer matches in the same places (or a live re-read of rows
 * already shown) gives the same object and the row is not rendered again.
 */
export function createMarkedItemCache(): (item: ArticleListItem, hit: SearchHit | undefined) => ArticleListItem {
  const cache = new WeakMap<ArticleListItem, ArticleListItem>();
  return (item, hit) => {
    const matches = hit?.matches ?? [];
    const titleMarks = matches.find((match) => match.field === 'title')?.ranges;
    const snippetMarks = matches.find((match) => match.field === 'summary')?.ranges;
    const cached = cache.get(item);
    if (cached && sameRanges(cached.titleMarks, titleMarks) && sameRanges(cached.snippetMarks, snippetMarks)) return cached;
    const marked: ArticleListItem = { ...item, titleMarks, snippetMarks };
    cache.set(item, marked);
    return marked;
  };
}

function sameRanges(a: ArticleListItem['titleMarks'], b: ArticleListItem['titleMarks']): boolean {
  if (a === b) return true;
  if (!a || !b || a.length !== b.length) return (a?.length ?? 0) === 0 && (b?.length ?? 0) === 0;
  return a.every((range, i) => range[0] === b[i]![0] && range[1] === b[i]![1]);
}
