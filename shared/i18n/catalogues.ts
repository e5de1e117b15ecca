/**
 * The message catalogues. English is bundled in: it is the fallback for any missing message, and the first window
 * paints in it before another language has loaded. Every other locale is a dynamic import of `./locales/<code>.json`,
 * which Vite (renderer, workers) and esbuild (main process) both resolve at build time to every file present: each
 * locale becomes its own chunk, only the chosen one is read, and a new locale file needs no registration. Adding a
 * locale: its JSON in locales/ and its code in SUPPORTED_LOCALES (locales.ts).
 */
import en from './locales/en.json';
import type { LocaleCode } from './locales';

/** A catalogue: nested objects of messages (see TRANSLATING.md). */
export interface Catalogue {
  [key: string]: string | Catalogue;
}

export const englishCatalogue: Catalogue = en;

/** Reads one locale's catalogue; null when that locale has none (its text then shows in English). */
export type CatalogueLoader = (locale: LocaleCode) => Promise<Catalogue | null>;

/** Every catalogue present in shared/i18n/locales/ (the locale is a LocaleCode, never a path from outside). */
export const bundledCatalogues: CatalogueLoader = async (locale) => {
  if (locale === 'en') return englishCatalogue;
  try {
    return ((await import(`./locales/${locale}.json`)) as { default: Catalogue }).default;
  } catch {
    return null;
  }
};

/** For code that only ever speaks English. */
export const englishOnly: CatalogueLoader = async (locale) => (locale === 'en' ? englishCatalogue : null);
