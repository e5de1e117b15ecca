/**
 * Checks a locale's catalogue against the English one: every message present, nothing extra, the same
 * placeholders and markup, and exactly the plural forms that locale's grammar has (CLDR categories, read from
 * Intl.PluralRules). Used by the catalogue unit test and by `npm run i18n:check` for translators.
 */
import type { Catalogue } from './catalogues';

export const PLURAL_CATEGORIES = ['zero', 'one', 'two', 'few', 'many', 'other'] as const;
const PLURAL_SUFFIX = new RegExp(`_(${PLURAL_CATEGORIES.join('|')})$`);

/** Nested catalogue → flat `a.b.c` keys. */
export function flattenCatalogue(catalogue: Catalogue, prefix = ''): Map<string, unknown> {
  const flat = new Map<string, unknown>();
  for (const [key, value] of Object.entries(catalogue)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
      for (const [inner, message] of flattenCatalogue(value as Catalogue, path)) flat.set(inner, message);
    } else {
      flat.set(path, value);
    }
  }
  return flat;
}

/** `{{count, number}}` → `count, number`; whitespace inside the braces does not matter. */
export function placeholdersOf(message: string): string[] {
  return [...message.matchAll(/\{\{\s*([^}]*?)\s*\}\}/g)].map((match) => (match[1] ?? '').replace(/\s*,\s*/g, ', ')).sort();
}

/** The markup a message carries for <Trans> (`<strong>`, `</kbd>`), in order of appearance, sorted. */
export function tagsOf(message: string): string[] {
  return [...message.matchAll(/<\/?([a-z][a-z0-9]*)\s*\/?>/gi)].map((match) => match[0].replace(/\s+/g, '')).sort();
}

interface MessageGroup {
  /** Plural forms present (empty for a message without plural forms). */
  forms: Map<string, string>;
  /** The message of a non-plural key. */
  message?: string;
}

function group(flat: Map<string, unknown>, problems: string[], label: string): Map<string, MessageGroup> {
  const groups = new Map<string, MessageGroup>();
  for (const [key, value] of flat) {
    if (typeof value !== 'string') {
      problems.push(`${label}: ${key} is not a string`);
      continue;
    }
    if (value.trim() === '') problems.push(`${label}: ${key} is empty`);
    const plural = PLURAL_SUFFIX.exec(key);
    const base = plural ? key.slice(0, plural.index) : key;
    const entry = groups.get(base) ?? { forms: new Map<string, string>() };
    if (plural?.[1]) entry.forms.set(plural[1], value);
    else entry.message = value;
    groups.set(base, entry);
  }
  return groups;
}

const same = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((item, index) => item === b[index]);
const show = (items: readonly string[]) => (items.length === 0 ? 'none' : items.join(' '));

/** Every problem found, one line each; empty when the catalogue is complete and consistent. */
export function checkCatalogue(locale: string, catalogue: Catalogue, english: Catalogue): string[] {
  const problems: string[] = [];
  const reference = group(flattenCatalogue(english), problems, 'en');
  const target = group(flattenCatalogue(catalogue), problems, locale);
  const categories = new Intl.PluralRules(locale).resolvedOptions().pluralCategories as string[];

  for (const [base, want] of reference) {
    const have = target.get(base);
    if (!have) {
      problems.push(`${locale}: ${base} is missing`);
      continue;
    }
    if (want.forms.size === 0) {
      if (have.forms.size > 0) problems.push(`${locale}: ${base} has plural forms, English has none`);
      if (have.message === undefined || want.message === undefined) {
        if (have.message === undefined) problems.push(`${locale}: ${base} is missing`);
        continue;
      }
      compare(locale, base, have.message, want.message, [], problems);
      continue;
    }
    if (have.message !== undefined) problems.push(`${locale}: ${base} needs plural forms (${categories.join(', ')}), not one message`);
    const present = [...have.forms.keys()];
    const missing = categories.filter((category) => !have.forms.has(category));
    const extra = present.filter((category) => !categories.includes(category));
    if (missing.length > 0) problems.push(`${locale}: ${base} lacks the plural forms ${missing.join(', ')} (${locale} has ${categories.join(', ')})`);
    if (extra.length > 0) problems.push(`${locale}: ${base} has plural forms ${locale} does not use: ${extra.join(', ')}`);
    const englishOther = want.forms.get('other') ?? [...want.forms.values()][0] ?? '';
    for (const [category, message] of have.forms) {
      // A form may leave out the number ("every hour") but nothing else.
      compare(locale, `${base}_${category}`, message, englishOther, ['count', 'count, number'], problems);
    }
  }
  for (const base of target.keys()) {
    if (!reference.has(base)) problems.push(`${locale}: ${base} is not in the English catalogue (renamed or removed?)`);
  }
  return problems;
}

function compare(locale: string, key: string, message: string, english: string, mayOmit: readonly string[], problems: string[]): void {
  const want = placeholdersOf(english);
  const have = placeholdersOf(message);
  const unknown = have.filter((item) => !want.includes(item));
  const lost = want.filter((item) => !have.includes(item) && !mayOmit.includes(item));
  if (unknown.length > 0 || lost.length > 0) {
    problems.push(`${locale}: ${key} has placeholders ${show(have)}, English has ${show(want)}`);
  }
  if (!same(tagsOf(message), tagsOf(english))) {
    problems.push(`${locale}: ${key} has markup ${show(tagsOf(message))}, English has ${show(tagsOf(english))}`);
  }
}
