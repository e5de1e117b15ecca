/**
 * The set of distinct tokens, each with a dense id. Two lookups serve as-you-type search without scanning it:
 * - prefixes: binary search over a sorted copy (new terms wait in a small unsorted tail, merged in batches);
 * - typos: a trigram index over the terms ("$electron$" → "$el", "ele", …); a term within k edits of the
 *   query shares all but at most 4k of its trigrams (3 per insert/delete/substitute, 4 per swap), so counting shared trigrams over a few posting lists
 *   finds the few terms worth an exact edit-distance check.
 */

const MERGE_TAIL_AT = 2048;
const utf16 = new TextDecoder('utf-16le');

/** A vocabulary as typed arrays, for snapshots: loading it re-hashes nothing (see snapshot.ts). */
export interface VocabularyState {
  table: Int32Array;
  hashes: Int32Array;
  chars: Uint16Array;
  charAt: Int32Array;
  keys: Int32Array;
  sortedIds: Int32Array;
  tail: Int32Array;
  /** The trigram lists: each gram's 3 UTF-16 units end to end, offsets of each gram's ids, the ids. */
  gramUnits: Uint16Array;
  gramStarts: Uint32Array;
  gramIds: Int32Array;
}

/**
 * The hash of a term. Terms of at most 8 ASCII units (most words) hash their two packed words (`packWord`), which
 * the scanner has in hand when a word ends, so scanning text does no hashing per character; longer or non-ASCII
 * terms hash their UTF-16 units with FNV-1a.
 */
export function hashTerm(term: string): number {
  const n = term.length;
  if (n <= 8) {
    let packable = true;
    for (let k = 0; k < n && packable; k++) packable = term.charCodeAt(k) > 0 && term.charCodeAt(k) < 128;
    if (packable) return hashPacked(packWord(term, 0), packWord(term, 4));
  }
  let h = 0x811c9dc5 | 0;
  for (let i = 0; i < n; i++) h = Math.imul(h ^ term.charCodeAt(i), 16777619);
  return h;
}

/** FNV-1a over `units[0..len)`: `hashTerm` of a term longer than 8 units. */
export function hashUnits(units: Uint16Array, len: number): number {
  let h = 0x811c9dc5 | 0;
  for (let i = 0; i < len; i++) h = Math.imul(h ^ units[i]!, 16777619);
  return h;
}

