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

/**
 * About this many characters of text per message (a message holds one article at least). A merge of 3,000 articles
 * posted as one message (~8 MB of strings) made the sync worker's serialisation buffer grow past the sizes its allocator
 * reuses, so it was mapped afresh, page by page, for every merge: ~20k of the sync worker's page faults in a cold sync.
 * A part stays well under that (256–512 KB serialised), and the search worker indexes a part in
 * the task that takes it. Much smaller parts cost more per message than they save: each is a task and an event.
 */
export const TEXT_PER_MESSAGE = 256 * 1024;

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

/** `rows` as consecutive messages' columns of about TEXT_PER_MESSAGE characters each, in order. */
export function articlesToIndexInParts(rows: ReadonlyArray<{ article: ArticleRow; content: ContentRow }>, textPerMessage = TEXT_PER_MESSAGE): ArticlesToIndex[] {
  const parts: ArticlesToIndex[] = [];
  let start = 0;
  let text = 0;
  for (let k = 0; k < rows.length; k++) {
    const { article, content } = rows[k]!;
    text += article.title.length + article.summary.length + (content.fullText ?? content.html).length;
    if (text >= textPerMessage || k === rows.length - 1) {
      parts.push(articlesToIndex(rows.slice(start, k + 1)));
      start = k + 1;
      text = 0;
    }
  }
  return parts;
}
