/**
 * The narrowing stage of search, written by hand on purpose.
 *
 * Why not just fuse.js: fuse scans every record on every query (1.3–4.4 s at 100,000 articles) and keeps an
 * object per record and field. This file keeps a compact inverted index instead: a vocabulary (with a sorted
 * copy for prefixes and a trigram index for typos), posting lists as varint gaps in two byte pools (title/
 * author/summary with a 3-bit field mask, and body text), and each doc's body as a varint sequence of term ids
 * (for phrases and for the text window shown to fuse). It turns a query into a few hundred candidates by
 * intersecting posting lists; rank.ts then lets fuse.js order those few with its usual weights.
 * No library does this part for us: fuse/minisearch/flexsearch either scan, or keep objects per posting, or
 * cannot be updated and saved incrementally in typed arrays.
 */
import { fold, forEachToken } from './normalize';
import { grownSize } from './grow';
import { F_AUTHOR, F_SUMMARY, F_TEXT, F_TITLE, type PhraseCheck, type Requirement } from './plan';
import { PostingPool } from './posting-pool';
import { parseSearchQuery, type ParsedQuery } from './query';
import { rankCandidates, type RankInput } from './rank';
import { StringColumn } from './string-column';
import { TermScanner } from './term-scanner';
import type { SearchDoc, SearchHit, SearchIndex, SearchOptions } from './types';
import { Vocabulary } from './vocabulary';

const F_META = F_TITLE | F_AUTHOR | F_SUMMARY;
const F_ALL = F_META | F_TEXT;

/** Best field weight for a title/author/summary mask: title > author > summary > text. */
const META_WEIGHT = [0, 1, 0.7, 1, 0.5, 1, 0.7, 1];
const TEXT_WEIGHT = 0.3;
const QUALITY_EXACT = 1;
const QUALITY_PREFIX = 0.75;
const QUALITY_TYPO = 0.55;
const RECENCY_HALF_LIFE_MS = 30 * 24 * 3600 * 1000;
const MAX_REQUIREMENTS = 32;
const DEFAULT_LIMIT = 100;
const MIN_CANDIDATES = 100;
/**
 * Phrases are checked doc by doc (postings hold no positions, which would double their size), in score order.
 * Past this many docs holding all the words, the rest are not looked at: a bound on the cost of a phrase of
 * common words, at the price of missing rare occurrences among the weakest candidates.
 */
const PHRASE_CHECK_BUDGET = 2500;
const PREFIX_POSTINGS_BUDGET = 150_000;

function phraseCheck(tokens: string[], fields: number): PhraseCheck {
  return { tokens, fields };
}

/** Everything a snapshot needs; see snapshot.ts. */
export interface IndexData {
  /** Body words kept per doc for phrases and ranking windows (postings always cover the whole body). */
  bodyTokens: number;
  vocab: Vocabulary;
  meta: PostingPool;
  text: PostingPool;
  docCount: number;
  liveCount: number;
  maxPublished: number;
  ids: string[];
  /** Distinct feed ids; each doc holds the number of its feed in `feedOf` (a filter compares numbers). */
  feeds: string[];
  feedOf: Uint32Array;
  titles: StringColumn;
  authors: StringColumn;
  summaries: StringColumn;
  published: Float64Array;
  alive: Uint8Array;
  textStart: Uint32Array;
  textEnd: Uint32Array;
  tokens: Uint8Array;
  tokensUsed: number;
}

export function emptyIndexData(options: SearchIndexOptions = {}): IndexData {
  return {
    bodyTokens: Math.max(0, options.bodyTokens ?? Infinity),
    vocab: new Vocabulary(),
    meta: new PostingPool(),
    text: new PostingPool(),
    docCount: 0,
    liveCount: 0,
    maxPublished: -Infinity,
    ids: [],
    feeds: [],
    feedOf: new Uint32Array(1024),
    titles: new StringColumn(),
    authors: new StringColumn(),
    summaries: new StringColumn(),
    published: new Float64Array(1024),
    alive: new Uint8Array(1024),
    textStart: new Uint32Array(1024),
    textEnd: new Uint32Array(1024),
    tokens: new Uint8Array(1 << 16),
    tokensUsed: 0,
  };
}

export interface SearchIndexOptions {
  /**
   * How many words of each body to keep (as term ids) for phrase checks and the text window fuse ranks on.
   * Default: all. Body words cost about 1.6 bytes each (136 MB for 100,000 articles of 800 words); a cap
   * saves that, but then a phrase is found in a body only within its first `bodyTokens` words (words beyond
   * are still found, and ranked by the index alone).
   */
  bodyTokens?: number;
}

