/** New articles handed from the sync worker to the search worker, in the shape that is cheapest to post. */
import type { ArticleRow, ContentRow } from '../../shared/db';

/**
 * New articles as the index reads them, a column per field (row k of every array is one article). Posted from worker
 * to worker, columns of strings clone in well under half the time of two objects per article (its article row and
 * content row, ~20 properties each): the copy is paid on both sides, for every article a cold sync brings.
 */
export interface ArticlesToIndex {
  ids: string[];
  feedIds: string[];
  titles: string[];
  authors: Array<string | null>;
  summaries: string[];
  published: Array<number | null>;
  fetchedAt: number[];
  /** The HTML the text is taken from: the full text when the article has one, else the feed's HTML. */
  bodies: string[];
}

export function articlesToIndex(rows: ReadonlyArray<{ article: ArticleRow; content: ContentRow }>): ArticlesToIndex {
  const columns: ArticlesToIndex = { ids: [], feedIds: [], titles: [], authors: [], summaries: [], published: [], fetchedAt: [], bodies: [] };
  for (const { article, content } of rows) {
    columns.ids.push(article.id);
    columns.feedIds.push(article.feedId);
    columns.titles.push(article.title);
    columns.authors.push(article.author);
    columns.summaries.push(article.summary);
    columns.published.push(article.published);
    columns.fetchedAt.push(article.fetchedAt);
    columns.bodies.push(content.fullText ?? content.html);
  }
  return columns;
}
