import { useSyncExternalStore } from 'react';
import { useLibrary } from '../library/library-context';
import type { IndexProgress } from '../search/library-indexer';

/** The search index's progress while it loads or builds, re-rendering the caller on each report. */
export function useIndexProgress(): IndexProgress {
  const { search } = useLibrary();
  return useSyncExternalStore(search.onProgress, search.progress);
}