export function createSearchIndex(options?: SearchIndexOptions): SearchIndex {
  return new InvertedSearchIndex(emptyIndexData(options));
}

export class InvertedSearchIndex implements SearchIndex {
  /** Doc number of each live id; made on first use (a loaded snapshot may only ever be searched). */
  private byIdMap: Map<string, number> | null = null;
  private feedNumbers: Map<string, number> | null = null;
  // Per-term scratch used while adding one doc.
  private metaMask = new Uint8Array(1024);
  private textSeen = new Int32Array(1024).fill(-1);
  private metaTerms: number[] = [];
  private textTerms = new Int32Array(4096);
  private readonly scanner: TermScanner;
  // Per-doc scratch used while searching, reset after each query.
  private count = new Uint8Array(0);
  private acc = new Float32Array(0);
  private best = new Float32Array(0);
  private excluded = new Int32Array(0);
  private termMark = new Int32Array(0);
  /** Fields (F_*) in which each candidate matched, so ranking looks only at those. */
  private hit = new Uint8Array(0);
  private reqHits: Uint8Array[] = [];
  private reqHitsUsed = 0;
  /** Docs touched by the first requirement, then those matching all; docs touched by each later one (intersect). */
  private firstTouched = new Int32Array(0);
  private laterTouched = new Int32Array(0);
  /** The matches that passed the filters (search). */
  private keptDocs = new Int32Array(0);
  /** A doc's body as term ids, decoded here to avoid an allocation per candidate. */
  private seq = new Int32Array(1024);
  /** One decoded posting list (docs and 3-bit field masks). */
  private listDocs = new Int32Array(1024);
  private listLows = new Uint8Array(1024);
  private stamp = 0;
  private recencyCache = new Float64Array(0);
  private recencyOf = NaN;
  private recencyFilled = 0;

  constructor(readonly data: IndexData) {
    this.scanner = new TermScanner(data.vocab);
  }

  private get byId(): Map<string, number> {
    if (this.byIdMap === null) {
      const data = this.data;
      this.byIdMap = new Map();
      for (let d = 0; d < data.docCount; d++) if (data.alive[d]) this.byIdMap.set(data.ids[d]!, d);
    }
    return this.byIdMap;
  }

  private feedNumber(feedId: string): number {
    if (this.feedNumbers === null) this.feedNumbers = new Map(this.data.feeds.map((id, n) => [id, n]));
    let n = this.feedNumbers.get(feedId);
    if (n === undefined) {
      n = this.data.feeds.length;
      this.data.feeds.push(feedId);
      this.feedNumbers.set(feedId, n);
    }
    return n;
  }

  get size(): number {
    return this.data.liveCount;
  }

  add(docs: SearchDoc[]): void {
    for (const doc of docs) this.addOne(doc);
  }

  remove(ids: string[]): void {
    const data = this.data;
    for (const id of ids) {
      const d = this.byId.get(id);
      if (d === undefined) continue;
      this.byId.delete(id);
      // Postings and stored text keep the dead number's bytes until a rebuild; searches skip it.
      data.alive[d] = 0;
      data.liveCount--;
    }
  }

