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

/**
 * What each UTF-16 unit is to the ASCII scan, one load per unit: an ASCII letter or digit gives itself lower-cased,
 * an ASCII separator 0, and any other unit NOT_ASCII (the scan hands the rest of the text to the per-unit folds).
 */
const NOT_ASCII = 255;
/** "<" in markup: a tag starts, skipped to its ">" (MARKUP_WORD only). */
const TAG = 254;
const LT = 60;
const ASCII_WORD = Uint8Array.from({ length: 1 << 16 }, (_, c) =>
  c >= 128 ? NOT_ASCII : c >= 65 && c <= 90 ? c + 32 : (c >= 97 && c <= 122) || (c >= 48 && c <= 57) ? c : 0,
);
const MARKUP_WORD = ASCII_WORD.map((w, c) => (c === LT ? TAG : w));
/** htmlToText's tag pattern (shared/sync/snippet.ts): what the general path strips from markup. */
const TAG_PATTERN = /<[^>]*>/g;

function isAsciiWord(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 48 && c <= 57) || (c >= 65 && c <= 90);
}

/** The word of `len` (≤ 8) units packed in key0/key1. */
function unpack(key0: number, key1: number, len: number): string {
  let term = '';
  for (let k = 0; k < len; k++) term += String.fromCharCode(((k < 4 ? key0 >>> (8 * k) : key1 >>> (8 * (k - 4))) & 255));
  return term;
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
   * With `markup`, `text` is HTML whose only markup is tags (SearchDoc.markup): each tag, "<" to the first ">" as
   * htmlToText's pattern has it, separates words like the space that pattern puts in its place.
   */
  scan(text: string, intern = true, markup = false): number {
    this.count = 0;
    this.interning = intern;
    if (!this.scanFast(text, markup)) {
      // Terms interned before the fast path gave up are tokens the general path yields too.
      this.count = 0;
      const vocab = this.vocab;
      const plain = markup ? text.replace(TAG_PATTERN, ' ') : text;
      forEachToken(fold(plain), (token) => this.push(intern ? vocab.intern(token) : (vocab.idOf(token) ?? -1)));
    }
    return this.count;
  }

  /**
   * The tokens of ASCII text, word by word: a word's first 8 units are packed as they come (Vocabulary's packing),
   * so a short word is looked up without reading it again, and nothing is stored per unit. A word holding a unit that
   * is not ASCII goes to `scanFolding` (from its start, so no token is split), and the scan goes on after it.
   */
  private scanFast(text: string, markup: boolean): boolean {
    const n = text.length;
    let table = markup ? MARKUP_WORD : ASCII_WORD;
    let slots = this.vocab.slots;
    let mask = (slots.length >>> 2) - 1;
    let ids = this.ids;
    let i = 0;
    for (;;) {
      let w = 0;
      while (i < n && (w = table[text.charCodeAt(i)]!) === 0) i++;
      if (i === n) return true;
      if (w === TAG) {
        const close = text.indexOf('>', i + 1);
        // No ">" after this "<", so none after any later one: the rest has no tags, each "<" only separates.
        if (close < 0) table = ASCII_WORD;
        i = close < 0 ? i + 1 : close + 1;
        continue;
      }
      if (w === NOT_ASCII) {
        i = this.scanFolding(text, i);
        if (i < 0) return false;
        slots = this.vocab.slots;
        mask = (slots.length >>> 2) - 1;
        ids = this.ids;
        continue;
      }
      const start = i;
      let key0 = w;
      let key1 = 0;
      // Units 2–4 into the first packed word, 5–8 into the second, the rest only counted. A letter or digit is
      // below 128; 0 (a separator), TAG and NOT_ASCII end the loops.
      for (let shift = 8; ++i < n && (w = table[text.charCodeAt(i)]!) !== 0 && w < 128 && shift < 32; shift += 8) key0 |= w << shift;
      if (i < n && w !== 0 && w < 128) {
        key1 = w;
        for (let shift = 8; ++i < n && (w = table[text.charCodeAt(i)]!) !== 0 && w < 128 && shift < 32; shift += 8) key1 |= w << shift;
        if (i < n && w !== 0 && w < 128) while (++i < n && (w = table[text.charCodeAt(i)]!) !== 0 && w < 128);
      }
      if (i < n && w === NOT_ASCII) {
        i = this.scanFolding(text, start);
        if (i < 0) return false;
        slots = this.vocab.slots;
        mask = (slots.length >>> 2) - 1;
        ids = this.ids;
        continue;
      }
      const len = i - start;
      if (len <= 8) {
        // emitShort inline (hashPacked, lookupShort, the store): the calls cost as much as the work, once per word of
        // every text indexed. A new word or a full id buffer goes through emitShort. `slots` and `ids` are read again
        // after anything that may replace them; a stale one would only send words the slow way (a word's id never
        // changes, and a stale `ids` is full).
        let h = Math.imul(key0 ^ Math.imul(key1, 0x9e3779b1), 0x85ebca6b);
        h ^= h >>> 13;
        h = Math.imul(h, 0xc2b2ae35);
        h ^= h >>> 16;
        let id = -1;
        for (let slot = h & mask; ; slot = (slot + 1) & mask) {
          const entry = slots[4 * slot + 1]!;
          if (entry === 0) break;
          if (slots[4 * slot + 2] === key0 && slots[4 * slot + 3] === key1 && slots[4 * slot] === h) {
            id = entry - 1;
            break;
          }
        }
        const count = this.count;
        if (id >= 0 && count < ids.length) {
          ids[count] = id;
          this.count = count + 1;
        } else {
          this.emitShort(len, key0, key1);
          slots = this.vocab.slots;
          mask = (slots.length >>> 2) - 1;
          ids = this.ids;
        }
      } else {
        // A long word is read again (folded) into `unit`, as `emit` takes it.
        const unit = this.unit;
        const kept = len < MAX_TOKEN_LENGTH ? len : MAX_TOKEN_LENGTH;
        for (let k = 0; k < kept; k++) unit[k] = ASCII_WORD[text.charCodeAt(start + k)]!;
        this.emitLong(len);
        slots = this.vocab.slots;
        mask = (slots.length >>> 2) - 1;
        ids = this.ids;
      }
    }
  }

  /**
   * The word of `text` starting at `from`, which holds a unit that is not ASCII: its units folded one by one (a fold
   * may also end it, or hold more than one word: "’", "½"), up to the next ASCII separator, where the ASCII scan goes
   * on. Returns that separator's index (or the text's length), or -1 when a unit does not fold to ASCII (the caller
   * then takes the general path over the whole text).
   */
  private scanFolding(text: string, from: number): number {
    const unit = this.unit;
    const n = text.length;
    let len = 0;
    // The word's first 8 units packed as they come (Vocabulary's packing), so a short word is looked up without
    // reading its units back.
    let key0 = 0;
    let key1 = 0;
    let i = from;
    for (; i < n; i++) {
      const c = text.charCodeAt(i);
      if (c < 128) {
        const w = ASCII_WORD[c]!;
        if (w === 0) break;
        if (len < 4) key0 |= w << (8 * len);
        else if (len < 8) key1 |= w << (8 * (len - 4));
        if (len < MAX_TOKEN_LENGTH) unit[len] = w;
        len++;
        continue;
      }
      const f = unitFold(c);
      if (f === null) return -1;
      // Folded units are taken as they are: NFKD can yield capitals ("ℌ" → "H") and the general path keeps them.
      for (let k = 0; k < f.length; k++) {
        const u = f.charCodeAt(k);
        if (isAsciiWord(u)) {
          if (len < 4) key0 |= u << (8 * len);
          else if (len < 8) key1 |= u << (8 * (len - 4));
          if (len < MAX_TOKEN_LENGTH) unit[len] = u;
          len++;
        } else if (len > 0) {
          if (len > 8) this.emitLong(len);
          else this.emitShort(len, key0, key1);
          len = 0;
          key0 = 0;
          key1 = 0;
        }
      }
    }
    if (len > 8) this.emitLong(len);
    else if (len > 0) this.emitShort(len, key0, key1);
    return i;
  }

  /** Pushes the id of a word of at most 8 units, packed in key0/key1 (units past its end are 0): the hot path. */
  private emitShort(len: number, key0: number, key1: number): void {
    let id = this.vocab.lookupShort(key0, key1, hashPacked(key0, key1));
    if (id < 0) id = this.unknown(unpack(key0, key1, len));
    if (this.count === this.ids.length) this.grow();
    this.ids[this.count++] = id;
  }

  /** Pushes the id of a word of more than 8 units, its first MAX_TOKEN_LENGTH in `unit`. */
  private emitLong(runLength: number): void {
    const len = runLength < MAX_TOKEN_LENGTH ? runLength : MAX_TOKEN_LENGTH;
    const u = this.unit;
    let id = this.vocab.lookupUnits(u, len, hashUnits(u, len));
    if (id < 0) id = this.unknown(String.fromCharCode(...u.subarray(0, len)));
    this.push(id);
  }

  /** The id of a term the vocabulary does not hold yet: interned, or -1 when not interning. */
  private unknown(term: string): number {
    return this.interning ? this.vocab.intern(term, hashTerm(term)) : -1;
  }

  private push(id: number): void {
    if (this.count === this.ids.length) this.grow();
    this.ids[this.count++] = id;
  }

  private grow(): void {
    const bigger = new Int32Array(this.ids.length * 2);
    bigger.set(this.ids);
    this.ids = bigger;
  }
}
