/**
 * Search at archive scale: 100,000 generated articles (title ~8 words, summary ~40, text ~800, from a
 * 30,000-word vocabulary with Zipf frequencies, fixed seed). Prints build time, memory, snapshot size and load
 * time, and p50/p95 latency per query kind, next to plain fuse.js over title + summary on the same data.
 * Run: `node --expose-gc --import tsx bench/search.ts` (or `npx tsx bench/search.ts`, without the gc figures).
 * BENCH_SEARCH_DOCS=20000 runs a smaller archive; BENCH_SEARCH_BODY_TOKENS=200 keeps fewer body words per doc;
 * BENCH_SEARCH_SKIP=fuse,load,add skips those parts (handy while profiling one stage).
 */
import Fuse from 'fuse.js';
import { createSearchIndex, loadSearchIndex, serializeSearchIndex, type SearchDoc, type SearchIndex } from '../shared/search';
import { mulberry32 } from '../tests/support/random';

const DOCS = Number(process.env.BENCH_SEARCH_DOCS ?? 100_000);
/** Body words kept per doc (SearchIndexOptions.bodyTokens); default all. */
const BODY_TOKENS = process.env.BENCH_SEARCH_BODY_TOKENS ? Number(process.env.BENCH_SEARCH_BODY_TOKENS) : undefined;
const SKIP = new Set((process.env.BENCH_SEARCH_SKIP ?? '').split(',').map((s) => s.trim()));
const VOCAB = 30_000;
const QUERIES_PER_KIND = 50;
const FUSE_QUERIES = 5;
const BATCH = 1000;
const DAY = 86_400_000;
const NEWEST = Date.UTC(2025, 0, 1);

const SYLLABLES = 'ka ri to me sa lu no vi de ra pe mo ti na ga lo be su ke mi ta ro fa ne zu chi ko la ve ru'.split(' ');
const ACCENTED: { [c: string]: string } = { e: 'é', a: 'à', o: 'ö', u: 'ü' };

function makeVocabulary(random: () => number): string[] {
  const words = new Set<string>();
  while (words.size < VOCAB) {
    const n = 1 + Math.floor(random() * 4);
    let w = '';
    for (let i = 0; i < n; i++) w += SYLLABLES[Math.floor(random() * SYLLABLES.length)];
    if (random() < 0.3) w += 'nst'[Math.floor(random() * 3)];
    if (random() < 0.02) w = w.replace(/[aeou]/, (c) => ACCENTED[c] ?? c);
    words.add(w);
  }
  return [...words];
}

/** Inverse-CDF table of a Zipf(1) distribution: one lookup per generated word. */
function zipfTable(size: number): Uint16Array {
  const table = new Uint16Array(1 << 20);
  let total = 0;
  for (let r = 1; r <= size; r++) total += 1 / r;
  let cum = 0;
  let rank = 0;
  for (let i = 0; i < table.length; i++) {
    const target = ((i + 0.5) / table.length) * total;
    while (cum + 1 / (rank + 1) < target && rank < size - 1) {
      cum += 1 / (rank + 1);
      rank++;
    }
    table[i] = rank;
  }
  return table;
}

export function corpusForProfile(): Corpus {
  return new Corpus(7);
}

export class Corpus {
  readonly vocab: string[];
  private readonly zipf: Uint16Array;
  constructor(seed: number) {
    this.vocab = makeVocabulary(mulberry32(seed));
    this.zipf = zipfTable(VOCAB);
  }
  private words(random: () => number, n: number, capitalise: boolean): string {
    const out = new Array<string>(n);
    for (let i = 0; i < n; i++) out[i] = this.vocab[this.zipf[Math.floor(random() * this.zipf.length)]!]!;
    if (capitalise && out[0]) out[0] = out[0][0]!.toUpperCase() + out[0].slice(1);
    return out.join(' ');
  }
  /** Doc i is a pure function of i, so queries can be drawn from docs without keeping them. */
  doc(i: number): SearchDoc {
    const random = mulberry32(1_000_003 * (i + 1));
    const sentences: string[] = [];
    let words = 0;
    while (words < 800) {
      const n = 8 + Math.floor(random() * 16);
      sentences.push(`${this.words(random, n, true)}.`);
      words += n;
    }
    return {
      id: `a${i}`,
      feedId: `f${i % 500}`,
      title: this.words(random, 6 + Math.floor(random() * 5), true),
      author: `${this.words(random, 2, true)}`,
      summary: this.words(random, 40, true),
      text: sentences.join(' '),
      published: NEWEST - Math.floor(random() * 3 * 365) * DAY,
    };
  }
}

