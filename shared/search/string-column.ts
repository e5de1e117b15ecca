/**
 * One string per doc (titles, authors, summaries) kept as UTF-8 in one growable byte array with an offset table,
 * decoded only when a doc is ranked (a few hundred per query). Why not a string[]: a snapshot of typed arrays
 * loads with a copy and no per-string work, which is what makes a restart usable at once, and 300,000 strings
 * cost their object headers on top of their text.
 */
import { grownSize } from './grow';

const encoder = new TextEncoder();
const decoder = new TextDecoder();
const ASCII_DIRECT_MAX = 1024;

/**
 * Writes `value` as UTF-8 at `at` (room for 3 bytes per unit is there); returns the bytes written. ASCII, most
 * titles and summaries, is copied unit by unit: `encodeInto` with its view per call was a tenth of the index's first
 * build. The first other unit hands the rest to `encodeInto`, which writes the same bytes.
 */
function writeUtf8(value: string, bytes: Uint8Array, at: number): number {
  const n = value.length;
  for (let k = 0; k < n; k++) {
    const c = value.charCodeAt(k);
    if (c >= 128) return k + encoder.encodeInto(value.slice(k), bytes.subarray(at + k)).written;
    bytes[at + k] = c;
  }
  return n;
}

export interface StringColumnState {
  bytes: Uint8Array;
  /** Start of string i in `bytes`; its end is the start of i + 1 (so `count + 1` entries). */
  starts: Uint32Array;
  count: number;
}

export class StringColumn {
  private bytes: Uint8Array;
  private starts: Uint32Array;
  private count: number;

  constructor(state?: StringColumnState) {
    this.bytes = state?.bytes ?? new Uint8Array(1 << 16);
    this.starts = state?.starts ?? new Uint32Array(1024);
    this.count = state?.count ?? 0;
  }

  get length(): number {
    return this.count;
  }

  push(value: string): void {
    const at = this.starts[this.count]!;
    // UTF-8 takes at most 3 bytes per UTF-16 unit.
    const room = at + 3 * value.length;
    if (room > this.bytes.length) {
      const bigger = new Uint8Array(grownSize(this.bytes.length, room));
      bigger.set(this.bytes.subarray(0, at));
      this.bytes = bigger;
    }
    const written = writeUtf8(value, this.bytes, at);
    if (this.count + 2 > this.starts.length) {
      const starts = new Uint32Array(this.starts.length * 2);
      starts.set(this.starts);
      this.starts = starts;
    }
    this.count++;
    this.starts[this.count] = at + written;
  }

  get(i: number): string {
    if (i < 0 || i >= this.count) return '';
    const start = this.starts[i]!;
    const end = this.starts[i + 1]!;
    if (start === end) return '';
    const bytes = this.bytes;
    // Short ASCII (most titles and summaries): building the string from the bytes beats a TextDecoder call.
    if (end - start <= ASCII_DIRECT_MAX) {
      let ascii = true;
      for (let k = start; k < end && ascii; k++) ascii = bytes[k]! < 128;
      if (ascii) return String.fromCharCode.apply(null, bytes.subarray(start, end) as unknown as number[]);
    }
    return decoder.decode(bytes.subarray(start, end));
  }

  /** Every string, for a caller that needs them all at once (one decode of the whole column). */
  all(): string[] {
    const out = new Array<string>(this.count);
    const end = this.starts[this.count]!;
    // ASCII-only columns (ids, usually) map bytes to units one to one: one decode, then slices.
    let ascii = true;
    for (let k = 0; k < end && ascii; k++) ascii = this.bytes[k]! < 128;
    if (ascii) {
      const joined = decoder.decode(this.bytes.subarray(0, end));
      for (let i = 0; i < this.count; i++) out[i] = joined.slice(this.starts[i], this.starts[i + 1]);
    } else {
      for (let i = 0; i < this.count; i++) out[i] = this.get(i);
    }
    return out;
  }

  state(): StringColumnState {
    return { bytes: this.bytes.subarray(0, this.starts[this.count]!), starts: this.starts.subarray(0, this.count + 1), count: this.count };
  }

  /** Bytes held, for memory reports. */
  get byteLength(): number {
    return this.bytes.byteLength + this.starts.byteLength;
  }
}
