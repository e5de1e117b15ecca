/**
 * Saving and loading the index as bytes, so start-up never rebuilds it. The format is the index's own typed arrays
 * end to end (the vocabulary's hash table and trigram lists, the doc texts as UTF-8 columns, the posting pools), so
 * loading is a copy per section and no per-term or per-doc work: a saved index is usable as soon as it is read.
 *
 * Layout: "BSX2", then sections, each a uint32 byte length (little-endian) and its bytes; the first section is a
 * JSON header. A snapshot of another format (BSX1, before issue 18) is refused, and the caller builds anew.
 * A reader that can read each section into a buffer of its own (the Worker's snapshot file) passes the sections
 * instead of the bytes, and the index keeps those buffers as they are: nothing is copied on load.
 */
import { PostingPool, type PostingPoolState } from './posting-pool';
import { InvertedSearchIndex, type IndexData } from './search-index';
import { StringColumn } from './string-column';
import type { SearchIndex } from './types';
import { Vocabulary } from './vocabulary';

const MAGIC = 'BSX2';
const FORMAT_VERSION = 2;

interface Header {
  version: number;
  bodyTokens: number | null;
  docCount: number;
  liveCount: number;
  maxPublished: number | null;
  tokensUsed: number;
  meta: { used: number; lists: number };
  text: { used: number; lists: number };
}

function bytesOf(view: ArrayBufferView): Uint8Array {
  return new Uint8Array(view.buffer, view.byteOffset, view.byteLength);
}

function columnSections(column: StringColumn, out: Uint8Array[]): void {
  const state = column.state();
  out.push(state.bytes, bytesOf(state.starts));
}

function poolSections(pool: PostingPoolState, out: Uint8Array[]): void {
  for (const a of [pool.bytes, pool.head, pool.cur, pool.curUsed, pool.curCap, pool.last, pool.count]) out.push(bytesOf(a));
}

export function serializeSearchIndex(index: SearchIndex): Uint8Array {
  if (!(index instanceof InvertedSearchIndex)) throw new TypeError('serializeSearchIndex: not an index made here');
  const data = index.data;
  const n = data.docCount;
  const meta = data.meta.state();
  const text = data.text.state();
  const header: Header = {
    version: FORMAT_VERSION,
    bodyTokens: Number.isFinite(data.bodyTokens) ? data.bodyTokens : null,
    docCount: n,
    liveCount: data.liveCount,
    maxPublished: Number.isFinite(data.maxPublished) ? data.maxPublished : null,
    tokensUsed: data.tokensUsed,
    meta: { used: meta.used, lists: meta.lists },
    text: { used: text.used, lists: text.lists },
  };
  const vocab = data.vocab.state();
  const ids = new StringColumn();
  for (let d = 0; d < n; d++) ids.push(data.ids[d]!);
  const feeds = new StringColumn();
  for (const feed of data.feeds) feeds.push(feed);
  const sections: Uint8Array[] = [new TextEncoder().encode(JSON.stringify(header))];
  for (const a of [vocab.table, vocab.hashes, vocab.chars, vocab.charAt, vocab.keys, vocab.sortedIds, vocab.tail, vocab.gramUnits, vocab.gramStarts, vocab.gramIds]) {
    sections.push(bytesOf(a));
  }
  for (const column of [ids, feeds, data.titles, data.authors, data.summaries]) columnSections(column, sections);
  sections.push(
    bytesOf(data.feedOf.subarray(0, n)),
    bytesOf(data.published.subarray(0, n)),
    bytesOf(data.alive.subarray(0, n)),
    bytesOf(data.textStart.subarray(0, n)),
    bytesOf(data.textEnd.subarray(0, n)),
    data.tokens.subarray(0, data.tokensUsed),
  );
  poolSections(meta, sections);
  poolSections(text, sections);

  const total = 4 + sections.reduce((sum, s) => sum + 4 + s.byteLength, 0);
  const out = new Uint8Array(total);
  const view = new DataView(out.buffer);
  out.set(new TextEncoder().encode(MAGIC), 0);
  let at = 4;
  for (const s of sections) {
    view.setUint32(at, s.byteLength, true);
    out.set(s, at + 4);
    at += 4 + s.byteLength;
  }
  return out;
}

/**
 * Snapshot bytes split at their sections, after the magic: `[magic, header, section, …]`, each its own buffer. What
 * a reader of the snapshot file gives when it reads section by section (see `loadSearchIndex`).
 */
export type SnapshotSections = readonly Uint8Array[];