/** CPU time of this process since `from`: on a shared machine it moves far less than wall time. */
function cpuMs(from: NodeJS.CpuUsage): number {
  const u = process.cpuUsage(from);
  return (u.user + u.system) / 1000;
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

function stats(ms: number[]): { p50: number; p95: number } {
  const s = [...ms].sort((a, b) => a - b);
  return { p50: percentile(s, 50), p95: percentile(s, 95) };
}

function gc(): boolean {
  const g = (globalThis as { gc?: () => void }).gc;
  if (!g) return false;
  g();
  g();
  return true;
}

function mb(bytes: number): string {
  return `${(bytes / 1048576).toFixed(1)} MB`;
}

export function makeQueries(corpus: Corpus): { [kind: string]: string[] } {
  const random = mulberry32(42);
  const pickDoc = (): SearchDoc => corpus.doc(Math.floor(random() * DOCS));
  const wordsOf = (s: string): string[] => s.toLowerCase().split(/[^\p{L}]+/u).filter(Boolean);
  const midWord = (): string => corpus.vocab[50 + Math.floor(random() * 5000)]!;
  const kinds: { [kind: string]: string[] } = { 'one word': [], 'two words': [], "typo'd": [], '3-letter prefix': [], phrase: [] };
  for (let q = 0; q < QUERIES_PER_KIND; q++) {
    kinds['one word']!.push(midWord());
    const title = wordsOf(pickDoc().title);
    kinds['two words']!.push(`${title[0]} ${title[title.length - 1]}`);
    let long = midWord();
    while (long.length < 6) long = midWord();
    const k = 1 + Math.floor(random() * (long.length - 3));
    kinds["typo'd"]!.push(long.slice(0, k) + long[k + 1] + long[k] + long.slice(k + 2));
    kinds['3-letter prefix']!.push(midWord().slice(0, 3));
    const text = wordsOf(pickDoc().text ?? '');
    const at = Math.floor(random() * (text.length - 2));
    kinds.phrase!.push(`"${text[at]} ${text[at + 1]}"`);
  }
  return kinds;
}

function timeQueries(index: SearchIndex, queries: string[]): { p50: number; p95: number; cpu: { p50: number; p95: number }; hits: number } {
  for (const q of queries.slice(0, 5)) index.search(q, { limit: 50 });
  const times: number[] = [];
  const cpus: number[] = [];
  let hits = 0;
  for (const q of queries) {
    const cpu = process.cpuUsage();
    const t = performance.now();
    hits += index.search(q, { limit: 50 }).length;
    times.push(performance.now() - t);
    cpus.push(cpuMs(cpu));
  }
  return { ...stats(times), cpu: stats(cpus), hits: hits / queries.length };
}

export async function run(): Promise<void> {
  const corpus = new Corpus(7);
  console.log(`search bench: ${DOCS.toLocaleString('en')} articles (title ~8, summary ~40, text ~800 words; ${VOCAB.toLocaleString('en')}-word Zipf vocabulary, seed 7)`);
  const hasGc = gc();
  const base = process.memoryUsage();

  // One build only: at 100,000 articles it is the expensive part and the machine is shared.
  console.log(`  body words kept per doc for phrases/windows: ${BODY_TOKENS ?? 'all'}`);
  let index: SearchIndex | null = createSearchIndex({ bodyTokens: BODY_TOKENS });
  let buildMs = 0;
  let buildCpuMs = 0;
  let genMs = 0;
  for (let start = 0; start < DOCS; start += BATCH) {
    const g = performance.now();
    const batch: SearchDoc[] = [];
    for (let i = start; i < Math.min(DOCS, start + BATCH); i++) batch.push(corpus.doc(i));
    const t = performance.now();
    genMs += t - g;
    const cpu = process.cpuUsage();
    index.add(batch);
    buildMs += performance.now() - t;
    buildCpuMs += cpuMs(cpu);
  }
  console.log(`  build (index.add, generation excluded): ${(buildMs / 1000).toFixed(2)} s wall, ${(buildCpuMs / 1000).toFixed(2)} s CPU  [generating the text took ${(genMs / 1000).toFixed(2)} s]`);
  if (hasGc) {
    gc();
    const m = process.memoryUsage();
    const heap = m.heapUsed - base.heapUsed;
    const buffers = m.arrayBuffers - base.arrayBuffers;
    console.log(`  memory after gc: JS heap +${mb(heap)}, typed arrays +${mb(buffers)}, total ${mb(heap + buffers)}`);
  } else {
    console.log('  memory: run with node --expose-gc for figures after gc');
  }

  let searched: SearchIndex;
  if (SKIP.has('load')) {
    searched = index;
  } else {
    const snapT = performance.now();
    const bytes = serializeSearchIndex(index);
    // Dropped before loading, so the loaded index's memory is measured alone.
    index = null;
    console.log(`  snapshot: ${mb(bytes.byteLength)} in ${(performance.now() - snapT).toFixed(0)} ms`);
    const loads: number[] = [];
    const loadCpus: number[] = [];
    let loaded: SearchIndex | null = null;
    for (let r = 0; r < 6; r++) {
      loaded = null;
      gc();
      const cpu = process.cpuUsage();
      const t = performance.now();
      loaded = loadSearchIndex(bytes);
      if (r > 0) {
        loads.push(performance.now() - t);
        loadCpus.push(cpuMs(cpu));
      }
    }
    console.log(`  load: median ${stats(loads).p50.toFixed(0)} ms wall, ${stats(loadCpus).p50.toFixed(0)} ms CPU, of ${loads.length} after a warm-up`);
    if (hasGc) {
      gc();
      const m = process.memoryUsage();
      const heap = m.heapUsed - base.heapUsed;
      const buffers = m.arrayBuffers - base.arrayBuffers - bytes.byteLength;
      console.log(`  memory of the loaded index (the start-up state) after gc: JS heap +${mb(heap)}, typed arrays +${mb(buffers)}, total ${mb(heap + buffers)}`);
    }
    searched = loaded!;
  }

  const adds: number[] = [];
  for (let r = 0; r < (SKIP.has('add') ? 0 : 6); r++) {
    const batch: SearchDoc[] = [];
    for (let i = 0; i < 100; i++) batch.push(corpus.doc(DOCS + r * 100 + i));
    const t = performance.now();
    searched.add(batch);
    if (r > 0) adds.push(performance.now() - t);
  }
  if (adds.length > 0) console.log(`  incremental add of a 100-article sync batch to the loaded index: median ${stats(adds).p50.toFixed(0)} ms of ${adds.length}`);

  const queries = makeQueries(corpus);
  console.log(`  query latency, limit 50, ${QUERIES_PER_KIND} queries per kind (after 5 warm-up):`);
  let oneWordP50 = 0;
  for (const [kind, list] of Object.entries(queries)) {
    const s = timeQueries(searched, list);
    if (kind === 'one word') oneWordP50 = s.p50;
    console.log(
      `    ${kind.padEnd(16)} p50 ${s.p50.toFixed(2).padStart(6)} ms  p95 ${s.p95.toFixed(2).padStart(6)} ms` +
        `  (CPU p50 ${s.cpu.p50.toFixed(2).padStart(6)} ms, p95 ${s.cpu.p95.toFixed(2).padStart(6)} ms; avg ${s.hits.toFixed(0)} hits)`,
    );
  }

  if (SKIP.has('fuse')) return;
  // Plain fuse.js over title + summary, the approach the index replaces.
  const records: { title: string; summary: string }[] = [];
  for (let i = 0; i < DOCS; i++) {
    const d = corpus.doc(i);
    records.push({ title: d.title, summary: d.summary ?? '' });
  }
  const fuseT = performance.now();
  const fuse = new Fuse(records, { keys: [{ name: 'title', weight: 2 }, 'summary'], ignoreLocation: true, threshold: 0.4 });
  const fuseBuild = performance.now() - fuseT;
  fuse.search(queries['one word']![0]!, { limit: 50 });
  const fuseTimes: number[] = [];
  for (const q of queries['one word']!.slice(1, 1 + FUSE_QUERIES)) {
    const t = performance.now();
    fuse.search(q, { limit: 50 });
    fuseTimes.push(performance.now() - t);
  }
  const f = stats(fuseTimes);
  console.log(`  plain fuse.js, title + summary only: index ${fuseBuild.toFixed(0)} ms; one word p50 ${f.p50.toFixed(0)} ms, max ${Math.max(...fuseTimes).toFixed(0)} ms over ${FUSE_QUERIES} queries`);
  console.log(`  ratio (one word, p50): inverted index + fuse is ${(f.p50 / oneWordP50).toFixed(0)}× faster, and it searches the full text too`);
}

if (import.meta.url === `file://${process.argv[1]}`) void run();
