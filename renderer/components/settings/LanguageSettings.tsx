import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { LanguageChoice, LocaleCode } from '../../../shared/i18n/locales';
import { negotiateLocale, PSEUDO_LOCALE, SUPPORTED_LOCALES } from '../../../shared/i18n/locales';
import { systemLanguages } from '../../i18n/language';
import { useFormatters } from '../../i18n/use-formatters';
import { useLibrary } from '../../library/library-context';
import { SettingsField as Field } from './SettingsField';

/**
 * The language of the window, the menu and the tray: the system's (the default) or one chosen. Each language is
 * listed by its own name, so anyone can find theirs whatever the window shows now.
 */
export function LanguageSettings({ choice, onChoose }: { choice: LanguageChoice; onChoose: (choice: LanguageChoice) => void }) {
  const { t, i18n } = useTranslation();
  const format = useFormatters();
  const { host } = useLibrary();
  const [system, setSystem] = useState<LocaleCode | null>(null);
  useEffect(() => {
    let cancelled = false;
    void systemLanguages(host).then((languages) => {
      if (!cancelled) setSystem(negotiateLocale(languages));
    });
    return () => {
      cancelled = true;
    };
  }, [host]);
  const offered: readonly LocaleCode[] = choice === PSEUDO_LOCALE || system === PSEUDO_LOCALE ? [...SUPPORTED_LOCALES, PSEUDO_LOCALE] : SUPPORTED_LOCALES;
  return (
    <Field label={t('settings.language.label')} hint={t('settings.language.hint')}>
      <select value={choice} onChange={(event) => onChoose(event.target.value as LanguageChoice)}>
        <option value="system">{t('settings.language.system', { language: system ? format.languageName(system, i18n.language) : '…' })}</option>
        {offered.map((code) => (
          <option key={code} value={code} lang={code === PSEUDO_LOCALE ? 'en' : code}>
            {format.languageName(code, code === PSEUDO_LOCALE ? i18n.language : code)}
          </option>
        ))}
      </select>
    </Field>
  );
}