  private addOne(doc: SearchDoc): void {
    if (this.byId.has(doc.id)) this.remove([doc.id]);
    const data = this.data;
    const d = data.docCount;
    this.ensureDocs(d + 1);
    data.docCount = d + 1;
    data.liveCount++;
    data.ids[d] = doc.id;
    data.feedOf[d] = this.feedNumber(doc.feedId);
    data.titles.push(doc.title);
    data.authors.push(doc.author ?? '');
    data.summaries.push(doc.summary ?? '');
    const published = doc.published ?? NaN;
    data.published[d] = published;
    if (published > data.maxPublished) data.maxPublished = published;
    data.alive[d] = 1;
    this.byId.set(doc.id, d);

    const vocab = data.vocab;
    const scanner = this.scanner;
    const metaTerms = this.metaTerms;
    let metaCount = 0;
    const indexMeta = (value: string, bit: number): void => {
      const n = scanner.scan(value);
      this.ensureTerms(vocab.size);
      const ids = scanner.ids;
      const mask = this.metaMask;
      for (let k = 0; k < n; k++) {
        const id = ids[k]!;
        if (mask[id] === 0) metaTerms[metaCount++] = id;
        mask[id]! |= bit;
      }
    };
    indexMeta(doc.title, F_TITLE);
    if (doc.author) indexMeta(doc.author, F_AUTHOR);
    if (doc.summary) indexMeta(doc.summary, F_SUMMARY);

    data.textStart[d] = data.tokensUsed;
    let textCount = 0;
    let textTerms = this.textTerms;
    if (doc.text) {
      const n = scanner.scan(doc.text, true, doc.markup === true);
      this.ensureTerms(vocab.size);
      const ids = scanner.ids;
      if (textTerms.length < n) textTerms = this.textTerms = new Int32Array(n * 2);
      const seen = this.textSeen;
      for (let k = 0; k < n; k++) {
        const id = ids[k]!;
        if (seen[id] !== d) {
          seen[id] = d;
          textTerms[textCount++] = id;
        }
      }
      this.writeTokens(ids, Math.min(n, data.bodyTokens));
    }
    data.textEnd[d] = data.tokensUsed;

    data.meta.ensureLists(vocab.size);
    data.text.ensureLists(vocab.size);
    for (let k = 0; k < metaCount; k++) {
      const id = metaTerms[k]!;
      data.meta.append(id, d, this.metaMask[id]!, true);
      this.metaMask[id] = 0;
    }
    for (let k = 0; k < textCount; k++) data.text.append(textTerms[k]!, d, 0, false);
  }

  /** Appends the first `n` ids as varints to the doc-ordered body store. */
  private writeTokens(ids: Int32Array, n: number): void {
    const data = this.data;
    if (data.tokensUsed + 5 * n > data.tokens.length) {
      const bigger = new Uint8Array(grownSize(data.tokens.length, data.tokensUsed + 5 * n));
      bigger.set(data.tokens.subarray(0, data.tokensUsed));
      data.tokens = bigger;
    }
    const tokens = data.tokens;
    let at = data.tokensUsed;
    for (let k = 0; k < n; k++) {
      let v = ids[k]!;
      while (v >= 128) {
        tokens[at++] = (v & 127) | 128;
        v >>>= 7;
      }
      tokens[at++] = v;
    }
    data.tokensUsed = at;
  }

  private ensureTerms(n: number): void {
    if (n <= this.metaMask.length) return;
    const size = Math.max(n, this.metaMask.length * 2);
    const mask = new Uint8Array(size);
    mask.set(this.metaMask);
    this.metaMask = mask;
    const seen = new Int32Array(size).fill(-1);
    seen.set(this.textSeen);
    this.textSeen = seen;
  }

  private ensureDocs(n: number): void {
    const data = this.data;
    if (n <= data.alive.length) return;
    const size = Math.max(n, data.alive.length * 2);
    const grow = <T extends Float64Array | Uint8Array | Uint32Array>(a: T, make: (n: number) => T): T => {
      const b = make(size);
      b.set(a);
      return b;
    };
    data.published = grow(data.published, (k) => new Float64Array(k));
    data.alive = grow(data.alive, (k) => new Uint8Array(k));
    data.textStart = grow(data.textStart, (k) => new Uint32Array(k));
    data.textEnd = grow(data.textEnd, (k) => new Uint32Array(k));
    data.feedOf = grow(data.feedOf, (k) => new Uint32Array(k));
  }

