/**
 * The message catalogues. English is bundled in (it is the fallback for any missing message, and the first window
 * paints in it before another language has loaded); every other locale is loaded on demand, so the renderer ships
 * each as its own chunk and only the chosen one is read.
 *
 * Adding a locale: put its JSON in locales/, add its code to SUPPORTED_LOCALES (locales.ts) and a loader here; the
 * catalogue test fails when a file in locales/ has no loader.
 */
import en from './locales/en.json';
import type { LocaleCode } from './locales';

/** A catalogue: nested objects of messages (see TRANSLATING.md). */
export interface Catalogue {
  [key: string]: string | Catalogue;
}

export const englishCatalogue: Catalogue = en;

type Loader = () => Promise<{ default: Catalogue }>;

/** Locales other than English whose catalogue is present. */
export const catalogueLoaders: Partial<Record<LocaleCode, Loader>> = {
  'en-XA': () => import('./locales/en-XA.json'),
};

export function hasCatalogue(locale: LocaleCode): boolean {
  return locale === 'en' || catalogueLoaders[locale] !== undefined;
}

/** The catalogue of one locale; null when it has none (the translator then shows English). */
export async function loadCatalogue(locale: LocaleCode): Promise<Catalogue | null> {
  if (locale === 'en') return englishCatalogue;
  const load = catalogueLoaders[locale];
  if (!load) return null;
  return (await load()).default;
}
