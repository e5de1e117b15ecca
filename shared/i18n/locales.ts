/**
 * The languages Broadsheet speaks, and how a person's preferred languages (the OS's, the browser's) pick one.
 * Pure data and functions: both processes use them (the main process for its menu and tray, the renderer for the
 * window), and the catalogue test reads the same list.
 */

/** Every locale with a catalogue in shared/i18n/locales/, in the order the language setting lists them. */
export const SUPPORTED_LOCALES = [
  'en',
  'de',
  'fr',
  'es',
  'it',
  'pt-BR',
  'nl',
  'sv',
  'pl',
  'cs',
  'ru',
  'uk',
  'tr',
  'ar',
  'he',
  'fa',
  'ja',
  'ko',
  'zh-CN',
  'zh-TW',
] as const;

export type SupportedLocale = (typeof SUPPORTED_LOCALES)[number];

/**
 * The pseudo-locale: English with every letter accented and each message about 35 % longer, generated from en.json
 * (scripts/pseudo-locale.ts). It shows untranslated text and clipped controls at a glance; tests choose it, people
 * never see it offered.
 */
export const PSEUDO_LOCALE = 'en-XA';

export type LocaleCode = SupportedLocale | typeof PSEUDO_LOCALE;

export const DEFAULT_LOCALE: SupportedLocale = 'en';

const RIGHT_TO_LEFT = new Set<string>(['ar', 'he', 'fa']);

export function isLocaleCode(value: unknown): value is LocaleCode {
  return typeof value === 'string' && (value === PSEUDO_LOCALE || (SUPPORTED_LOCALES as readonly string[]).includes(value));
}

/** The writing direction of a locale's chrome. */
export function directionOf(locale: string): 'ltr' | 'rtl' {
  return RIGHT_TO_LEFT.has(primaryLanguage(locale)) ? 'rtl' : 'ltr';
}

function primaryLanguage(tag: string): string {
  return tag.toLowerCase().split(/[-_]/)[0] ?? '';
}

/** Chinese written in traditional characters: by script, else by the regions that use them. */
function isTraditionalChinese(tag: string): boolean {
  const parts = tag.toLowerCase().split(/[-_]/);
  if (parts.includes('hant')) return true;
  if (parts.includes('hans')) return false;
  return parts.some((part) => part === 'tw' || part === 'hk' || part === 'mo');
}

/**
 * The best supported locale for one language tag, or null: an exact match first (case-insensitive, `_` read as
 * `-`), then by language with the region or script that locale stands for (pt, pt-PT → pt-BR; zh-Hant, zh-HK →
 * zh-TW; zh, zh-SG → zh-CN; de-AT → de; iw → he).
 */
export function matchLocale(tag: string): SupportedLocale | null {
  const wanted = tag.trim().replace(/_/g, '-');
  if (wanted === '') return null;
  const exact = SUPPORTED_LOCALES.find((locale) => locale.toLowerCase() === wanted.toLowerCase());
  if (exact) return exact;
  const language = primaryLanguage(wanted);
  if (language === 'zh') return isTraditionalChinese(wanted) ? 'zh-TW' : 'zh-CN';
  if (language === 'pt') return 'pt-BR';
  if (language === 'iw') return 'he';
  if (language === 'nb' || language === 'nn' || language === 'no') return null;
  return SUPPORTED_LOCALES.find((locale) => primaryLanguage(locale) === language) ?? null;
}

/**
 * The locale to show for a person's preferred languages, best first (Electron's app.getPreferredSystemLanguages(),
 * navigator.languages): the first one we speak, else English. The pseudo-locale is taken only when asked for exactly.
 */
export function negotiateLocale(preferred: readonly string[]): LocaleCode {
  for (const tag of preferred) {
    if (typeof tag !== 'string') continue;
    if (tag === PSEUDO_LOCALE) return PSEUDO_LOCALE;
    const match = matchLocale(tag);
    if (match) return match;
  }
  return DEFAULT_LOCALE;
}

/**
 * The language setting: 'system' follows the OS, else one locale. Settings read from disk may hold anything, so
 * an unknown choice reads as 'system'.
 */
export type LanguageChoice = 'system' | LocaleCode;

export function resolveLanguage(choice: unknown, systemPreferred: readonly string[]): LocaleCode {
  return isLocaleCode(choice) ? choice : negotiateLocale(systemPreferred);
}