  search(query: string, options: SearchOptions = {}): SearchHit[] {
    const parsed = parseSearchQuery(query);
    const limit = Math.max(0, options.limit ?? DEFAULT_LIMIT);
    if (limit === 0) return [];
    const plan = this.plan(parsed);
    if (plan === null) return [];
    const { requirements, phrases, negativePhrases, excludedTerms } = plan;
    const hasOperators =
      parsed.before !== undefined ||
      parsed.after !== undefined ||
      parsed.excluded.length > 0 ||
      parsed.feeds.length > 0 ||
      parsed.folders.length > 0 ||
      parsed.unread !== undefined ||
      parsed.starred !== undefined ||
      parsed.hidden !== undefined;
    if (requirements.length === 0 && !hasOperators) return [];
    this.prepareScratch();
    const stamp = ++this.stamp;
    const data = this.data;

    for (const id of excludedTerms) {
      for (const [pool, withLow3] of [[data.meta, true], [data.text, false]] as const) {
        const n = this.decodeList(pool, id, withLow3);
        for (let i = 0; i < n; i++) this.excluded[this.listDocs[i]!] = stamp;
      }
    }
    let feedSet: Uint8Array | null = null;
    if (options.feedIds) {
      feedSet = new Uint8Array(data.feeds.length);
      for (const id of options.feedIds) {
        const n = this.feedNumbers?.get(id) ?? data.feeds.indexOf(id);
        if (n >= 0) feedSet[n] = 1;
      }
    }
    const after = parsed.after ?? -Infinity;
    const before = parsed.before ?? Infinity;
    const datesLimited = parsed.after !== undefined || parsed.before !== undefined;
    const keep = (d: number): boolean => {
      if (!data.alive[d] || this.excluded[d] === stamp) return false;
      if (datesLimited) {
        const p = data.published[d]!;
        if (!(p >= after && p < before)) return false;
      }
      if (feedSet && feedSet[data.feedOf[d]!] !== 1) return false;
      return options.filter ? options.filter(data.ids[d]!) : true;
    };

    const simple = !datesLimited && feedSet === null && !options.filter && excludedTerms.length === 0;
    const recency = this.recencies();
    if (requirements.length === 0) {
      const all: number[] = [];
      for (let d = 0; d < data.docCount; d++) if (keep(d)) all.push(d);
      const scores = new Float64Array(all.length);
      for (let i = 0; i < all.length; i++) scores[i] = recency[all[i]!]!;
      options.onMatched?.(all.length);
      return this.finish(all, scores, requirements, phrases, negativePhrases, limit, stamp);
    }
    const matched = this.intersect(requirements);
    try {
      // One pass: the docs that pass the filters and their preliminary scores (a one-letter query keeps most of
      // the archive, so every pass over the matches counts).
      const acc = this.acc;
      const alive = data.alive;
      const kept = this.scratchDocs(matched.length);
      const scores = new Float64Array(matched.length);
      let n = 0;
      for (let i = 0; i < matched.length; i++) {
        const d = matched[i]!;
        if (simple ? alive[d] !== 1 : !keep(d)) continue;
        kept[n] = d;
        scores[n++] = acc[d]! + 0.1 * recency[d]!;
      }
      options.onMatched?.(n);
      return this.finish(kept.subarray(0, n), scores.subarray(0, n), requirements, phrases, negativePhrases, limit, stamp);
    } finally {
      // acc and the hit masks stay readable until ranking is done.
      this.clearDocs(matched);
    }
  }

  private finish(
    candidates: ArrayLike<number>,
    /** Preliminary score of each candidate, by position. */
    prelim: Float64Array,
    requirements: Requirement[],
    phrases: PhraseCheck[],
    negativePhrases: PhraseCheck[],
    limit: number,
    stamp: number,
  ): SearchHit[] {
    const want = Math.max(MIN_CANDIDATES, limit * 2);
    let chosen: number[];
    if (phrases.length > 0 || negativePhrases.length > 0) {
      // Phrases can reject many docs, so check in score order until enough pass.
      chosen = [];
      for (const d of topK(candidates, prelim, PHRASE_CHECK_BUDGET)) {
        if (chosen.length >= want) break;
        if (phrases.every((p) => this.hasPhrase(d, p, true)) && !negativePhrases.some((p) => this.hasPhrase(d, p, false))) {
          chosen.push(d);
        }
      }
    } else {
      chosen = topK(candidates, prelim, want);
    }
    if (requirements.length === 0) {
      const recency = this.recencies();
      return chosen.slice(0, limit).map((d) => ({ id: this.data.ids[d]!, score: recency[d]! }));
    }
    for (const r of requirements) for (const t of r.terms) this.termMark[t.id] = stamp;
    const input: RankInput = {
      requirements,
      phrases,
      limit,
      docs: chosen.map((d) => ({
        id: this.data.ids[d]!,
        title: this.data.titles.get(d),
        // Decoded only where the index matched: ranking reads the title and the matched fields alone.
        author: this.hit[d]! & F_AUTHOR ? this.data.authors.get(d) : '',
        summary: this.hit[d]! & F_SUMMARY ? this.data.summaries.get(d) : '',
        textWindow: () => this.textWindow(d, stamp),
        recency: this.recencies()[d]!,
        prelim: this.acc[d]! / requirements.length,
        fields: this.hit[d]!,
      })),
    };
    return rankCandidates(input);
  }

