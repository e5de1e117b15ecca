/**
 * Turns text into vocabulary term ids in one pass over the ORIGINAL string: case and accents are folded per
 * UTF-16 unit while scanning, the term hash is computed on the fly and the vocabulary is probed with the
 * folded units, so indexing allocates no folded copy of the text and no substring per word.
 * It gives exactly the tokens of `forEachToken(fold(text))`: per-unit folding equals whole-string folding
 * whenever every unit folds to ASCII letters/digits or to separators (marks are dropped, so their order does
 * not matter). Any other unit (CJK, Cyrillic, a surrogate, Greek sigma whose case depends on context) sends
 * the whole text down the general path.
 */
import { charClass, fold, forEachToken, MAX_TOKEN_LENGTH, SEP } from './normalize';
import { hashPacked, hashTerm, hashUnits, type Vocabulary } from './vocabulary';
/** Masks keeping the first `len` of 4 packed bytes, for len 0..8 (first word, then second word). */
const LOW_MASK = Int32Array.from({ length: 9 }, (_, len) => (len >= 4 ? -1 : (1 << (8 * len)) - 1));
const HIGH_MASK = Int32Array.from({ length: 9 }, (_, len) => (len >= 8 ? -1 : len <= 4 ? 0 : (1 << (8 * (len - 4))) - 1));

/**
 * The fold of each non-ASCII BMP unit as ASCII ("é" → "e", "ﬁ" → "fi", a combining mark → "", "’" → " " since
 * it separates words), or null when it folds to a non-ASCII letter. A pure memo: every caller gets the same
 * answer, so sharing it across indexes is safe; filled lazily because normalising one unit is slow.
 */
const unitFolds: (string | null | undefined)[] = [];

function unitFold(unit: number): string | null {
  let f = unitFolds[unit];
  if (f === undefined) {
    f = computeUnitFold(unit);
    unitFolds[unit] = f;
  }
  return f;
}

function computeUnitFold(unit: number): string | null {
  // Surrogates need their pair; final sigma lower-cases by context; both go the general way.
  if (unit >= 0xd800 && unit <= 0xdfff) return null;
  const folded = fold(String.fromCharCode(unit));
  let out = '';
  for (let k = 0; k < folded.length; k++) {
    const c = folded.charCodeAt(k);
    if (c < 128) out += String.fromCharCode(c);
    else if (charClass(c) === SEP && !(c >= 0xd800 && c <= 0xdfff)) out += ' ';
    else return null;
  }
  return out;
}

/** Each ASCII unit lower-cased when it is a letter or digit, else 0 (a separator): one load per unit while scanning. */
const ASCII_WORD = Uint8Array.from({ length: 128 }, (_, c) => (c >= 65 && c <= 90 ? c + 32 : (c >= 97 && c <= 122) || (c >= 48 && c <= 57) ? c : 0));

function isAsciiWord(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 48 && c <= 57) || (c >= 65 && c <= 90);
}

export class TermScanner {
  /** Term ids of the last scanned text, in order; valid up to the count `scan` returned. */
  ids = new Int32Array(4096);
  private count = 0;
  private interning = true;
  private readonly unit = new Uint16Array(MAX_TOKEN_LENGTH);

  constructor(private readonly vocab: Vocabulary) {}

  /**
   * Scans `text` into `ids`; returns how many tokens it has. New terms are interned, or with `intern` false
   * (queries must not grow the vocabulary) given the id -1.
   */
  scan(text: string, intern = true): number {
    this.count = 0;
    this.interning = intern;
    if (!this.scanFast(text)) {
      // Terms interned before the fast path gave up are tokens the general path yields too.
      this.count = 0;
      const vocab = this.vocab;
      forEachToken(fold(text), (token) => this.push(intern ? vocab.intern(token) : (vocab.idOf(token) ?? -1)));
    }
    return this.count;
  }

  private scanFast(text: string): boolean {
    const unit = this.unit;
    const n = text.length;
    let len = 0;
    // The word's first 8 units packed as they come (Vocabulary's packing), so a short word is looked up without
    // reading its units back.
    let key0 = 0;
    let key1 = 0;
    for (let i = 0; i < n; i++) {
      const c = text.charCodeAt(i);
      if (c < 128) {
        const w = ASCII_WORD[c]!;
        if (w !== 0) {
          if (len < 4) key0 |= w << (8 * len);
          else if (len < 8) key1 |= w << (8 * (len - 4));
          if (len < MAX_TOKEN_LENGTH) unit[len] = w;
          len++;
        } else if (len > 0) {
          this.emitWord(len, key0, key1);
          len = 0;
          key0 = 0;
          key1 = 0;
        }
        continue;
      }
      const f = unitFold(c);
      if (f === null) return false;
      // Folded units are taken as they are: NFKD can yield capitals ("ℌ" → "H") and the general path keeps them.
      for (let k = 0; k < f.length; k++) {
        const u = f.charCodeAt(k);
        if (isAsciiWord(u)) {
          if (len < 4) key0 |= u << (8 * len);
          else if (len < 8) key1 |= u << (8 * (len - 4));
          if (len < MAX_TOKEN_LENGTH) unit[len] = u;
          len++;
        } else if (len > 0) {
          this.emitWord(len, key0, key1);
          len = 0;
          key0 = 0;
          key1 = 0;
        }
      }
    }
    if (len > 0) this.emitWord(len, key0, key1);
    return true;
  }

  /** `emit` for a word whose first 8 units are packed in key0/key1 (units past the word's end are 0). */
  private emitWord(runLength: number, key0: number, key1: number): void {
    if (runLength > 8) {
      this.emit(runLength);
      return;
    }
    let id = this.vocab.lookupShort(key0, key1, hashPacked(key0, key1));
    if (id < 0 && this.interning) {
      const term = String.fromCharCode(...this.unit.subarray(0, runLength));
      id = this.vocab.intern(term, hashTerm(term));
    }
    this.push(id);
  }

  private emit(runLength: number): void {
    const len = runLength < MAX_TOKEN_LENGTH ? runLength : MAX_TOKEN_LENGTH;
    const u = this.unit;
    let id: number;
    if (len <= 8) {
      // Units past `len` are stale: the masks zero them, matching Vocabulary's packing.
      const key0 = (u[0]! | (u[1]! << 8) | (u[2]! << 16) | (u[3]! << 24)) & LOW_MASK[len]!;
      const key1 = (u[4]! | (u[5]! << 8) | (u[6]! << 16) | (u[7]! << 24)) & HIGH_MASK[len]!;
      id = this.vocab.lookupShort(key0, key1, hashPacked(key0, key1));
    } else {
      id = this.vocab.lookupUnits(u, len, hashUnits(u, len));
    }
    if (id < 0 && this.interning) {
      const term = String.fromCharCode(...this.unit.subarray(0, len));
      id = this.vocab.intern(term, hashTerm(term));
    }
    this.push(id);
  }

  private push(id: number): void {
    if (this.count === this.ids.length) {
      const bigger = new Int32Array(this.ids.length * 2);
      bigger.set(this.ids);
      this.ids = bigger;
    }
    this.ids[this.count++] = id;
  }
}
