/**
 * A query turned into work on the index: the requirements (one per query word, with the vocabulary terms it
 * stands for) and the phrases to check. Its own module because both the narrowing stage (search-index.ts) and
 * the ranking stage (rank.ts) read it, and neither should import the other's internals.
 */

/** Field bits, as kept in the title/author/summary postings (3 bits) plus one for body text. */
export const F_TITLE = 1;
export const F_AUTHOR = 2;
export const F_SUMMARY = 4;
export const F_TEXT = 8;

export interface Requirement {
  token: string;
  fields: number;
  terms: { id: number; quality: number }[];
}

export interface PhraseCheck {
  tokens: string[];
  fields: number;
  /** Per token, the index of a requirement on it covering `fields` (set once requirements are ordered). */
  reqs?: number[];
  /** Filled on first use by the index: ids and their stored bytes (null when a word is unknown). */
  encoded?: { ids: number[]; bytes: Uint8Array } | null;
}
