import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import type { Settings } from '../../shared/db';
import { defaultSettings, getSettings, setSettings } from '../../shared/db';
import { describeError } from '../../shared/i18n/errors';
import { useLibrary } from '../library/library-context';
import { useTableQuery } from './use-table-query';

/** The user's settings, live, with a setter that validates and stores a patch (returns why it refused it, worded, if it did). */
export function useSettings(): [Settings, (patch: Partial<Settings>) => Promise<string[]>] {
  const { db } = useLibrary();
  const { t } = useTranslation();
  const settings = useTableQuery(db, ['settings'], () => getSettings(db), []) ?? defaultSettings;
  const update = useCallback(async (patch: Partial<Settings>) => (await setSettings(db, patch)).map((error) => describeError(error, t)), [db, t]);
  return [settings, update];
}
