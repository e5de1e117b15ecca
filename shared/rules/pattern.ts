import { coded } from '../i18n/errors';
import type { DescribableError, ErrorCode } from '../i18n/errors';
/**
 * Regular expressions typed into a rule, compiled with a guard. A rule runs inside the sync merge over every new
 * article, and JavaScript's backtracking engine cannot be interrupted, so a pattern must be refused before it can
 * stall a sync:
 * - Exponential shapes are refused outright: a repeated group that itself repeats (`(a+)+`, `(\w*\s?)*`), a
 *   repeated group of alternatives (`(a|ab)*`), and backreferences (`\1`, `\k<name>`).
 * - What remains is at worst polynomial: a failing search tries every start position, and each unbounded
 *   repetition (`*`, `+`, `{n,}`, or `{n,m}` with a large m) can backtrack over the rest of the text, so the cost grows
 *   like length^(repetitions + 1). More than MAX_REPEATS repetitions are refused, and the text a pattern sees is cut
 *   to the length whose worst case stays near STEP_BUDGET backtracking steps (about ten milliseconds): 10,000
 *   characters for a pattern without repetition, 3,162 with one, 215 with two, 56 with three. A title is whole
 *   at any of these; a long article body is matched by its beginning.
 */

export const MAX_PATTERN_LENGTH = 256;
export const MAX_REPEATS = 3;
/** Backtracking steps a pattern may take on one field in the worst case (measured: ~1–3 ns a step in V8). */
export const STEP_BUDGET = 1e7;
/** The longest text any pattern looks at, whatever its shape. */
export const MAX_MATCH_CHARS = 10_000;

export interface GuardedPattern {
  source: string;
  regex: RegExp;
  /** Characters of each field the pattern looks at (see the budget above). */
  maxChars: number;
  test(text: string): boolean;
}

export type PatternResult = { ok: true; pattern: GuardedPattern } | { ok: false; error: DescribableError };

/** Why a pattern's shape is refused: its message in the catalogue and in English. */
interface Problem {
  code: ErrorCode;
  text: string;
}

interface Shape {
  repeats: number;
  problem: Problem | null;
}

const problems = {
  backreference: { code: 'rules.errors.reasons.backreference', text: 'backreferences (\\1) are not allowed: they can take exponential time' },
  namedBackreference: { code: 'rules.errors.reasons.namedBackreference', text: 'backreferences (\\k<name>) are not allowed: they can take exponential time' },
  nestedRepeat: { code: 'rules.errors.reasons.nestedRepeat', text: 'a repeated group repeats inside (like (a+)+), which can take exponential time' },
  repeatedAlternatives: { code: 'rules.errors.reasons.repeatedAlternatives', text: 'a repeated group of alternatives (like (a|ab)*) can take exponential time' },
} satisfies Record<string, Problem>;

/** Reads a quantifier at `i`; returns its length and whether it is unbounded (0 when there is none). */
function quantifierAt(source: string, i: number): { length: number; unbounded: boolean } {
  const c = source[i];
  if (c === '*' || c === '+') return { length: source[i + 1] === '?' ? 2 : 1, unbounded: true };
  if (c === '?') return { length: source[i + 1] === '?' ? 2 : 1, unbounded: false };
  if (c === '{') {
    const m = /^\{(\d+)(,(\d*))?\}\??/.exec(source.slice(i));
    if (!m) return { length: 0, unbounded: false };
    const max = m[2] === undefined ? Number(m[1]) : m[3] === '' ? Infinity : Number(m[3]);
    // A bounded repeat of more than 16 backtracks like an unbounded one on real text.
    return { length: m[0].length, unbounded: max > 16 };
  }
  return { length: 0, unbounded: false };
}

