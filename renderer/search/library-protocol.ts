/**
 * Messages, beside shared/search/protocol.ts, that keep the Worker's index in step with the library: the Worker
 * opens the same Dexie database itself, so building and catching up never run on the UI thread.
 */
import type { IndexProgress } from './library-indexer';

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

/** Request ids of library messages are negative, so they never collide with the search client's. */
export const isLibraryRequest = (message: unknown): message is LibraryIndexRequest =>
  typeof message === 'object' &&
  message !== null &&
  ['open-library', 'index-articles', 'forget-articles'].includes((message as { type?: unknown }).type as string);
