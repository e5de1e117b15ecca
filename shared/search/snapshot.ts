/**
 * Saving and loading the index as bytes, so start-up never rebuilds it (a full build over article text costs
 * seconds to a minute). The format is the index's own typed arrays copied end to end, so loading is mostly
 * memcpy; only the vocabulary's lookup structures are rebuilt.
 *
 * Layout: "BSX1", then sections, each a uint32 byte length (little-endian) and its bytes; the first section is
 * a JSON header. Strings go as a Uint32Array of UTF-16 lengths plus one UTF-8 blob per list.
 */
import { PostingPool, type PostingPoolState } from './posting-pool';
import { InvertedSearchIndex, type IndexData } from './search-index';
import type { SearchIndex } from './types';
import { Vocabulary } from './vocabulary';

const MAGIC = 'BSX1';
const FORMAT_VERSION = 1;

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

type Section = Uint8Array;

function bytesOf(view: ArrayBufferView): Uint8Array {
  return new Uint8Array(view.buffer, view.byteOffset, view.byteLength);
}

function encodeStrings(list: readonly string[], out: Section[]): void {
  const lengths = new Uint32Array(list.length);
  list.forEach((s, i) => (lengths[i] = s.length));
  out.push(bytesOf(lengths), new TextEncoder().encode(list.join('')));
}

function poolSections(pool: PostingPoolState, out: Section[]): void {
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
  const sections: Section[] = [new TextEncoder().encode(JSON.stringify(header))];
  encodeStrings(data.vocab.terms, sections);
  for (const list of [data.ids, data.feedIds, data.titles, data.authors, data.summaries]) encodeStrings(list.slice(0, n), sections);
  sections.push(
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

class Reader {
  private at = 4;
  private readonly view: DataView;
  constructor(private readonly bytes: Uint8Array) {
    this.view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  }
  /** A copy, so typed-array views are aligned and the snapshot buffer can be dropped. */
  next(): Uint8Array {
    if (this.at + 4 > this.bytes.byteLength) throw new RangeError('search snapshot is truncated');
    const len = this.view.getUint32(this.at, true);
    const start = this.at + 4;
    if (start + len > this.bytes.byteLength) throw new RangeError('search snapshot is truncated');
    this.at = start + len;
    return this.bytes.slice(start, start + len);
  }
  strings(): string[] {
    const lengths = new Uint32Array(this.next().buffer);
    const joined = new TextDecoder().decode(this.next());
    const out = new Array<string>(lengths.length);
    let at = 0;
    for (let i = 0; i < lengths.length; i++) {
      out[i] = joined.slice(at, at + lengths[i]!);
      at += lengths[i]!;
    }
    return out;
  }
  pool(used: number, lists: number): PostingPool {
    const bytes = this.next();
    const i32 = (): Int32Array => new Int32Array(this.next().buffer);
    return new PostingPool({
      bytes,
      used,
      lists,
      head: i32(),
      cur: i32(),
      curUsed: i32(),
      curCap: i32(),
      last: i32(),
      count: i32(),
    });
  }
}

/** Rebuilds an index from `serializeSearchIndex` output; throws on bytes that are not a snapshot of this format. */
export function loadSearchIndex(bytes: Uint8Array): SearchIndex {
  if (new TextDecoder().decode(bytes.subarray(0, 4)) !== MAGIC) throw new TypeError('not a search snapshot');
  const reader = new Reader(bytes);
  const header = JSON.parse(new TextDecoder().decode(reader.next())) as Header;
  if (header.version !== FORMAT_VERSION) throw new TypeError(`search snapshot version ${String(header.version)} unsupported`);
  const terms = reader.strings();
  const [ids, feedIds, titles, authors, summaries] = [
    reader.strings(),
    reader.strings(),
    reader.strings(),
    reader.strings(),
    reader.strings(),
  ];
  const data: IndexData = {
    bodyTokens: header.bodyTokens ?? Infinity,
    vocab: Vocabulary.fromTerms(terms),
    docCount: header.docCount,
    liveCount: header.liveCount,
    maxPublished: header.maxPublished ?? -Infinity,
    ids: ids!,
    feedIds: feedIds!,
    titles: titles!,
    authors: authors!,
    summaries: summaries!,
    published: new Float64Array(reader.next().buffer),
    alive: reader.next(),
    textStart: new Uint32Array(reader.next().buffer),
    textEnd: new Uint32Array(reader.next().buffer),
    tokens: reader.next(),
    tokensUsed: header.tokensUsed,
    meta: new PostingPool(),
    text: new PostingPool(),
  };
  data.meta = reader.pool(header.meta.used, header.meta.lists);
  data.text = reader.pool(header.text.used, header.text.lists);
  return new InvertedSearchIndex(data);
}
