/** The contract of the search index (issue 6); shared by the index, its Worker protocol and its callers. */

export interface SearchDoc {
  id: string;
  feedId: string;
  title: string;
  author?: string;
  summary?: string;
  /** Plain text of the content, HTML stripped. Only its tokens are kept. */
  text?: string;
  /**
   * `text` is the content's HTML itself, holding no markup but tags (no entity, comment or script/style/template
   * block; see shared/search/body-text.ts): the index skips its tags, each a separator, instead of being handed a
   * stripped copy.
   */
  markup?: boolean;
  /** Epoch ms. */
  published?: number;
}

export interface SearchHit {
  id: string;
  /** Higher is better; about 0..1.05 (relevance in 0..1 plus a small recency boost). */
  score: number;
  /**
   * Where the query matched, as inclusive [start, end] UTF-16 offsets into the original `title`, `author` or
   * `summary` (the text itself is not kept, so body matches are not located).
   */
  matches?: { field: string; ranges: [number, number][] }[];
}

export interface SearchOptions {
  /** At most this many hits (default 100). */
  limit?: number;
  /** Keeps only docs for which it returns true (the caller's feed/folder/is: state). */
  filter?: (id: string) => boolean;
  /** Keeps only docs of these feeds. The index knows each doc's feed, so this costs no lookups by the caller. */
  feedIds?: readonly string[];
  /**
   * Told how many docs matched the words and filters, before ranking picked `limit` of them (phrases are checked
   * only while ranking, so with phrases it may count docs that are then left out). A caller asking for one page
   * can say "300+ results" without ranking 300.
   */
  onMatched?: (count: number) => void;
}

export interface SearchIndex {
  /** Incremental; re-adding an id replaces it. */
  add(docs: SearchDoc[]): void;
  remove(ids: string[]): void;
  search(query: string, options?: SearchOptions): SearchHit[];
  readonly size: number;
}
