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
import { charClass, fold, forEachToken, SEP } from '../search/normalize';
import { parseSearchQuery, type PatternField } from '../search/query';
import { compilePattern, type GuardedPattern } from './pattern';
import type { DescribableError } from '../i18n/errors';

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

export type ConditionResult = { ok: true; condition: CompiledCondition } | { ok: false; error: DescribableError };

type Field = 'title' | 'author' | 'summary' | 'text';
/** What a word check looks in: one field, or several joined (one search instead of one per field). */
type Haystack = Field | 'all' | 'content';
const ALL_FIELDS: readonly Field[] = ['title', 'author', 'summary', 'text'];
const CONTENT_FIELDS: readonly Field[] = ['summary', 'text'];
const JOINED: Record<'all' | 'content', readonly Field[]> = { all: ALL_FIELDS, content: CONTENT_FIELDS };
/** Joins fields in a haystack; a phrase never runs across it. */
const FIELD_BREAK = '\u0001';
const WORD_CHAR = '[\\p{L}\\p{N}]';
/** Between the words of a phrase: anything but letters, digits and a field break. */
const BETWEEN_WORDS = '[^\\p{L}\\p{N}\\u0001]+';
const CJK = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]/u;

function isWordAt(text: string, index: number): boolean {
  if (index < 0 || index >= text.length) return false;
  let cp = text.charCodeAt(index);
  // The second half of a surrogate pair: classify the whole character.
  if (cp >= 0xdc00 && cp <= 0xdfff && index > 0) cp = text.codePointAt(index - 1) ?? cp;
  else if (cp >= 0xd800 && cp <= 0xdbff) cp = text.codePointAt(index) ?? cp;
  return charClass(cp) !== SEP;
}

/**
 * A word or phrase as a test on folded text: its tokens (as the search index cuts them), whole, in a row, with
 * anything but letters and digits between them. The first token is found with indexOf, which skips through text
 * far faster than a regular expression or cutting the text into tokens (measured: tokenising a 2 KB body costs
 * more than fifty such searches, and most rules find nothing); only a hit is checked further. Han, Hiragana and
 * Katakana runs have no word boundaries, so those needles are found as substrings.
 */
function needle(text: string): ((folded: string) => boolean) | null {
  const tokens: string[] = [];
  forEachToken(fold(text), (t) => tokens.push(t));
  if (tokens.length === 0) return null;
  if (tokens.some((t) => CJK.test(t))) {
    const joined = fold(text).replace(/[^\p{L}\p{N}]+/gu, '');
    return (folded) => folded.replace(/[^\p{L}\p{N}\u0001]+/gu, '').includes(joined);
  }
  const [first, ...rest] = tokens as [string, ...string[]];
  const escape = (t: string) => t.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  // Sticky: the rest of a phrase must follow right where the first word ends.
  const tail = rest.length > 0 ? new RegExp(`${BETWEEN_WORDS}${rest.map(escape).join(BETWEEN_WORDS)}(?!${WORD_CHAR})`, 'uy') : null;
  return (folded) => {
    for (let at = folded.indexOf(first); at >= 0; at = folded.indexOf(first, at + 1)) {
      if (isWordAt(folded, at - 1)) continue;
      const end = at + first.length;
      if (tail) {
        tail.lastIndex = end;
        if (tail.test(folded)) return true;
      } else if (!isWordAt(folded, end)) return true;
    }
    return false;
  };
}

/** Each field of one article, read and folded once, shared by all rules looking at that article. */
export class FieldCache {
  private readonly folded = new Map<Haystack, string>();
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

  foldedOf(haystack: Haystack): string {
    let value = this.folded.get(haystack);
    if (value === undefined) {
      value = haystack === 'all' || haystack === 'content' ? JOINED[haystack].map((field) => this.foldedOf(field)).join(FIELD_BREAK) : fold(this.text(haystack));
      this.folded.set(haystack, value);
    }
    return value;
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

function wordCheck(text: string, haystack: Haystack, negated: boolean): Check | null {
  const test = needle(text);
  if (test === null) return null;
  const readsText = haystack === 'all' || haystack === 'content' || haystack === 'text';
  return negated ? { readsText, test: (cache) => !test(cache.foldedOf(haystack)) } : { readsText, test: (cache) => test(cache.foldedOf(haystack)) };
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
  for (const word of query.words) add(wordCheck(word, 'all', false));
  for (const phrase of query.phrases) add(wordCheck(phrase, 'all', false));
  for (const excluded of query.excluded) add(wordCheck(excluded, 'all', true));
  for (const author of query.authors) add(wordCheck(author, 'author', false));
  for (const title of query.titles ?? []) add(wordCheck(title, 'title', false));
  for (const content of query.contents ?? []) add(wordCheck(content, 'content', false));
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
