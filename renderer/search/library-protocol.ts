/**
 * Messages, beside shared/search/protocol.ts, that keep the Worker's index in step with the library: the Worker
 * opens the same Dexie database itself, so building and catching up never run on the UI thread.
 */
import type { IndexProgress } from './library-indexer';
import type { ArticlesToIndex } from './articles-to-index';

export type LibraryIndexRequest =
  /**
   * Load the saved snapshot (or build from scratch) and index what arrived since. `sliceDocs` caps the articles
   * per build slice (a test setting that makes a small library's build slow enough to watch).
   */
  | { type: 'open-library'; requestId: number; dbName: string; sliceDocs?: number }
  /** Index (or re-index) these articles, read from the library. */
  | { type: 'index-articles'; requestId: number; ids: string[] }
  | { type: 'forget-articles'; requestId: number; ids: string[] };

export type LibraryIndexResponse =
  | { type: 'library-ready'; requestId: number; size: number; source: 'snapshot' | 'built'; caughtUp: number; ms: number }
  | { type: 'indexed'; requestId: number; size: number }
  | { type: 'error'; requestId: number; message: string };

/** Sent by the Worker unasked while it loads or builds (at most a few times a second) and once when ready. */
export interface IndexProgressMessage {
  type: 'index-progress';
  progress: IndexProgress;
}

export const isIndexProgress = (message: unknown): message is IndexProgressMessage =>
  typeof message === 'object' && message !== null && (message as { type?: unknown }).type === 'index-progress';

/**
 * A write to the articles table the UI thread saw (Dexie's storagemutated parts for that table), forwarded so the
 * Worker drops those rows from its cache before it answers any search asked after the write. Not answered.
 */
export interface RowsWrittenMessage {
  type: 'rows-written';
  parts: Record<string, unknown>;
}

export const isRowsWritten = (message: unknown): message is RowsWrittenMessage =>
  typeof message === 'object' &&
  message !== null &&
  (message as { type?: unknown }).type === 'rows-written' &&
  typeof (message as { parts?: unknown }).parts === 'object' &&
  (message as { parts?: unknown }).parts !== null;

/**
 * Sent (unanswered) with a MessagePort whose other end the sync worker holds: new articles arrive on it as
 * IndexRowsMessage, with the rows the merge wrote, so the Worker indexes them without reading them back.
 */
export interface ArticleSourceMessage {
  type: 'article-source';
}

export const isArticleSource = (message: unknown): message is ArticleSourceMessage =>
  typeof message === 'object' && message !== null && (message as { type?: unknown }).type === 'article-source';

/** New articles as the sync worker's merge wrote them (one message per committed merge). */
export interface IndexRowsMessage {
  type: 'index-rows';
  articles: ArticlesToIndex;
}

export const isIndexRows = (message: unknown): message is IndexRowsMessage => {
  if (typeof message !== 'object' || message === null || (message as { type?: unknown }).type !== 'index-rows') return false;
  const articles = (message as { articles?: unknown }).articles;
  return typeof articles === 'object' && articles !== null && Array.isArray((articles as { ids?: unknown }).ids);
};

/** Request ids of library messages are negative, so they never collide with the search client's. */
export const isLibraryRequest = (message: unknown): message is LibraryIndexRequest =>
  typeof message === 'object' &&
  message !== null &&
  ['open-library', 'index-articles', 'forget-articles'].includes((message as { type?: unknown }).type as string);