  /** Per doc 0..1, halving every 30 days before the newest doc (no clock needed, so results are reproducible). */
  private recencies(): Float64Array {
    const data = this.data;
    if (this.recencyCache.length < data.docCount) {
      this.recencyCache = new Float64Array(Math.max(data.docCount, this.recencyCache.length * 2, 1024));
      this.recencyFilled = 0;
    }
    // A newer doc moves every recency: recompute them all, in the same array (it must not grow each time).
    if (this.recencyOf !== data.maxPublished) {
      this.recencyOf = data.maxPublished;
      this.recencyFilled = 0;
    }
    const cache = this.recencyCache;
    for (let d = this.recencyFilled; d < data.docCount; d++) {
      const p = data.published[d]!;
      cache[d] = Number.isNaN(p) ? 0 : Math.pow(2, -(data.maxPublished - p) / RECENCY_HALF_LIFE_MS);
    }
    this.recencyFilled = data.docCount;
    return cache;
  }

  /** Docs matching every requirement; their summed per-requirement best scores are left in `acc`. */
  private intersect(requirements: Requirement[]): Int32Array {
    const data = this.data;
    const count = this.count;
    const acc = this.acc;
    const best = this.best;
    const hit = this.hit;
    // Each doc is touched at most once per requirement: buffers of the archive's size, kept between queries (a
    // one-letter query touches most of the archive, and growing arrays of that size cost more than the work).
    if (this.firstTouched.length < data.docCount) {
      this.firstTouched = new Int32Array(this.count.length);
      this.laterTouched = new Int32Array(this.count.length);
    }
    const all = this.firstTouched;
    let allCount = 0;
    let processed = 0;
    for (let r = 0; r < requirements.length; r++) {
      const req = requirements[r]!;
      const touched = r === 0 ? all : this.laterTouched;
      let touchedCount = 0;
      const reqHit = this.reqHitOf(r);
      processed = r + 1;
      for (const term of req.terms) {
        const q = term.quality;
        if (req.fields & F_META) {
          const n = this.decodeList(data.meta, term.id, true);
          const docs = this.listDocs;
          const lows = this.listLows;
          for (let k = 0; k < n; k++) {
            const d = docs[k]!;
            if (count[d] !== r) continue;
            const m = lows[k]! & req.fields;
            if (m === 0) continue;
            const s = q * META_WEIGHT[m]!;
            reqHit[d]! |= m;
            if (best[d] === 0) touched[touchedCount++] = d;
            if (s > best[d]!) best[d] = s;
          }
        }
        if (req.fields & F_TEXT) {
          const s = q * TEXT_WEIGHT;
          const n = this.decodeList(data.text, term.id, false);
          const docs = this.listDocs;
          for (let k = 0; k < n; k++) {
            const d = docs[k]!;
            if (count[d] !== r) continue;
            reqHit[d]! |= F_TEXT;
            if (best[d] === 0) touched[touchedCount++] = d;
            if (s > best[d]!) best[d] = s;
          }
        }
      }
      for (let i = 0; i < touchedCount; i++) {
        const d = touched[i]!;
        acc[d]! += best[d]!;
        best[d] = 0;
        count[d] = r + 1;
        hit[d]! |= reqHit[d]!;
      }
      if (r === 0) allCount = touchedCount;
      if (touchedCount === 0) break;
    }
    this.reqHitsUsed = processed;
    const n = requirements.length;
    if (processed === n && n === 1) return all.subarray(0, allCount);
    // Docs that fell out part-way still carry counts: reset them now, the caller resets those kept (in order).
    let kept = 0;
    for (let i = 0; i < allCount; i++) {
      const d = all[i]!;
      if (count[d] === n) all[kept++] = d;
      else this.clearDoc(d);
    }
    return all.subarray(0, kept);
  }

  /** A buffer for up to `n` doc numbers, kept between queries (apart from the ones intersect uses). */
  private scratchDocs(n: number): Int32Array {
    if (this.keptDocs.length < n) this.keptDocs = new Int32Array(Math.max(n, this.count.length));
    return this.keptDocs;
  }

  /** Per requirement, the fields where each doc matched it: a phrase can only be where all its words are. */
  private reqHitOf(r: number): Uint8Array {
    let a = this.reqHits[r];
    if (a === undefined || a.length < this.count.length) {
      a = new Uint8Array(this.count.length);
      this.reqHits[r] = a;
    }
    return a;
  }

  /** Resets a doc's per-query scratch. */
  private clearDoc(d: number): void {
    this.count[d] = 0;
    this.acc[d] = 0;
    this.hit[d] = 0;
    for (let r = 0; r < this.reqHitsUsed; r++) this.reqHits[r]![d] = 0;
  }