/** Walks the pattern once: counts unbounded repetitions and finds the exponential shapes named above. */
function shapeOf(source: string): Shape {
  // One entry per open group: does it hold a repetition, does it hold alternatives.
  const groups: Array<{ repeats: boolean; alternatives: boolean }> = [{ repeats: false, alternatives: false }];
  let repeats = 0;
  let i = 0;
  const afterAtom = (groupInner: { repeats: boolean; alternatives: boolean } | null): Problem | null => {
    const q = quantifierAt(source, i);
    if (q.length === 0) return null;
    i += q.length;
    const repeated = q.unbounded || source[i - q.length] !== '?';
    if (q.unbounded) repeats++;
    if (groupInner && repeated && groupInner.repeats) return problems.nestedRepeat;
    if (groupInner && q.unbounded && groupInner.alternatives) return problems.repeatedAlternatives;
    if (q.unbounded || repeated) groups[groups.length - 1]!.repeats = true;
    return null;
  };
  while (i < source.length) {
    const c = source[i]!;
    if (c === '\\') {
      const next = source[i + 1];
      if (next !== undefined && /[1-9]/.test(next)) return { repeats, problem: problems.backreference };
      if (next === 'k' && source[i + 2] === '<') return { repeats, problem: problems.namedBackreference };
      i += 2;
      const problem = afterAtom(null);
      if (problem) return { repeats, problem };
      continue;
    }
    if (c === '[') {
      // A character class is one atom; `]` right after `[` or `[^` is a literal.
      let j = i + 1;
      if (source[j] === '^') j++;
      if (source[j] === ']') j++;
      while (j < source.length && source[j] !== ']') j += source[j] === '\\' ? 2 : 1;
      i = j + 1;
      const problem = afterAtom(null);
      if (problem) return { repeats, problem };
      continue;
    }
    if (c === '(') {
      groups.push({ repeats: false, alternatives: false });
      i++;
      continue;
    }
    if (c === ')') {
      const inner = groups.length > 1 ? groups.pop()! : { repeats: false, alternatives: false };
      i++;
      // What a group holds, its parent holds too.
      const parent = groups[groups.length - 1]!;
      if (inner.repeats) parent.repeats = true;
      const problem = afterAtom(inner);
      if (problem) return { repeats, problem };
      continue;
    }
    if (c === '|') {
      groups[groups.length - 1]!.alternatives = true;
      i++;
      continue;
    }
    i++;
    const problem = afterAtom(null);
    if (problem) return { repeats, problem };
  }
  return { repeats, problem: null };
}

/** The characters of a field a pattern with `repeats` unbounded repetitions may look at. */
export function maxCharsFor(repeats: number): number {
  return Math.max(32, Math.min(MAX_MATCH_CHARS, Math.floor(STEP_BUDGET ** (1 / (repeats + 1)))));
}

/** Compiles `source` case-insensitively, or says why it cannot be used. */
export function compilePattern(source: string): PatternResult {
  if (source.length === 0) return { ok: false, error: coded('rules.errors.patternEmpty', 'The pattern is empty.') };
  if (source.length > MAX_PATTERN_LENGTH) return { ok: false, error: coded('rules.errors.patternTooLong', `The pattern is longer than ${MAX_PATTERN_LENGTH} characters.`, { max: MAX_PATTERN_LENGTH }) };
  let regex: RegExp;
  try {
    regex = new RegExp(source, 'i');
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    const detail = message.replace(/^Invalid regular expression: /, '');
    return { ok: false, error: coded('rules.errors.patternInvalid', `/${source}/ is not a valid regular expression: ${detail}`, { source, detail }) };
  }
  const shape = shapeOf(source);
  if (shape.problem) {
    return { ok: false, error: coded('rules.errors.patternRefused', `/${source}/ is refused: ${shape.problem.text}.`, { source, reason: { code: shape.problem.code } }) };
  }
  if (shape.repeats > MAX_REPEATS) {
    return {
      ok: false,
      error: coded('rules.errors.patternTooManyRepeats', `/${source}/ is refused: more than ${MAX_REPEATS} unbounded repetitions (*, +) can make matching too slow.`, { source, max: MAX_REPEATS }),
    };
  }
  const maxChars = maxCharsFor(shape.repeats);
  return {
    ok: true,
    pattern: {
      source,
      regex,
      maxChars,
      test: (text) => regex.test(text.length > maxChars ? text.slice(0, maxChars) : text),
    },
  };
}
