/**
 * Runs offline work for the window's lifetime: new articles from every sync merge go to the offline worker, and
 * the browser is asked once to keep the library's storage persistent (not evicted under storage pressure).
 */
import { useEffect, useMemo } from 'react';
import { useLibrary } from '../library/library-context';
import type { OfflineWorker } from './offline-worker';
import { createOfflineWorker } from './offline-worker';

let persistRequested = false;

function requestPersistentStorage(): void {
  if (persistRequested) return;
  persistRequested = true;
  void navigator.storage?.persist?.().catch(() => false);
}

export function useOffline(): OfflineWorker {
  const { db, engine, host } = useLibrary();
  const worker = useMemo(() => createOfflineWorker({ db, host, now: Date.now }), [db, host]);
  useEffect(() => {
    requestPersistentStorage();
    return engine.onArticlesAdded((ids) => worker.enqueue(ids));
  }, [engine, worker]);
  return worker;
}
