/**
 * The window's translator and formatters, read once near the root and handed down by context. Rows that exist by
 * the thousand (sidebar feeds) read this instead of each subscribing to i18next with useTranslation; a language
 * change still re-renders them, since the context value changes with it.
 */
import type { ReactNode } from 'react';
import { createContext, useContext, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { Formatters } from '../../shared/i18n/format';
import { formattersFor } from '../../shared/i18n/format';
import type { Translate } from '../../shared/i18n/translator';
import { windowTranslator } from './window-translator';

export interface Locale {
  t: Translate;
  format: Formatters;
}

const LocaleContext = createContext<Locale>({ t: windowTranslator.t, format: formattersFor('en') });

export function LocaleProvider({ children }: { children: ReactNode }) {
  const { t, i18n } = useTranslation();
  const language = i18n.language;
  const value = useMemo(() => ({ t, format: formattersFor(language) }), [t, language]);
  return <LocaleContext.Provider value={value}>{children}</LocaleContext.Provider>;
}

export function useLocale(): Locale {
  return useContext(LocaleContext);
}
