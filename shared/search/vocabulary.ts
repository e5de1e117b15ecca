/**
 * The set of distinct tokens, each with a dense id. Two lookups serve as-you-type search without scanning it:
 * - prefixes: binary search over a sorted copy (new terms wait in a small unsorted tail, merged in batches);
 * - typos: a trigram index over the terms ("$electron$" → "$el", "ele", …); a term within k edits of the
 *   query shares all but at most 3k of its trigrams, so counting shared trigrams over a few posting lists
 *   finds the few terms worth an exact edit-distance check.
 */

const MERGE_TAIL_AT = 2048;

export class Vocabulary {
  private readonly ids = new Map<string, number>();
  readonly terms: string[] = [];
  private sorted: string[] = [];
  private sortedIds: number[] = [];
  private tail: number[] = [];
  private readonly grams = new Map<string, number[]>();
  private shared = new Uint16Array(1024);

  get size(): number {
    return this.terms.length;
  }

  idOf(term: string): number | undefined {
    return this.ids.get(term);
  }

  intern(term: string): number {
    const known = this.ids.get(term);
    if (known !== undefined) return known;
    const id = this.terms.length;
    this.terms.push(term);
    this.ids.set(term, id);
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
    const need = Math.max(1, grams.length - 3 * maxEdits);
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

function trigrams(term: string): string[] {
  const padded = `$${term}$`;
  const out: string[] = [];
  for (let i = 0; i + 3 <= padded.length; i++) out.push(padded.slice(i, i + 3));
  return out;
}

function addGram(grams: Map<string, number[]>, g: string, id: number): void {
  const list = grams.get(g);
  if (list === undefined) grams.set(g, [id]);
  else if (list[list.length - 1] !== id) list.push(id);
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
