/**
 * The search box's little language. `feed:`, `folder:` and `is:` need the library's state, so they are only
 * parsed here and the caller turns them into a filter; the index handles words, phrases, exclusions,
 * `author:` and `before:`/`after:` itself. `title:`, `content:` and `/patterns/` are for rules (shared/rules), which
 * match one article at a time; the index takes `title:`/`content:` values as plain words. Anything that does not parse as an operator is searched as words,
 * so a half-typed query never errors.
 */

export interface ParsedQuery {
  /** Plain words, as typed (the index folds them). */
  words: string[];
  /** `"exact phrase"`: all its words, in order, next to each other, in one field. */
  phrases: string[];
  /** `-word` and `-"some phrase"`: results containing them are dropped. */
  excluded: string[];
  /** `author:name` values: words that must appear in the author field. */
  authors: string[];
  /** `feed:name` values, kept as text for the caller to resolve (fuzzily) to feeds. */
  feeds: string[];
  /** `folder:name` values, for the caller to resolve. */
  folders: string[];
  /** `is:unread` → true, `is:read` → false. */
  unread?: boolean;
  /** `is:starred` → true. */
  starred?: boolean;
  /** `before:YYYY-MM-DD`: published strictly before that day starts (UTC), epoch ms. */
  before?: number;
  /** `after:YYYY-MM-DD`: published on or after that day starts (UTC), epoch ms. */
  after?: number;
  /** `is:hidden` → true: only articles a rule hid (they are left out of everything else). */
  hidden?: boolean;
  /** `title:word` values: words that must appear in the title. Absent when none. */
  titles?: string[];
  /** `content:word` values: words that must appear in the summary or the article text. Absent when none. */
  contents?: string[];
  /**
   * `/regular expression/`, `title:/…/`, `content:/…/`, `author:/…/`, negated with `-`: the source as typed,
   * not compiled here (rules compile it with a guard, shared/rules/pattern.ts). Only a closed `/…/` is a pattern;
   * a lone or unclosed slash (`/usr/bin`, still typing) stays a word. Absent when none.
   */
  patterns?: QueryPattern[];
}

export type PatternField = 'any' | 'title' | 'content' | 'author';

export interface QueryPattern {
  field: PatternField;
  source: string;
  negated: boolean;
}

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

function parseDay(value: string): number | undefined {
  const m = DATE.exec(value);
  if (!m) return undefined;
  const y = Number(m[1]);
  const mo = Number(m[2]);
  const d = Number(m[3]);
  const t = Date.UTC(y, mo - 1, d);
  const back = new Date(t);
  // Rejects 2024-02-31 and friends instead of silently rolling over.
  if (back.getUTCFullYear() !== y || back.getUTCMonth() !== mo - 1 || back.getUTCDate() !== d) return undefined;
  return t;
}

interface RawToken {
  text: string;
  quoted: boolean;
  negated: boolean;
}

/**
 * Where a `/pattern/` that starts at `open` (the index of its first slash) closes: the next unescaped slash that
 * ends the token (followed by white space or the end), outside a [character class]. -1 when it does not close.
 */
function patternEnd(query: string, open: number): number {
  let inClass = false;
  for (let i = open + 1; i < query.length; i++) {
    const c = query[i];
    if (c === '\\') i++;
    else if (c === '[') inClass = true;
    else if (c === ']') inClass = false;
    else if (c === '/' && !inClass && i > open + 1 && (i + 1 === query.length || /\s/.test(query[i + 1]!))) return i;
  }
  return -1;
}

/** `title:`, `content:` and `author:` may be followed by a /pattern/. */
const PATTERN_KEY = /^(title|content|author):$/i;