/** Mixes a short term's two packed words (murmur3's finaliser), so nearby spellings spread over the table. */
export function hashPacked(key0: number, key1: number): number {
  let h = Math.imul(key0 ^ Math.imul(key1, 0x9e3779b1), 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  return h ^ (h >>> 16);
}

export class Vocabulary {
  /**
   * Open-addressing hash table, slot = [hash, id + 1, packed word 0, packed word 1] (id + 1 = 0: empty), so a
   * probe of a short term reads one cache line and nothing else,
   * with every term's UTF-16 units packed in `chars`: a lookup by range touches no string object.
   */
  private table: Int32Array = new Int32Array(1 << 14);
  private hashes = new Int32Array(1 << 11);
  private chars: Uint16Array = new Uint16Array(1 << 14);
  private charsUsed = 0;
  /** Start of term id in `chars`; its end is the start of id + 1. */
  private charAt = new Int32Array(1 << 11);
  /** Each term's `packShort` words, or -1 (never a packed word) for terms longer than 8 or not ASCII. */
  private keys = new Int32Array(1 << 12);
  readonly terms: string[] = [];
  private sorted: string[] = [];
  private sortedIds: number[] = [];
  private tail: number[] = [];
  /** Trigram → ids of the terms holding it; lists loaded from a snapshot stay typed until a term is added. */
  private grams = new Map<string, number[] | Int32Array>();
  private shared = new Uint16Array(1024);

  get size(): number {
    return this.terms.length;
  }

  /**
   * The hash table `lookupShort` probes, for a caller that probes it inline (TermScanner, per word of every text).
   * Interning may replace it: read it again after any `intern`.
   */
  get slots(): Int32Array {
    return this.table;
  }

  idOf(term: string): number | undefined {
    const id = this.lookup(term, 0, term.length, hashTerm(term));
    return id < 0 ? undefined : id;
  }

  /** The id of `text.slice(start, end)` given the `hashTerm` of that slice, or -1. */
  lookup(text: string, start: number, end: number, hash: number): number {
    const table = this.table;
    const mask = (table.length >>> 2) - 1;
    const len = end - start;
    const chars = this.chars;
    const charAt = this.charAt;
    for (let slot = hash & mask; ; slot = (slot + 1) & mask) {
      const entry = table[4 * slot + 1]!;
      if (entry === 0) return -1;
      if (table[4 * slot] !== hash) continue;
      const id = entry - 1;
      const at = charAt[id]!;
      if (charAt[id + 1]! - at !== len) continue;
      let k = 0;
      while (k < len && chars[at + k] === text.charCodeAt(start + k)) k++;
      if (k === len) return id;
    }
  }

  /**
   * The id of a term of at most 8 ASCII units given as two packed words (`packShort`), or -1. Units are
   * never 0, so the packed words spell the term exactly: no character loop, which is most of a lookup's cost.
   */
  lookupShort(key0: number, key1: number, hash: number): number {
    const table = this.table;
    const mask = (table.length >>> 2) - 1;
    for (let slot = hash & mask; ; slot = (slot + 1) & mask) {
      const entry = table[4 * slot + 1]!;
      if (entry === 0) return -1;
      if (table[4 * slot + 2] === key0 && table[4 * slot + 3] === key1 && table[4 * slot] === hash) return entry - 1;
    }
  }

  /** The id of the term spelled by `units[0..len)` given its `hashTerm`, or -1. */
  lookupUnits(units: Uint16Array, len: number, hash: number): number {
    const table = this.table;
    const mask = (table.length >>> 2) - 1;
    const chars = this.chars;
    const charAt = this.charAt;
    for (let slot = hash & mask; ; slot = (slot + 1) & mask) {
      const entry = table[4 * slot + 1]!;
      if (entry === 0) return -1;
      if (table[4 * slot] !== hash) continue;
      const id = entry - 1;
      const at = charAt[id]!;
      if (charAt[id + 1]! - at !== len) continue;
      let k = 0;
      while (k < len && chars[at + k] === units[k]) k++;
      if (k === len) return id;
    }
  }

  intern(term: string, hash = hashTerm(term)): number {
    const known = this.lookup(term, 0, term.length, hash);
    if (known >= 0) return known;
    const id = this.terms.length;
    this.terms.push(term);
    this.insert(id, hash, term);
    this.tail.push(id);
    // The tail is scanned linearly by prefix lookups; merging in proportion to the vocabulary keeps both cheap.
    if (this.tail.length >= Math.max(MERGE_TAIL_AT, this.sorted.length >>> 4)) this.mergeTail();
    if (term.length >= 3) for (const g of trigrams(term)) addGram(this.grams, g, id);
    return id;
  }

  static fromTerms(terms: readonly string[]): Vocabulary {
    const v = new Vocabulary();
    for (const t of terms) v.intern(t);
    v.mergeTail();
    return v;
  }

  private insert(id: number, hash: number, term: string): void {
    if (id + 2 > this.hashes.length) {
      this.hashes = grow32(this.hashes, this.hashes.length * 2);
      this.charAt = grow32(this.charAt, this.hashes.length);
    }
    this.hashes[id] = hash;
    if (2 * id + 2 > this.keys.length) this.keys = grow32(this.keys, this.keys.length * 2);
    let packable = term.length <= 8;
    for (let k = 0; k < term.length && packable; k++) packable = term.charCodeAt(k) > 0 && term.charCodeAt(k) < 128;
    if (packable) {
      this.keys[2 * id] = packWord(term, 0);
      this.keys[2 * id + 1] = packWord(term, 4);
    } else {
      this.keys[2 * id] = -1;
      this.keys[2 * id + 1] = -1;
    }
    if (this.charsUsed + term.length > this.chars.length) {
      const chars = new Uint16Array(Math.max(this.chars.length * 2, this.charsUsed + term.length));
      chars.set(this.chars);
      this.chars = chars;
    }
    for (let k = 0; k < term.length; k++) this.chars[this.charsUsed++] = term.charCodeAt(k);
    this.charAt[id + 1] = this.charsUsed;
    if ((id + 1) * 8 > this.table.length) {
      // Keep the load under one half; rehash everything.
      this.table = new Int32Array(this.table.length * 2);
      for (let k = 0; k < id; k++) this.place(k, this.hashes[k]!);
    }
    this.place(id, hash);
  }

  private place(id: number, hash: number): void {
    const table = this.table;
    const mask = (table.length >>> 2) - 1;
    let slot = hash & mask;
    while (table[4 * slot + 1] !== 0) slot = (slot + 1) & mask;
    table[4 * slot] = hash;
    table[4 * slot + 1] = id + 1;
    table[4 * slot + 2] = this.keys[2 * id]!;
    table[4 * slot + 3] = this.keys[2 * id + 1]!;
  }

  /** Ids of terms starting with `prefix` (the term itself included), at most `scanLimit` looked at. */
  withPrefix(prefix: string, scanLimit: number): number[] {
    const out: number[] = [];
    const sorted = this.sorted;
    let lo = 0;
    let hi = sorted.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (sorted[mid]! < prefix) lo = mid + 1;
      else hi = mid;
    }
    for (let i = lo; i < sorted.length && out.length < scanLimit && sorted[i]!.startsWith(prefix); i++) {
      out.push(this.sortedIds[i]!);
    }
    for (const id of this.tail) if (this.terms[id]!.startsWith(prefix)) out.push(id);
    return out;
  }

  /** Terms within `maxEdits` edits (optimal string alignment: a swap of neighbours is one edit). */
  similar(term: string, maxEdits: number): { id: number; edits: number }[] {
    const grams = trigrams(term);
    // One edit changes at most 3 trigrams, but a swap of neighbours (one OSA edit) changes up to 4.
    const need = Math.max(1, grams.length - 4 * maxEdits);
    if (this.shared.length < this.terms.length) this.shared = new Uint16Array(this.terms.length * 2);
    const shared = this.shared;
    const touched: number[] = [];
    for (const g of new Set(grams)) {
      const list = this.grams.get(g);
      if (!list) continue;
      for (const id of list) {
        if (shared[id] === 0) touched.push(id);
        shared[id]!++;
      }
    }
    const out: { id: number; edits: number }[] = [];
    for (const id of touched) {
      const count = shared[id]!;
      shared[id] = 0;
      if (count < need) continue;
      const candidate = this.terms[id]!;
      if (Math.abs(candidate.length - term.length) > maxEdits || candidate === term) continue;
      const edits = boundedOsa(term, candidate, maxEdits);
      if (edits <= maxEdits) out.push({ id, edits });
    }
    return out;
  }

  state(): VocabularyState {
    this.mergeTail();
    const size = this.terms.length;
    const gramUnits = new Uint16Array(this.grams.size * 3);
    const gramStarts = new Uint32Array(this.grams.size + 1);
    let total = 0;
    for (const list of this.grams.values()) total += list.length;
    const gramIds = new Int32Array(total);
    let g = 0;
    let at = 0;
    for (const [gram, list] of this.grams) {
      for (let k = 0; k < 3; k++) gramUnits[3 * g + k] = gram.charCodeAt(k);
      gramIds.set(list, at);
      at += list.length;
      gramStarts[++g] = at;
    }
    return {
      table: this.table,
      hashes: this.hashes.subarray(0, size),
      chars: this.chars.subarray(0, this.charsUsed),
      charAt: this.charAt.subarray(0, size + 1),
      keys: this.keys.subarray(0, 2 * size),
      sortedIds: Int32Array.from(this.sortedIds),
      tail: Int32Array.from(this.tail),
      gramUnits,
      gramStarts,
      gramIds,
    };
  }

  /** The vocabulary `state()` described, without hashing or interning a term again. */
  static fromState(state: VocabularyState): Vocabulary {
    const v = new Vocabulary();
    const size = state.hashes.length;
    v.table = state.table;
    // Room to grow without an immediate copy; the hash table keeps its own size (it doubles as it fills).
    v.hashes = grow32(state.hashes, Math.max(2048, size + 2));
    v.charAt = grow32(state.charAt, v.hashes.length);
    v.keys = grow32(state.keys, Math.max(4096, 2 * size + 2));
    v.chars = state.chars;
    v.charsUsed = state.chars.length;
    const all = utf16.decode(state.chars);
    for (let id = 0; id < size; id++) v.terms.push(all.slice(state.charAt[id], state.charAt[id + 1]));
    v.sortedIds = Array.from(state.sortedIds);
    v.sorted = v.sortedIds.map((id) => v.terms[id]!);
    v.tail = Array.from(state.tail);
    const grams = state.gramStarts.length - 1;
    for (let g = 0; g < grams; g++) {
      const gram = String.fromCharCode(state.gramUnits[3 * g]!, state.gramUnits[3 * g + 1]!, state.gramUnits[3 * g + 2]!);
      v.grams.set(gram, state.gramIds.subarray(state.gramStarts[g], state.gramStarts[g + 1]));
    }
    return v;
  }

  private mergeTail(): void {
    const tail = this.tail.map((id) => ({ id, term: this.terms[id]! }));
    tail.sort((a, b) => (a.term < b.term ? -1 : a.term > b.term ? 1 : 0));
    const sorted: string[] = [];
    const sortedIds: number[] = [];
    let i = 0;
    let j = 0;
    while (i < this.sorted.length || j < tail.length) {
      const t = tail[j];
      if (i < this.sorted.length && (t === undefined || this.sorted[i]! <= t.term)) {
        sorted.push(this.sorted[i]!);
        sortedIds.push(this.sortedIds[i]!);
        i++;
      } else if (t) {
        sorted.push(t.term);
        sortedIds.push(t.id);
        j++;
      }
    }
    this.sorted = sorted;
    this.sortedIds = sortedIds;
    this.tail = [];
  }
}

