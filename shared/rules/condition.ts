/**
 * A rule's condition: the search query language (shared/search/query.ts) matched against ONE article, in memory.
 * The search index matches loosely (typos, word starts) because people type half-remembered words; a rule acts
 * without asking, so here a word matches a whole word, folded the same way the index folds it (case and accents
 * ignored), and every part of the condition must hold:
 * - `word`: in the title, author, summary or text; `"a phrase"`: its words in a row in one of them;
 * - `-word`, `-"phrase"`: in none of them; `author:`, `title:`, `content:` (summary or text): in that field;
 * - `feed:name`, `folder:name`: the feed's or folder's title contains it; `before:`/`after:` on the publish date;
 * - `/pattern/` (`title:/…/`, `content:/…/`, `author:/…/`): a guarded regular expression (pattern.ts), `-/…/` negates.
 * `is:` words say nothing about an article that has just arrived, so a rule ignores them.
 */
import { fold, forEachToken } from '../search/normalize';
import { parseSearchQuery, type PatternField } from '../search/query';
import { compilePattern, type GuardedPattern } from './pattern';

/** What a condition reads of an article; `text` (the article body as plain text) is read only when needed. */
export interface MatchInput {
  title: string;
  author: string;
  summary: string;
  text: () => string;
  feedTitle: string;
  folderTitle: string;
  /** Epoch ms, or null when the feed gave no date. */
  published: number | null;
}

export interface CompiledCondition {
  /** The condition as typed. */
  source: string;
  /** True for an empty condition: every article of the scope matches. */
  matchesAll: boolean;
  /** Whether matching reads the article body (costly: callers strip its HTML only then). */
  readsText: boolean;
  matches(article: MatchInput, cache?: FieldCache): boolean;
}

export type ConditionResult = { ok: true; condition: CompiledCondition } | { ok: false; error: string };

type Field = 'title' | 'author' | 'summary' | 'text';
const ALL_FIELDS: readonly Field[] = ['title', 'author', 'summary', 'text'];
const CONTENT_FIELDS: readonly Field[] = ['summary', 'text'];

const WORD_CHAR = '[\\p{L}\\p{N}]';
const NOT_WORD = '[^\\p{L}\\p{N}]';
const CJK = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]/u;

/**
 * A word or phrase as a test on folded text: its tokens (as the search index cuts them), whole, in a row, with
 * anything but letters and digits between them. A regular expression with a literal start lets V8 skip through the
 * text instead of cutting it into tokens first (measured: tokenising a 2 KB body costs more than fifty such
 * searches). Han, Hiragana and Katakana runs have no word boundaries, so those needles are found as substrings.
 */
function needle(text: string): ((folded: string) => boolean) | null {
  const tokens: string[] = [];
  forEachToken(fold(text), (t) => tokens.push(t));
  if (tokens.length === 0) return null;
  if (tokens.some((t) => CJK.test(t))) {
    const joined = fold(text).replace(/[^\p{L}\p{N}]+/gu, '');
    return (folded) => folded.replace(/[^\p{L}\p{N}]+/gu, '').includes(joined);
  }
  const escaped = tokens.map((t) => t.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  const regex = new RegExp(`(?<!${WORD_CHAR})${escaped.join(`${NOT_WORD}+`)}(?!${WORD_CHAR})`, 'u');
  return (folded) => regex.test(folded);
}

/** Each field of one article, read and folded once, shared by all rules looking at that article. */
export class FieldCache {
  private readonly folded = new Map<Field, string>();
  private readonly raw = new Map<Field, string>();
  constructor(private readonly article: MatchInput) {}

  text(field: Field): string {
    let value = this.raw.get(field);
    if (value === undefined) {
      value = field === 'text' ? this.article.text() : this.article[field];
      this.raw.set(field, value);
    }
    return value;
  }

  foldedOf(field: Field): string {
    let value = this.folded.get(field);
    if (value === undefined) {
      value = fold(this.text(field));
      this.folded.set(field, value);
    }
    return value;
  }

  has(fields: readonly Field[], test: (folded: string) => boolean): boolean {
    return fields.some((field) => test(this.foldedOf(field)));
  }
}

interface Check {
  readsText: boolean;
  test(cache: FieldCache, article: MatchInput): boolean;
}

function fieldsOfPattern(field: PatternField): readonly Field[] {
  switch (field) {
    case 'any':
      return ALL_FIELDS;
    case 'title':
      return ['title'];
    case 'author':
      return ['author'];
    case 'content':
      return CONTENT_FIELDS;
  }
}

function wordCheck(text: string, fields: readonly Field[], negated: boolean): Check | null {
  const test = needle(text);
  if (test === null) return null;
  const readsText = fields.includes('text');
  return negated ? { readsText, test: (cache) => !cache.has(fields, test) } : { readsText, test: (cache) => cache.has(fields, test) };
}

function patternCheck(pattern: GuardedPattern, fields: readonly Field[], negated: boolean): Check {
  const found = (cache: FieldCache) => fields.some((field) => pattern.test(cache.text(field)));
  return { readsText: fields.includes('text'), test: negated ? (cache) => !found(cache) : found };
}

function containsCheck(value: string, of: (article: MatchInput) => string): Check {
  const folded = fold(value.trim());
  return { readsText: false, test: (_cache, article) => fold(of(article)).includes(folded) };
}

/** Parses and compiles a condition, or says what is wrong with it (only a /pattern/ can be wrong). */
export function compileCondition(source: string): ConditionResult {
  const query = parseSearchQuery(source);
  const checks: Check[] = [];
  const add = (check: Check | null) => {
    if (check) checks.push(check);
  };
  for (const word of query.words) add(wordCheck(word, ALL_FIELDS, false));
  for (const phrase of query.phrases) add(wordCheck(phrase, ALL_FIELDS, false));
  for (const excluded of query.excluded) add(wordCheck(excluded, ALL_FIELDS, true));
  for (const author of query.authors) add(wordCheck(author, ['author'], false));
  for (const title of query.titles ?? []) add(wordCheck(title, ['title'], false));
  for (const content of query.contents ?? []) add(wordCheck(content, CONTENT_FIELDS, false));
  for (const feed of query.feeds) add(containsCheck(feed, (a) => a.feedTitle));
  for (const folder of query.folders) add(containsCheck(folder, (a) => a.folderTitle));
  const { before, after } = query;
  if (before !== undefined) add({ readsText: false, test: (_c, a) => a.published !== null && a.published < before });
  if (after !== undefined) add({ readsText: false, test: (_c, a) => a.published !== null && a.published >= after });
  for (const p of query.patterns ?? []) {
    const compiled = compilePattern(p.source);
    if (!compiled.ok) return { ok: false, error: compiled.error };
    add(patternCheck(compiled.pattern, fieldsOfPattern(p.field), p.negated));
  }
  // Cheap checks first: most articles fail a rule on the title, before the body is ever stripped of its HTML.
  checks.sort((a, b) => Number(a.readsText) - Number(b.readsText));
  return {
    ok: true,
    condition: {
      source,
      matchesAll: checks.length === 0,
      readsText: checks.some((c) => c.readsText),
      matches(article, cache = new FieldCache(article)) {
        for (const check of checks) if (!check.test(cache, article)) return false;
        return true;
      },
    },
  };
}
