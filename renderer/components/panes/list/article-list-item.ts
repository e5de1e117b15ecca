/**
 * One row of the article list, made once per library row: the title, feed name, snippet and the time label are
 * computed here, not while scrolling. Items are cached by row object (the list keeps unchanged rows' identity), so
 * rebuilding the list after a page loads or a read mark costs a map lookup per row, and unchanged rows keep their
 * item, which lets the memoised row components skip rendering.
 */
import type { ArticleRow } from '../../../../shared/db';
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

export function timeOf(time: number | undefined, now: number): ArticleListItem['time'] {
  return time === undefined ? undefined : { iso: new Date(time).toISOString(), label: relativeTime(time, now) };
}

interface Cached {
  item: ArticleListItem;
  feedTitle: string;
  minute: number;
}

/** Makes list items from library rows, reusing the item of a row already seen (same row, feed title and minute). */
export function createListItemCache(): (row: ArticleRow, feedTitle: string, now: number) => ArticleListItem {
  const cache = new WeakMap<ArticleRow, Cached>();
  return (row, feedTitle, now) => {
    const minute = Math.floor(now / 60_000);
    const hit = cache.get(row);
    if (hit && hit.feedTitle === feedTitle && hit.minute === minute) return hit.item;
    const item: ArticleListItem = {
      id: row.id,
      title: row.title || '(untitled)',
      feedTitle,
      time: timeOf(row.sortTime, now),
      snippet: row.summary,
      read: row.read === 1,
      starred: row.starred === 1,
    };
    cache.set(row, { item, feedTitle, minute });
    return item;
  };
}

/**
 * A search result's item: the row's item with the matched ranges of its hit. Kept per hit and row item, so a
 * re-render that changed neither (the live re-read of rows already shown) gives the same object and the row is not
 * rendered again.
 */
export function createMarkedItemCache(): (item: ArticleListItem, hit: SearchHit | undefined) => ArticleListItem {
  const cache = new WeakMap<ArticleListItem, { hit: SearchHit | undefined; marked: ArticleListItem }>();
  return (item, hit) => {
    const cached = cache.get(item);
    if (cached && cached.hit === hit) return cached.marked;
    const matches = hit?.matches ?? [];
    const marked: ArticleListItem = {
      ...item,
      titleMarks: matches.find((match) => match.field === 'title')?.ranges,
      snippetMarks: matches.find((match) => match.field === 'summary')?.ranges,
    };
    cache.set(item, { hit, marked });
    return marked;
  };
}