/** Splits on whitespace, keeping "quoted runs" (an unclosed quote runs to the end, as while typing). */
function lex(query: string): RawToken[] {
  const out: RawToken[] = [];
  let i = 0;
  const n = query.length;
  while (i < n) {
    while (i < n && /\s/.test(query[i]!)) i++;
    if (i >= n) break;
    let negated = false;
    if (query[i] === '-' && i + 1 < n && !/\s/.test(query[i + 1]!)) {
      negated = true;
      i++;
    }
    if (query[i] === '"') {
      const close = query.indexOf('"', i + 1);
      const end = close === -1 ? n : close;
      out.push({ text: query.slice(i + 1, end), quoted: true, negated });
      i = close === -1 ? n : close + 1;
      continue;
    }
    // A /pattern/ (possibly after key:) is one token even when it holds spaces.
    const keyed = /^[a-z]+:/i.exec(query.slice(i, i + 9));
    const slash = keyed && PATTERN_KEY.test(keyed[0]) ? i + keyed[0].length : i;
    if (query[slash] === '/') {
      const close = patternEnd(query, slash);
      if (close > 0) {
        out.push({ text: query.slice(i, close + 1), quoted: false, negated });
        i = close + 1;
        continue;
      }
    }
    const start = i;
    while (i < n && !/\s/.test(query[i]!)) {
      // key:"quoted value" stays one token.
      if (query[i] === ':' && query[i + 1] === '"') {
        const close = query.indexOf('"', i + 2);
        i = close === -1 ? n : close + 1;
        break;
      }
      i++;
    }
    out.push({ text: query.slice(start, i), quoted: false, negated });
  }
  return out;
}

function unquote(value: string): string {
  if (value.startsWith('"')) return value.slice(1, value.endsWith('"') && value.length > 1 ? -1 : undefined);
  return value;
}

export function parseSearchQuery(query: string): ParsedQuery {
  const parsed: ParsedQuery = { words: [], phrases: [], excluded: [], authors: [], feeds: [], folders: [] };
  for (const token of lex(query)) {
    if (token.quoted) {
      if (token.text.trim() === '') continue;
      (token.negated ? parsed.excluded : parsed.phrases).push(token.text.trim());
      continue;
    }
    const pattern = asPattern(token);
    if (pattern) {
      (parsed.patterns ??= []).push(pattern);
      continue;
    }
    if (token.negated) {
      parsed.excluded.push(token.text);
      continue;
    }
    const colon = token.text.indexOf(':');
    if (colon > 0) {
      const key = token.text.slice(0, colon).toLowerCase();
      const value = unquote(token.text.slice(colon + 1)).trim();
      if (applyOperator(parsed, key, value)) continue;
    }
    parsed.words.push(token.text);
  }
  return parsed;
}

/** A token the lexer kept whole as `/…/` or `key:/…/`. */
function asPattern(token: RawToken): QueryPattern | null {
  const m = /^(?:(title|content|author):)?\/([\s\S]+)\/$/i.exec(token.text);
  if (!m || token.quoted) return null;
  const field = (m[1]?.toLowerCase() ?? 'any') as PatternField;
  return { field, source: m[2]!, negated: token.negated };
}

/** Returns false when `key:value` is not an operator we know, so it is searched as words. */
function applyOperator(parsed: ParsedQuery, key: string, value: string): boolean {
  switch (key) {
    case 'feed':
    case 'folder':
    case 'author':
    case 'is':
    case 'before':
    case 'after':
    case 'title':
    case 'content':
      break;
    default:
      return false;
  }
  // A known operator with nothing after it yet (still typing) is just ignored.
  if (value === '') return true;
  switch (key) {
    case 'feed':
      parsed.feeds.push(value);
      return true;
    case 'folder':
      parsed.folders.push(value);
      return true;
    case 'author':
      parsed.authors.push(value);
      return true;
    case 'title':
      (parsed.titles ??= []).push(value);
      return true;
    case 'content':
      (parsed.contents ??= []).push(value);
      return true;
    case 'is': {
      const v = value.toLowerCase();
      if (v === 'unread') parsed.unread = true;
      else if (v === 'read') parsed.unread = false;
      else if (v === 'starred') parsed.starred = true;
      else if (v === 'hidden') parsed.hidden = true;
      else return false;
      return true;
    }
    case 'before':
    case 'after': {
      const day = parseDay(value);
      if (day === undefined) return false;
      if (key === 'before') parsed.before = day;
      else parsed.after = day;
      return true;
    }
  }
  return false;
}