class Reader {
  private at = 4;
  private section = 1;
  private readonly view: DataView | null;
  constructor(private readonly source: Uint8Array | SnapshotSections) {
    this.view = source instanceof Uint8Array ? new DataView(source.buffer, source.byteOffset, source.byteLength) : null;
  }
  /**
   * The next section in a buffer of its own starting at offset 0 (so typed-array views over it are aligned, and the
   * snapshot's buffer can be dropped): a section given apart is taken as it is, one inside the bytes is copied.
   */
  next(): Uint8Array {
    if (this.view === null) {
      const sections = this.source as SnapshotSections;
      const b = sections[this.section++];
      if (b === undefined) throw new RangeError('search snapshot is truncated');
      return b.byteOffset === 0 ? b : b.slice();
    }
    const bytes = this.source as Uint8Array;
    if (this.at + 4 > bytes.byteLength) throw new RangeError('search snapshot is truncated');
    const len = this.view.getUint32(this.at, true);
    const start = this.at + 4;
    if (start + len > bytes.byteLength) throw new RangeError('search snapshot is truncated');
    this.at = start + len;
    return bytes.slice(start, start + len);
  }
  i32(): Int32Array {
    const b = this.next();
    if (b.byteLength % 4 !== 0) throw new RangeError('search snapshot: misaligned section');
    return new Int32Array(b.buffer, 0, b.byteLength / 4);
  }
  u32(): Uint32Array {
    const b = this.i32();
    return new Uint32Array(b.buffer, 0, b.length);
  }
  u16(): Uint16Array {
    const b = this.next();
    if (b.byteLength % 2 !== 0) throw new RangeError('search snapshot: misaligned section');
    return new Uint16Array(b.buffer, 0, b.byteLength / 2);
  }
  f64(): Float64Array {
    const b = this.next();
    if (b.byteLength % 8 !== 0) throw new RangeError('search snapshot: misaligned section');
    return new Float64Array(b.buffer, 0, b.byteLength / 8);
  }
  column(count: number): StringColumn {
    const bytes = this.next();
    const starts = this.u32();
    if (starts.length !== count + 1 || starts[count] !== bytes.length) throw new RangeError('search snapshot: bad text column');
    return new StringColumn({ bytes, starts, count });
  }
  pool(used: number, lists: number): PostingPool {
    const bytes = this.next();
    return new PostingPool({ bytes, used, lists, head: this.i32(), cur: this.i32(), curUsed: this.i32(), curCap: this.i32(), last: this.i32(), count: this.i32() });
  }
}

/**
 * Rebuilds an index from `serializeSearchIndex` output, whole or split into its sections; throws on bytes that are not
 * a snapshot of this format.
 */
export function loadSearchIndex(bytes: Uint8Array | SnapshotSections): SearchIndex {
  const magic = bytes instanceof Uint8Array ? bytes.subarray(0, 4) : bytes[0];
  if (magic === undefined || magic.byteLength !== 4 || new TextDecoder().decode(magic) !== MAGIC) throw new TypeError('not a search snapshot of this format');
  const reader = new Reader(bytes);
  const header = JSON.parse(new TextDecoder().decode(reader.next())) as Header;
  if (header.version !== FORMAT_VERSION) throw new TypeError(`search snapshot version ${String(header.version)} unsupported`);
  const n = header.docCount;
  const vocab = Vocabulary.fromState({
    table: reader.i32(),
    hashes: reader.i32(),
    chars: reader.u16(),
    charAt: reader.i32(),
    keys: reader.i32(),
    sortedIds: reader.i32(),
    tail: reader.i32(),
    gramUnits: reader.u16(),
    gramStarts: reader.u32(),
    gramIds: reader.i32(),
  });
  const ids = reader.column(n).all();
  const feedsColumn = reader.next();
  const feedStarts = reader.u32();
  const feeds = new StringColumn({ bytes: feedsColumn, starts: feedStarts, count: feedStarts.length - 1 }).all();
  const data: IndexData = {
    bodyTokens: header.bodyTokens ?? Infinity,
    vocab,
    docCount: n,
    liveCount: header.liveCount,
    maxPublished: header.maxPublished ?? -Infinity,
    ids,
    feeds,
    titles: reader.column(n),
    authors: reader.column(n),
    summaries: reader.column(n),
    feedOf: reader.u32(),
    published: reader.f64(),
    alive: reader.next(),
    textStart: reader.u32(),
    textEnd: reader.u32(),
    tokens: reader.next(),
    tokensUsed: header.tokensUsed,
    meta: new PostingPool(),
    text: new PostingPool(),
  };
  if ([data.feedOf, data.published, data.alive, data.textStart, data.textEnd].some((a) => a.length !== n)) {
    throw new RangeError('search snapshot: doc tables disagree with the header');
  }
  data.meta = reader.pool(header.meta.used, header.meta.lists);
  data.text = reader.pool(header.text.used, header.text.lists);
  return new InvertedSearchIndex(data);
}
