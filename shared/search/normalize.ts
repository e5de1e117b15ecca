/**
 * Text folding and tokenising shared by indexing and querying, so both sides agree on what a "word" is.
 * Case, accents (NFKD, combining marks stripped) and punctuation are ignored. Han, Hiragana and Katakana are
 * written without spaces, so runs of them become overlapping character bigrams (a lone character stays one token);
 * any two-character query then finds text that contains it.
 */

export const ASCII_ONLY = /^\p{ASCII}*$/u;
const COMBINING = /\p{M}+/gu;
const WORD_CHAR = /[\p{L}\p{N}]/u;
const CJK_CHAR = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]/u;

/** Longer runs are cut: they are URLs or noise, and a bounded token keeps the vocabulary small. */
export const MAX_TOKEN_LENGTH = 48;

export const SEP = 1;
export const WORD = 2;
export const CJK = 3;

// A pure memo of Unicode classes for the BMP (same answer for every caller), filled lazily because regex
// property tests are slow and the tokenizer calls this for every character of every article.
const classCache = new Uint8Array(0x10000);

/** SEP (1), WORD (2) or CJK (3) for a code point, as the tokenizer sees it. */
export function charClass(cp: number): number {
  if (cp < 0x10000) {
    const cached = classCache[cp]!;
    if (cached !== 0) return cached;
    const c = classify(cp);
    classCache[cp] = c;
    return c;
  }
  return classify(cp);
}

function classify(cp: number): number {
  if (cp < 128) {
    return (cp >= 48 && cp <= 57) || (cp >= 97 && cp <= 122) || (cp >= 65 && cp <= 90) ? WORD : SEP;
  }
  const ch = String.fromCodePoint(cp);
  if (CJK_CHAR.test(ch)) return CJK;
  return WORD_CHAR.test(ch) ? WORD : SEP;
}

/** Lower-cases, decomposes and strips combining marks: "Café" → "cafe". */
export function fold(text: string): string {
  const lower = text.toLowerCase();
  if (ASCII_ONLY.test(lower)) return lower;
  return lower.normalize('NFKD').replace(COMBINING, '');
}

export interface FoldedText {
  folded: string;
  /** Offset in the original string of each UTF-16 unit of `folded`; absent when they are the same. */
  map?: Int32Array;
}

/**
 * Folds and remembers where each folded character came from, so match ranges found in the folded text can
 * be reported against the original (a decomposed "ﬁ" or a stripped accent shifts offsets).
 */
export function foldWithMap(text: string): FoldedText {
  const whole = fold(text);
  // Precomposed accents fold one unit to one unit: only a length change needs the slow per-character map.
  if (whole.length === text.length) return { folded: whole };
  let out = '';
  const map: number[] = [];
  for (let i = 0; i < text.length; ) {
    const cp = text.codePointAt(i)!;
    const width = cp > 0xffff ? 2 : 1;
    const piece = String.fromCodePoint(cp).toLowerCase().normalize('NFKD').replace(COMBINING, '');
    for (let k = 0; k < piece.length; k++) map.push(i);
    out += piece;
    i += width;
  }
  if (out.length === text.length && map.every((v, k) => v === k)) return { folded: out };
  return { folded: out, map: Int32Array.from(map) };
}

/** Maps an inclusive [start, end] range in folded text back to the original string. */
export function unfoldRange(folded: FoldedText, start: number, end: number, originalLength: number): [number, number] {
  const map = folded.map;
  if (!map) return [start, end];
  const s = map[start] ?? originalLength - 1;
  let e = map[end] ?? originalLength - 1;
  // The last folded unit may come from a surrogate pair: cover both halves.
  const next = map[end + 1];
  e = next !== undefined && next > e ? next - 1 : e;
  return [s, e];
}

/**
 * Calls `emit` for each token of already-folded text, with its [start, end) offsets in that text.
 * Word tokens are runs of letters and digits; CJK runs give bigrams.
 */
export function forEachToken(folded: string, emit: (token: string, start: number, end: number) => void): void {
  const n = folded.length;
  let i = 0;
  while (i < n) {
    let cp = folded.charCodeAt(i);
    if (cp >= 0xd800 && cp <= 0xdbff) cp = folded.codePointAt(i)!;
    const cls = charClass(cp);
    if (cls === SEP) {
      i += cp > 0xffff ? 2 : 1;
      continue;
    }
    const start = i;
    // Positions of each code point in the run, needed only for CJK bigrams.
    const cjkStarts: number[] | null = cls === CJK ? [] : null;
    while (i < n) {
      let c = folded.charCodeAt(i);
      if (c >= 0xd800 && c <= 0xdbff) c = folded.codePointAt(i)!;
      if (charClass(c) !== cls) break;
      cjkStarts?.push(i);
      i += c > 0xffff ? 2 : 1;
    }
    if (cjkStarts === null) {
      const end = i - start > MAX_TOKEN_LENGTH ? start + MAX_TOKEN_LENGTH : i;
      emit(folded.slice(start, end), start, i);
    } else if (cjkStarts.length === 1) {
      emit(folded.slice(start, i), start, i);
    } else {
      for (let k = 0; k + 1 < cjkStarts.length; k++) {
        const s = cjkStarts[k]!;
        const e = cjkStarts[k + 2] ?? i;
        emit(folded.slice(s, e), s, e);
      }
    }
  }
}

/** The tokens of some text, folded. */
export function tokenize(text: string): string[] {
  const out: string[] = [];
  forEachToken(fold(text), (t) => out.push(t));
  return out;
}