  /** Resets the per-query scratch of `docs`: doc by doc, or the whole arrays when they are a good part of them. */
  private clearDocs(docs: Int32Array): void {
    const size = this.data.docCount;
    if (docs.length * 8 < size) {
      for (let i = 0; i < docs.length; i++) this.clearDoc(docs[i]!);
      return;
    }
    this.count.fill(0, 0, size);
    this.acc.fill(0, 0, size);
    this.hit.fill(0, 0, size);
    for (let r = 0; r < this.reqHitsUsed; r++) this.reqHits[r]!.fill(0, 0, size);
  }

  /** Decodes one posting list into `listDocs` (and `listLows`); returns its length. */
  private decodeList(pool: PostingPool, list: number, withLow3: boolean): number {
    const need = pool.count[list] ?? 0;
    if (this.listDocs.length < need) {
      const size = Math.max(need, this.listDocs.length * 2);
      this.listDocs = new Int32Array(size);
      this.listLows = new Uint8Array(size);
    }
    return pool.decode(list, withLow3, this.listDocs, this.listLows);
  }

  private prepareScratch(): void {
    const n = this.data.docCount;
    if (this.count.length < n) {
      const size = Math.max(n, this.count.length * 2, 1024);
      this.count = new Uint8Array(size);
      this.acc = new Float32Array(size);
      this.best = new Float32Array(size);
      this.excluded = new Int32Array(size);
      this.hit = new Uint8Array(size);
    }
    const terms = this.data.vocab.size;
    if (this.termMark.length < terms) {
      const mark = new Int32Array(Math.max(terms, this.termMark.length * 2, 1024));
      mark.set(this.termMark);
      this.termMark = mark;
    }
  }

  /** Turns the parsed query into requirements on terms; null when a required word cannot match anything. */
  private plan(parsed: ParsedQuery): {
    requirements: Requirement[];
    phrases: PhraseCheck[];
    negativePhrases: PhraseCheck[];
    excludedTerms: number[];
  } | null {
    const vocab = this.data.vocab;
    const requirements: Requirement[] = [];
    const phrases: PhraseCheck[] = [];
    const negativePhrases: PhraseCheck[] = [];
    const excludedTerms: number[] = [];
    const seen = new Set<string>();
    const require = (token: string, fields: number, loose: boolean, prefix = false): void => {
      const key = `${fields}:${loose ? '~' : '='}${prefix ? '*' : ''}${token}`;
      if (seen.has(key) || requirements.length >= MAX_REQUIREMENTS) return;
      seen.add(key);
      requirements.push({ token, fields, terms: this.expand(token, loose, prefix) });
    };
    const tokensOf = (text: string): string[] => {
      const out: string[] = [];
      forEachToken(fold(text), (t) => out.push(t));
      return out;
    };
    // Only the last word is still being typed: it alone also stands for the words it starts. The index keeps no
    // per-field postings for the article text, so rules' `title:`/`content:` words search every field here.
    const words = [...parsed.words, ...(parsed.titles ?? []), ...(parsed.contents ?? [])];
    const lastWord = words.length - 1;
    words.forEach((word, w) => {
      const tokens = tokensOf(word);
      tokens.forEach((t, k) => require(t, F_ALL, true, w === lastWord && k === tokens.length - 1));
      // "e-mail" or a CJK run: its pieces must stay together.
      if (tokens.length > 1) phrases.push(phraseCheck(tokens, F_ALL));
    });
    for (const phrase of parsed.phrases) {
      const tokens = tokensOf(phrase);
      for (const t of tokens) require(t, F_ALL, false);
      if (tokens.length > 1) phrases.push(phraseCheck(tokens, F_ALL));
    }
    for (const author of parsed.authors) {
      const tokens = tokensOf(author);
      for (const t of tokens) require(t, F_AUTHOR, true, true);
      if (tokens.length > 1) phrases.push(phraseCheck(tokens, F_AUTHOR));
    }
    for (const ex of parsed.excluded) {
      const tokens = tokensOf(ex);
      if (tokens.length === 1) {
        const id = vocab.idOf(tokens[0]!);
        if (id !== undefined) excludedTerms.push(id);
      } else if (tokens.length > 1) {
        negativePhrases.push(phraseCheck(tokens, F_ALL));
      }
    }
    if (requirements.some((r) => r.terms.length === 0)) return null;
    // Cheapest lists first: later requirements only update docs that survived the earlier ones.
    const cost = (r: Requirement): number =>
      r.terms.reduce((sum, t) => sum + (this.data.meta.count[t.id] ?? 0) + (this.data.text.count[t.id] ?? 0), 0);
    requirements.sort((a, b) => cost(a) - cost(b));
    for (const p of phrases) {
      p.reqs = [];
      for (const t of p.tokens) {
        const r = requirements.findIndex((q) => q.token === t && (q.fields & p.fields) === p.fields);
        if (r >= 0) p.reqs.push(r);
      }
    }
    return { requirements, phrases, negativePhrases, excludedTerms };
  }

