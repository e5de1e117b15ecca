import { useEffect, useState } from 'react';
import type { BroadsheetDb } from '../../shared/db';
import { watchTables } from '../state/watch-tables';

/**
 * A query's answer, read again after every commit to one of `tables` (renderer/state/watch-tables.ts says why not
 * Dexie's useLiveQuery); undefined until the first answer. `deps` are the query's inputs, as for useEffect.
 */
export function useTableQuery<T>(db: BroadsheetDb, tables: readonly string[], query: () => Promise<T>, deps: readonly unknown[]): T | undefined {
  // The answer itself, not wrapped: an equal primitive (a setting's value) renders nothing again.
  const [answer, setAnswer] = useState<T | undefined>(undefined);
  useEffect(
    () => watchTables(db, tables, query, (value) => setAnswer(() => value), (error) => console.error('query failed', error)),
    // eslint-disable-next-line react-hooks/exhaustive-deps -- the query and its tables are given by deps
    [db, ...deps],
  );
  return answer;
}
