/**
 * The ranking stage: fuse.js orders the few hundred candidates the inverted index found, with field weights
 * title > author > summary > body, plus a small recency boost that settles ties. Body text is represented by
 * a window of words around its matches (see search-index.ts) so ranking stays fast.
 */
import Fuse, { type Expression, type FuseResult } from 'fuse.js';
import { foldWithMap, unfoldRange, type FoldedText } from './normalize';
import { F_AUTHOR, F_SUMMARY, F_TEXT, F_TITLE, type PhraseCheck, type Requirement } from './plan';
import type { SearchHit } from './types';

const NONE: FoldedText = { folded: '' };
const RECENCY_WEIGHT = 0.05;
/** Candidates fuse rejects (e.g. a typo it judges too far) still matched the index: keep them, below. */
const FALLBACK_WEIGHT = 0.2;

export interface RankDoc {
  id: string;
  title: string;
  author: string;
  summary: string;
  textWindow: () => string;
  /** 0..1, 1 for the newest doc in the index. */
  recency: number;
  /** The index's own 0..1 estimate, used for docs fuse does not return. */
  prelim: number;
  /** Fields (F_* bits of plan.ts) where the index found a match; fuse reads only those and the title. */
  fields: number;
}

export interface RankInput {
  requirements: Requirement[];
  phrases: PhraseCheck[];
  docs: RankDoc[];
  limit: number;
}

interface Record {
  t: string;
  a: string;
  s: string;
  x: string;
}

const KEYS = [
  { name: 't', weight: 4 },
  { name: 'a', weight: 2 },
  { name: 's', weight: 1.5 },
  { name: 'x', weight: 1 },
];
const FIELD_OF_KEY: { [key: string]: string | undefined } = { t: 'title', a: 'author', s: 'summary' };

function keysFor(fields: number): string[] {
  const out: string[] = [];
  if (fields & F_TITLE) out.push('t');
  if (fields & F_AUTHOR) out.push('a');
  if (fields & F_SUMMARY) out.push('s');
  if (fields & F_TEXT) out.push('x');
  return out;
}

export function rankCandidates(input: RankInput): SearchHit[] {
  const { docs, requirements, phrases } = input;
  const folded: { t: FoldedText; a: FoldedText; s: FoldedText }[] = [];
  const records: Record[] = docs.map((doc) => {
    const f = {
      t: foldWithMap(doc.title),
      a: doc.fields & F_AUTHOR ? foldWithMap(doc.author) : NONE,
      s: doc.fields & F_SUMMARY ? foldWithMap(doc.summary) : NONE,
    };
    folded.push(f);
    return { t: f.t.folded, a: f.a.folded, s: f.s.folded, x: doc.fields & F_TEXT ? doc.textWindow() : '' };
  });
  const patterns: Expression[] = [];
  for (const r of requirements) {
    patterns.push({ $or: keysFor(r.fields).map((k) => ({ [k]: r.token.slice(0, 32) })) });
  }
  for (const p of phrases) {
    const text = p.tokens.join(' ');
    if (text.length <= 32) patterns.push({ $or: keysFor(p.fields).map((k) => ({ [k]: text })) });
  }
  const shortest = Math.min(...requirements.map((r) => r.token.length));
  const fuse = new Fuse(records, {
    keys: KEYS,
    includeScore: true,
    includeMatches: true,
    ignoreLocation: true,
    threshold: 0.4,
    minMatchCharLength: Math.min(2, shortest),
  });
  const results: FuseResult<Record>[] = fuse.search({ $and: patterns });
  const hits: SearchHit[] = [];
  const ranked = new Set<number>();
  for (const result of results) {
    const i = result.refIndex;
    const doc = docs[i]!;
    ranked.add(i);
    const relevance = 1 - Math.min(1, Math.max(0, result.score ?? 1));
    hits.push({
      id: doc.id,
      score: relevance + RECENCY_WEIGHT * doc.recency,
      matches: toMatches(result, doc, folded[i]!),
    });
  }
  docs.forEach((doc, i) => {
    if (!ranked.has(i)) hits.push({ id: doc.id, score: FALLBACK_WEIGHT * doc.prelim + RECENCY_WEIGHT * doc.recency });
  });
  hits.sort((a, b) => b.score - a.score);
  return hits.slice(0, input.limit);
}

function toMatches(
  result: FuseResult<Record>,
  doc: RankDoc,
  folded: { t: FoldedText; a: FoldedText; s: FoldedText },
): SearchHit['matches'] {
  const byField = new Map<string, [number, number][]>();
  for (const m of result.matches ?? []) {
    const key = m.key as 't' | 'a' | 's' | 'x' | undefined;
    if (key === undefined || key === 'x') continue;
    const field = FIELD_OF_KEY[key];
    if (field === undefined) continue;
    const original = key === 't' ? doc.title : key === 'a' ? doc.author : doc.summary;
    const ranges = byField.get(field) ?? [];
    for (const [s, e] of m.indices) ranges.push(unfoldRange(folded[key], s, e, original.length));
    byField.set(field, ranges);
  }
  const out: { field: string; ranges: [number, number][] }[] = [];
  for (const [field, ranges] of byField) {
    ranges.sort((a, b) => a[0] - b[0]);
    out.push({ field, ranges: mergeRanges(ranges) });
  }
  return out.length > 0 ? out : undefined;
}

function mergeRanges(ranges: [number, number][]): [number, number][] {
  const out: [number, number][] = [];
  for (const r of ranges) {
    const last = out[out.length - 1];
    if (last && r[0] <= last[1] + 1) last[1] = Math.max(last[1], r[1]);
    else out.push([r[0], r[1]]);
  }
  return out;
}