  /** The vocabulary terms a query token stands for: itself, words it starts (as-you-type), near-misses. */
  private expand(token: string, loose: boolean, prefix: boolean): { id: number; quality: number }[] {
    const vocab = this.data.vocab;
    const out: { id: number; quality: number }[] = [];
    const exact = vocab.idOf(token);
    if (exact !== undefined) out.push({ id: exact, quality: QUALITY_EXACT });
    if (!loose) return out;
    const df = (id: number): number => (this.data.meta.count[id] ?? 0) + (this.data.text.count[id] ?? 0);
    if (prefix) {
      // Short prefixes match thousands of words: keep the most common few so a 1-letter query stays cheap.
      const prefixCap = [0, 6, 10, 16][token.length] ?? 24;
      const prefixed = vocab.withPrefix(token, 20000).filter((id) => id !== exact);
      prefixed.sort((a, b) => df(b) - df(a));
      // Every expansion is a posting list to walk: past a budget, skip the most common ones (a short prefix
      // of common words would otherwise walk most of the archive several times).
      let budget = PREFIX_POSTINGS_BUDGET;
      let taken = 0;
      for (const id of prefixed) {
        if (taken >= prefixCap) break;
        const cost = df(id);
        if (cost > budget && taken > 0) continue;
        budget -= cost;
        taken++;
        out.push({ id, quality: QUALITY_PREFIX });
      }
    }
    const cp = token.codePointAt(0) ?? 0;
    // A word the archive knows well is taken as typed; near-misses are for words it barely knows.
    const known = exact !== undefined && df(exact) > 2;
    if (!known && token.length >= 4 && cp < 0x2e80) {
      const near = vocab.similar(token, token.length >= 8 ? 2 : 1);
      near.sort((a, b) => a.edits - b.edits || df(b.id) - df(a.id));
      for (const n of near.slice(0, 16)) out.push({ id: n.id, quality: QUALITY_TYPO - 0.1 * (n.edits - 1) });
    }
    return out;
  }

  /** Decodes a doc's body into `this.seq`; returns its length. */
  private decodeTokens(d: number): number {
    const data = this.data;
    const start = data.textStart[d]!;
    const end = data.textEnd[d]!;
    if (this.seq.length < end - start) this.seq = new Int32Array(Math.max(end - start, this.seq.length * 2));
    const out = this.seq;
    let n = 0;
    let v = 0;
    let shift = 0;
    for (let i = start; i < end; i++) {
      const b = data.tokens[i]!;
      v |= (b & 127) << shift;
      if (b >= 128) {
        shift += 7;
        continue;
      }
      out[n++] = v;
      v = 0;
      shift = 0;
    }
    return n;
  }

  private hasPhrase(d: number, phrase: PhraseCheck, onlyMatchedFields: boolean): boolean {
    const encoded = this.encodePhrase(phrase);
    if (encoded === null) return false;
    // A wanted phrase can only be where the index saw its words; an excluded one may be anywhere.
    let where = phrase.fields & (onlyMatchedFields ? this.hit[d]! : F_ALL);
    if (onlyMatchedFields) for (const r of phrase.reqs ?? []) where &= this.reqHits[r]![d]!;
    const data = this.data;
    // The body first: it is a byte search over stored ids, cheaper than tokenizing a summary.
    if (where & F_TEXT && containsBytes(data.tokens, data.textStart[d]!, data.textEnd[d]!, encoded.bytes)) return true;
    if (where & F_TITLE && this.fieldHasRun(data.titles.get(d), encoded.ids)) return true;
    if (where & F_AUTHOR && this.fieldHasRun(data.authors.get(d), encoded.ids)) return true;
    return (where & F_SUMMARY) !== 0 && this.fieldHasRun(data.summaries.get(d), encoded.ids);
  }

