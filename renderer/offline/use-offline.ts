/**
 * Runs offline work for the window's lifetime: new articles whose feed wants the full text go to the offline worker
 * (the sync worker stores every other new article's images itself: finding an article in a page needs the DOM), and
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
    return engine.onFullTextWanted((ids) => worker.enqueue(ids));
  }, [engine, worker]);
  return worker;
}
