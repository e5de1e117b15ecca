/**
 * The message catalogues. English is bundled in: it is the fallback for any missing message, and the first window
 * paints in it before another language has loaded. Every other locale is read on demand through a loader that each
 * process supplies (shared/ reads no files): the renderer's comes from Vite's import.meta.glob, so each locale
 * is its own chunk and a new locale file needs no registration; the main process reads the JSON copied beside its
 * bundle. Adding a locale: its JSON in locales/ and its code in SUPPORTED_LOCALES (locales.ts).
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

/** For code that only ever speaks English (and tests). */
export const englishOnly: CatalogueLoader = async (locale) => (locale === 'en' ? englishCatalogue : null);
