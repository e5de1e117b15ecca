/**
 * Messages between the renderer and the search Worker. Functions cannot cross postMessage, so a search carries
 * its filter as data: the raw query (the Worker parses words, phrases, exclusions, author:, before:/after:),
 * plus what the caller resolved from library state for feed:/folder:/is: —
 *   `feedIds`: keep only docs of these feeds (feed: and folder: resolve to feed ids; cheap to send);
 *   `allowedIds`: keep only these article ids (is:unread / is:starred; the caller sends the ids it got from
 *   Dexie's indexes). Both may be given; a doc must pass both. Absent means "no restriction"; an empty array
 *   means "nothing passes".
 * Every request has a `requestId`; the Worker answers each with exactly one response of the same id. Searches are
 * latest-wins: a search that a newer one overtook before its answer was ready is answered `superseded`.
 */
import type { ArticleRow } from '../db/schema';
import type { SearchDoc, SearchHit } from './types';

export type SearchRequest =
  | { type: 'add'; requestId: number; docs: SearchDoc[] }
  | { type: 'remove'; requestId: number; ids: string[] }
  | {
      type: 'search';
      requestId: number;
      query: string;
      limit?: number;
      feedIds?: string[];
      allowedIds?: string[];
      /**
       * Send the library rows of the first this-many hits with the answer, so the list can paint its first page
       * without reading the database on the UI thread (the Worker reads them; absent or 0: hits only).
       */
      pageRows?: number;
    }
  /** Asks for the index as bytes (transferred, not copied), to store for the next start-up. */
  | { type: 'snapshot'; requestId: number }
  /** Replaces the index with one loaded from snapshot bytes (whole, or as sections: see snapshot.ts). */
  | { type: 'load'; requestId: number; bytes: Uint8Array | readonly Uint8Array[] };

export type SearchResponse =
  /** add / remove / load succeeded; `size` is the number of docs now indexed. */
  | { type: 'done'; requestId: number; size: number }
  /**
   * `tookMs`: the index's own query time, the floor a keystroke's cost is compared with; `matched`: docs that
   * matched before ranking kept `limit` of them (SearchOptions.onMatched); `rowsMs`: the time taken to get `rows`;
   * `indexed`: docs in the index when it answered (an index that grew since may have more hits).
   */
  | { type: 'hits'; requestId: number; hits: SearchHit[]; tookMs?: number; matched?: number; rows?: ArticleRow[]; rowsMs?: number; indexed?: number }
  /** A newer search arrived before this one was answered: it was skipped, or its answer dropped. */
  | { type: 'superseded'; requestId: number }
  | { type: 'snapshot'; requestId: number; bytes: Uint8Array }
  | { type: 'error'; requestId: number; message: string };