/** Units `from..from+3` of an ASCII term as one little-endian word, 0 past its end. */
function packWord(term: string, from: number): number {
  let w = 0;
  for (let k = 3; k >= 0; k--) w = (w << 8) | (from + k < term.length ? term.charCodeAt(from + k) : 0);
  return w;
}

function grow32(a: Int32Array, size: number): Int32Array<ArrayBuffer> {
  const b = new Int32Array(size);
  b.set(a);
  return b;
}

function trigrams(term: string): string[] {
  const padded = `$${term}$`;
  const out: string[] = [];
  for (let i = 0; i + 3 <= padded.length; i++) out.push(padded.slice(i, i + 3));
  return out;
}

function addGram(grams: Map<string, number[] | Int32Array>, g: string, id: number): void {
  let list = grams.get(g);
  if (list === undefined) grams.set(g, [id]);
  else if (list[list.length - 1] !== id) {
    if (list instanceof Int32Array) grams.set(g, (list = Array.from(list)));
    list.push(id);
  }
}

/** Optimal-string-alignment distance, giving up (returning max + 1) once it must exceed `max`. */
export function boundedOsa(a: string, b: string, max: number): number {
  const n = a.length;
  const m = b.length;
  let prev2 = new Array<number>(m + 1).fill(0);
  let prev = Array.from({ length: m + 1 }, (_, j) => j);
  let row = new Array<number>(m + 1).fill(0);
  for (let i = 1; i <= n; i++) {
    row[0] = i;
    let best = i;
    for (let j = 1; j <= m; j++) {
      const cost = a.charCodeAt(i - 1) === b.charCodeAt(j - 1) ? 0 : 1;
      let v = Math.min(prev[j]! + 1, row[j - 1]! + 1, prev[j - 1]! + cost);
      if (i > 1 && j > 1 && a.charCodeAt(i - 1) === b.charCodeAt(j - 2) && a.charCodeAt(i - 2) === b.charCodeAt(j - 1)) {
        v = Math.min(v, prev2[j - 2]! + 1);
      }
      row[j] = v;
      if (v < best) best = v;
    }
    if (best > max) return max + 1;
    const spare = prev2;
    prev2 = prev;
    prev = row;
    row = spare;
  }
  return prev[m]!;
}
