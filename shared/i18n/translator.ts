/**
 * One translator per window or process, over i18next (see README, Languages). shared/ keeps no global instance:
 * the renderer and the main process each create theirs and pass its `t` to the shared code that writes text
 * (menus, notifications, the welcome article, error messages).
 */
import i18next from 'i18next';
import type { i18n, TFunction } from 'i18next';
import { englishCatalogue, englishOnly } from './catalogues';
import { formattersFor } from './format';
import type { CatalogueLoader } from './catalogues';
import { DEFAULT_LOCALE, directionOf } from './locales';
import type { LocaleCode } from './locales';

export type Translate = TFunction;

export interface Translator {
  /** The i18next instance (react-i18next's provider takes it). */
  readonly i18n: i18n;
  readonly t: Translate;
  locale(): LocaleCode;
  dir(): 'ltr' | 'rtl';
  /**
   * Loads the locale's catalogue if needed and switches to it; everything bound to the instance re-renders. When
   * another locale is asked for while the catalogue loads, the later one wins and this one is not switched to.
   */
  setLocale(locale: LocaleCode): Promise<void>;
}

/**
 * A translator showing `locale` (English until its catalogue has loaded, when it is not English); `load` reads the
 * other locales' catalogues (see catalogues.ts).
 */
export function createTranslator(locale: LocaleCode = DEFAULT_LOCALE, load: CatalogueLoader = englishOnly): Translator {
  const instance = i18next.createInstance();
  void instance.init({
    lng: DEFAULT_LOCALE,
    fallbackLng: DEFAULT_LOCALE,
    supportedLngs: false,
    resources: { [DEFAULT_LOCALE]: { translation: englishCatalogue } },
    initAsync: false,
    // React and our HTML builders escape what they insert; escaping here too would show &amp; to people.
    interpolation: { escapeValue: false },
    returnNull: false,
    returnEmptyString: false,
  });
  // `{{size, bytes}}`: a byte count written in the message's language (errors carry sizes as numbers).
  instance.services.formatter?.add('bytes', (value: unknown, lng: string | undefined) => formattersFor(lng ?? DEFAULT_LOCALE).bytes(Number(value)));
  let current: LocaleCode = DEFAULT_LOCALE;
  // The locale asked for last: catalogues load in no set order (chunks of different sizes), and a choice passed over
  // (arrowing down the Settings list) must not switch the window back once its catalogue finally arrives.
  let wanted: LocaleCode = DEFAULT_LOCALE;
  const translator: Translator = {
    i18n: instance,
    t: instance.t.bind(instance) as Translate,
    locale: () => current,
    dir: () => directionOf(current),
    async setLocale(next) {
      wanted = next;
      if (!instance.hasResourceBundle(next, 'translation')) {
        const catalogue = next === DEFAULT_LOCALE ? englishCatalogue : await load(next);
        if (catalogue) instance.addResourceBundle(next, 'translation', catalogue, true, true);
        if (wanted !== next) return;
      }
      current = next;
      await instance.changeLanguage(next);
    },
  };
  if (locale !== DEFAULT_LOCALE) void translator.setLocale(locale);
  return translator;
}

/** A translator already showing `locale` (for the main process and tests, which can wait for the catalogue). */
export async function loadTranslator(locale: LocaleCode, load: CatalogueLoader = englishOnly): Promise<Translator> {
  const translator = createTranslator(DEFAULT_LOCALE, load);
  await translator.setLocale(locale);
  return translator;
}
