/**
 * Many growable byte lists (one per vocabulary term) kept in ONE Uint8Array, so 50 million postings cost
 * bytes rather than objects. Each list is a chain of slices [next:int32][capacity:int32][payload], doubling
 * up to 8 KiB, and values are varint-encoded. Docs are numbered in insertion order, so each list only
 * appends and stores gaps, which are small for frequent terms.
 * The whole state is a handful of typed arrays: a snapshot copies them and loading is a copy back.
 */

import { grownSize } from './grow';

const HEADER = 8;
const FIRST_CAPACITY = 4;
const MAX_CAPACITY = 8192;

export interface PostingPoolState {
  bytes: Uint8Array;
  used: number;
  lists: number;
  head: Int32Array;
  cur: Int32Array;
  curUsed: Int32Array;
  curCap: Int32Array;
  last: Int32Array;
  count: Int32Array;
}

export class PostingPool {
  private bytes: Uint8Array;
  private used: number;
  private lists: number;
  private head: Int32Array;
  private cur: Int32Array;
  private curUsed: Int32Array;
  private curCap: Int32Array;
  private last: Int32Array;
  /** Postings per list (document frequency, dead docs included). */
  count: Int32Array;

  constructor(state?: PostingPoolState) {
    if (state) {
      this.bytes = state.bytes;
      this.used = state.used;
      this.lists = state.lists;
      this.head = state.head;
      this.cur = state.cur;
      this.curUsed = state.curUsed;
      this.curCap = state.curCap;
      this.last = state.last;
      this.count = state.count;
      return;
    }
    this.bytes = new Uint8Array(1 << 16);
    // Offset 0 means "no slice".
    this.used = 8;
    this.lists = 0;
    this.head = new Int32Array(1024);
    this.cur = new Int32Array(1024);
    this.curUsed = new Int32Array(1024);
    this.curCap = new Int32Array(1024);
    this.last = new Int32Array(1024).fill(-1);
    this.count = new Int32Array(1024);
  }

  state(): PostingPoolState {
    return {
      bytes: this.bytes.subarray(0, this.used),
      used: this.used,
      lists: this.lists,
      head: this.head.subarray(0, this.lists),
      cur: this.cur.subarray(0, this.lists),
      curUsed: this.curUsed.subarray(0, this.lists),
      curCap: this.curCap.subarray(0, this.lists),
      last: this.last.subarray(0, this.lists),
      count: this.count.subarray(0, this.lists),
    };
  }

  /** Bytes held, for memory reports. */
  get byteLength(): number {
    return this.bytes.byteLength + this.head.byteLength * 6;
  }

  ensureLists(n: number): void {
    if (n <= this.lists) return;
    if (n > this.head.length) {
      const size = Math.max(n, this.head.length * 2);
      this.head = grow32(this.head, size);
      this.cur = grow32(this.cur, size);
      this.curUsed = grow32(this.curUsed, size);
      this.curCap = grow32(this.curCap, size);
      const last = grow32(this.last, size);
      last.fill(-1, this.last.length);
      this.last = last;
      this.count = grow32(this.count, size);
    }
    this.lists = n;
  }

  /** Appends `value` for `doc` to a list; docs must arrive in increasing order per list. */
  append(list: number, doc: number, low3: number, withLow3: boolean): void {
    const gap = doc - this.last[list]!;
    this.last[list] = doc;
    this.count[list]!++;
    let v = withLow3 ? gap * 8 + low3 : gap;
    // The list's write position stays in locals for the whole varint (usually one byte).
    let slice = this.cur[list]!;
    let used = this.curUsed[list]!;
    for (;;) {
      if (slice === 0 || used === this.curCap[list]!) {
        slice = this.newSlice(list, slice);
        used = 0;
      }
      if (v < 128) {
        this.bytes[slice + HEADER + used] = v;
        this.curUsed[list] = used + 1;
        return;
      }
      this.bytes[slice + HEADER + used++] = (v & 127) | 128;
      v = Math.floor(v / 128);
    }
  }

  /** Chains a new slice after `slice` (0: the list's first) and makes it current. */
  private newSlice(list: number, slice: number): number {
    const cap = slice === 0 ? FIRST_CAPACITY : Math.min(this.curCap[list]! * 2, MAX_CAPACITY);
    const next = this.alloc(cap);
    if (slice === 0) this.head[list] = next;
    else writeInt32(this.bytes, slice, next);
    this.cur[list] = next;
    this.curCap[list] = cap;
    this.curUsed[list] = 0;
    return next;
  }

  private alloc(cap: number): number {
    const need = this.used + HEADER + cap;
    if (need > this.bytes.length) {
      const bigger = new Uint8Array(grownSize(this.bytes.length, need));
      bigger.set(this.bytes.subarray(0, this.used));
      this.bytes = bigger;
    }
    const at = this.used;
    writeInt32(this.bytes, at, 0);
    writeInt32(this.bytes, at + 4, cap);
    this.used = need;
    return at;
  }

  /**
   * Decodes a list into `docs` (and `lows`, the 3-bit values, when `withLow3`), in doc order; returns how
   * many. The arrays must hold `count[list]` entries. A plain loop, no callback per posting: queries walk
   * lists of 100,000 postings.
   */
  decode(list: number, withLow3: boolean, docs: Int32Array, lows: Uint8Array): number {
    if (list >= this.lists) return 0;
    const bytes = this.bytes;
    const lastSlice = this.cur[list]!;
    let slice = this.head[list]!;
    if (slice === 0) return 0;
    let pos = slice + HEADER;
    let end = pos + (slice === lastSlice ? this.curUsed[list]! : readInt32(bytes, slice + 4));
    let n = 0;
    let doc = -1;
    let value = 0;
    let shift = 1;
    for (;;) {
      if (pos === end) {
        if (slice === lastSlice) return n;
        slice = readInt32(bytes, slice);
        pos = slice + HEADER;
        end = pos + (slice === lastSlice ? this.curUsed[list]! : readInt32(bytes, slice + 4));
        continue;
      }
      const b = bytes[pos++]!;
      value += (b & 127) * shift;
      if (b >= 128) {
        shift *= 128;
        continue;
      }
      if (withLow3) {
        const low = value % 8;
        doc += (value - low) / 8;
        lows[n] = low;
      } else {
        doc += value;
      }
      docs[n++] = doc;
      value = 0;
      shift = 1;
    }
  }
}

function grow32(a: Int32Array, size: number): Int32Array {
  const b = new Int32Array(size);
  b.set(a);
  return b;
}

function writeInt32(bytes: Uint8Array, at: number, v: number): void {
  bytes[at] = v & 255;
  bytes[at + 1] = (v >>> 8) & 255;
  bytes[at + 2] = (v >>> 16) & 255;
  bytes[at + 3] = (v >>> 24) & 255;
}

function readInt32(bytes: Uint8Array, at: number): number {
  return (bytes[at]! | (bytes[at + 1]! << 8) | (bytes[at + 2]! << 16) | (bytes[at + 3]! << 24)) >>> 0;
}
