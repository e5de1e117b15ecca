import { useLiveQuery } from 'dexie-react-hooks';
import { useCallback } from 'react';
import type { Settings } from '../../shared/db';
import { defaultSettings, getSettings, setSettings } from '../../shared/db';
import { useLibrary } from '../library/library-context';

/** The user's settings, live, with a setter that validates and stores a patch (returns the errors, if any). */
export function useSettings(): [Settings, (patch: Partial<Settings>) => Promise<string[]>] {
  const { db } = useLibrary();
  const settings = useLiveQuery(() => getSettings(db), [db]) ?? defaultSettings;
  const update = useCallback(
    async (patch: Partial<Settings>) => (await setSettings(db, patch)).map((error) => `${error.key}: ${error.message}`),
    [db],
  );
  return [settings, update];
}