  /** The phrase's term ids and their varint bytes as stored in `tokens`; null when a word is not known. */
  private encodePhrase(phrase: PhraseCheck): { ids: number[]; bytes: Uint8Array } | null {
    if (phrase.encoded !== undefined) return phrase.encoded;
    const vocab = this.data.vocab;
    const ids: number[] = [];
    const bytes: number[] = [];
    for (const t of phrase.tokens) {
      const id = vocab.idOf(t);
      if (id === undefined) return (phrase.encoded = null);
      ids.push(id);
      let v = id;
      while (v >= 128) {
        bytes.push((v & 127) | 128);
        v >>>= 7;
      }
      bytes.push(v);
    }
    return (phrase.encoded = { ids, bytes: Uint8Array.from(bytes) });
  }

  private fieldHasRun(value: string, ids: number[]): boolean {
    if (value === '') return false;
    const n = this.scanner.scan(value, false);
    return containsRun(this.scanner.ids, n, ids);
  }

  /**
   * A few words of body text around the first matches, for fuse to rank on: ranking on 800 words would be
   * slow and would drown the title's weight, while a body-only match must still count.
   */
  private textWindow(d: number, stamp: number): string {
    const n = this.decodeTokens(d);
    const seq = this.seq;
    const terms = this.data.vocab.terms;
    const parts: string[] = [];
    let lastEnd = -1;
    let windows = 0;
    for (let i = 0; i < n && windows < 3; i++) {
      if (this.termMark[seq[i]!] !== stamp) continue;
      const from = Math.max(i - 6, lastEnd + 1);
      const to = Math.min(n, i + 7);
      if (from > lastEnd + 1 && parts.length > 0) parts.push('…');
      for (let k = from; k < to; k++) parts.push(terms[seq[k]!]!);
      lastEnd = to - 1;
      i = lastEnd;
      windows++;
    }
    return parts.join(' ');
  }
}

/**
 * Whether `pattern` (a run of whole varints) occurs in bytes[start, end) at a token boundary. Varints are
 * self-delimiting, so a byte match that starts where a token starts is exactly a match of the id run;
 * native indexOf jumps to each candidate first byte.
 */
function containsBytes(all: Uint8Array, start: number, end: number, pattern: Uint8Array): boolean {
  // A view, so indexOf stops at this doc's end instead of running on through the archive.
  const bytes = all.subarray(start, end);
  const first = pattern[0]!;
  const len = pattern.length;
  for (let at = bytes.indexOf(first); at !== -1 && at + len <= bytes.length; at = bytes.indexOf(first, at + 1)) {
    if (at > 0 && bytes[at - 1]! >= 128) continue;
    let k = 1;
    while (k < len && bytes[at + k] === pattern[k]) k++;
    if (k === len) return true;
  }
  return false;
}

function containsRun(seq: ArrayLike<number>, length: number, run: number[]): boolean {
  const first = run[0]!;
  outer: for (let i = 0; i + run.length <= length; i++) {
    if (seq[i] !== first) continue;
    for (let k = 0; k < run.length; k++) if (seq[i + k] !== run[k]) continue outer;
    return true;
  }
  return false;
}

/** The k docs with the highest score (`scores` by position), best first, without sorting everything. */
function topK(docs: ArrayLike<number>, scores: Float64Array, k: number): number[] {
  const byScore = (a: number, b: number): number => scores[b]! - scores[a]!;
  if (docs.length <= k) {
    return Array.from(scores.keys())
      .sort(byScore)
      .map((i) => docs[i]!);
  }
  const heapD = new Int32Array(k);
  const heapS = new Float64Array(k);
  let size = 0;
  const siftDown = (i: number): void => {
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let m = i;
      if (l < size && heapS[l]! < heapS[m]!) m = l;
      if (r < size && heapS[r]! < heapS[m]!) m = r;
      if (m === i) return;
      [heapS[i], heapS[m]] = [heapS[m]!, heapS[i]!];
      [heapD[i], heapD[m]] = [heapD[m]!, heapD[i]!];
      i = m;
    }
  };
  for (let idx = 0; idx < docs.length; idx++) {
    const s = scores[idx]!;
    const d = idx;
    if (size < k) {
      let i = size++;
      heapS[i] = s;
      heapD[i] = d;
      while (i > 0) {
        const p = (i - 1) >> 1;
        if (heapS[p]! <= heapS[i]!) break;
        [heapS[i], heapS[p]] = [heapS[p]!, heapS[i]!];
        [heapD[i], heapD[p]] = [heapD[p]!, heapD[i]!];
        i = p;
      }
    } else if (s > heapS[0]!) {
      heapS[0] = s;
      heapD[0] = d;
      siftDown(0);
    }
  }
  return Array.from(heapD.subarray(0, size))
    .sort(byScore)
    .map((i) => docs[i]!);
}
