/**
 * Which language the window shows: the Settings choice, else the OS's preferred languages (Electron passes
 * app.getPreferredSystemLanguages() in appInfo; in a browser, navigator.languages), negotiated against the locales
 * we have (shared/i18n/locales). A change applies at once: the catalogue loads, every component bound to the
 * translator re-renders, `lang`/`dir` move on the document, and the host rewords its menu and tray.
 */
import { useEffect, useState } from 'react';
import { getSetting } from '../../shared/db';
import type { BroadsheetDb } from '../../shared/db';
import type { Host } from '../../shared/host';
import { resolveLanguage } from '../../shared/i18n/locales';
import type { LocaleCode } from '../../shared/i18n/locales';
import { useTableQuery } from '../hooks/use-table-query';
import { useLibrary } from '../library/library-context';
import { showLocale, windowTranslator } from './window-translator';

/** The OS's preferred languages, best first. */
export async function systemLanguages(host: Host): Promise<readonly string[]> {
  const info = await host.appInfo();
  if (info.ok && info.value.languages.length > 0) return info.value.languages;
  return typeof navigator !== 'undefined' ? navigator.languages : [];
}

/** Before the first render, so the window never flashes English at someone who reads another language. */
export async function showInitialLocale(db: BroadsheetDb, host: Host): Promise<LocaleCode> {
  const [choice, preferred] = await Promise.all([getSetting(db, 'language').catch(() => 'system' as const), systemLanguages(host).catch(() => [])]);
  const locale = resolveLanguage(choice, preferred);
  await showLocale(locale);
  return locale;
}

/** Follows the language setting while the window is open; returns the locale shown. */
export function useLanguage(): LocaleCode {
  const { db, host } = useLibrary();
  const choice = useTableQuery(db, ['settings'], () => getSetting(db, 'language'), []);
  const [preferred, setPreferred] = useState<readonly string[] | null>(null);
  const [shown, setShown] = useState<LocaleCode>(windowTranslator.locale());
  useEffect(() => {
    let cancelled = false;
    void systemLanguages(host).then((languages) => {
      if (!cancelled) setPreferred(languages);
    });
    return () => {
      cancelled = true;
    };
  }, [host]);
  useEffect(() => {
    if (choice === undefined || preferred === null) return;
    const locale = resolveLanguage(choice, preferred);
    void showLocale(locale).then((shownNow) => {
      if (shownNow) setShown(locale);
    });
  }, [choice, preferred]);
  return shown;
}
