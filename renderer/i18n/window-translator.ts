/** The window's translator (catalogues other than English are chunks loaded when chosen: shared/i18n/catalogues). */
import { bundledCatalogues } from '../../shared/i18n/catalogues';
import { directionOf } from '../../shared/i18n/locales';
import type { LocaleCode } from '../../shared/i18n/locales';
import { createTranslator } from '../../shared/i18n/translator';

/** One per window (and one in each worker that writes text): the renderer's module graph is per window. */
export const windowTranslator = createTranslator('en', bundledCatalogues);

/** For code outside React components (commands, menus, toasts); components use react-i18next's useTranslation. */
export const t = windowTranslator.t;

/**
 * Switches the window's language: catalogue, then `lang` and `dir` on the document, in one step. False when another
 * locale was asked for while this one's catalogue loaded: that one is shown, and the document is left to it.
 */
export async function showLocale(locale: LocaleCode): Promise<boolean> {
  await windowTranslator.setLocale(locale);
  if (windowTranslator.locale() !== locale) return false;
  const root = document.documentElement;
  root.lang = locale === 'en-XA' ? 'en' : locale;
  root.dir = directionOf(locale);
  return true;
}

/** True while the window shows a right-to-left language (showLocale set `dir`): the panes are mirrored. */
export function isRightToLeft(): boolean {
  return document.documentElement.dir === 'rtl';
}
