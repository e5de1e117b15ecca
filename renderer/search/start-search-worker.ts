/**
 * Starts the search Worker and asks it to open the library, from the first few KB of script the window runs: the
 * app's bundle (~850 KB) is still being fetched, compiled and run meanwhile, and the Worker's start (its own script,
 * the saved index read from disk and loaded) overlaps all of that instead of following it. Measured at 100,000
 * articles on a 2-core machine, the Worker was made 110-480 ms after navigation start behind the bundle.
 *
 * What the Worker says before the search service is listening (its progress while it loads, the open's answer) is
 * kept and handed over in order when the service takes the Worker: a Worker's messages are not queued for a listener
 * added later.
 */
import type { LibraryIndexRequest } from './library-protocol';

export interface StartedSearchWorker {
  worker: Worker;
  dbName: string;
  /** The request id of the open-library request already sent (the service waits for its answer). */
  openRequestId: number;
  /** Calls `listener` with every message so far, in order, and then with each new one as it comes. */
  listen(listener: (event: MessageEvent) => void): void;
}

/** The open request's id: the service numbers its own requests after it (downwards, as it always has). */
export const OPEN_REQUEST_ID = -1;

let started: StartedSearchWorker | null = null;

/**
 * Test setting: articles per build slice, from localStorage (set by an end-to-end test before the app loads) so a
 * small library's first build is slow enough to watch. Absent in normal use.
 */
function sliceDocsSetting(): number | undefined {
  try {
    const value = Number(globalThis.localStorage?.getItem('broadsheet.searchSliceDocs'));
    return Number.isInteger(value) && value > 0 ? value : undefined;
  } catch {
    return undefined;
  }
}

function startSearchWorker(dbName: string): StartedSearchWorker {
  const worker = new Worker(new URL('./search-worker.ts', import.meta.url), { type: 'module', name: 'search' });
  let kept: MessageEvent[] | null = [];
  let forward: ((event: MessageEvent) => void) | null = null;
  worker.addEventListener('message', (event: MessageEvent) => (forward ? forward(event) : kept?.push(event)));
  const sliceDocs = sliceDocsSetting();
  worker.postMessage({ type: 'open-library', requestId: OPEN_REQUEST_ID, dbName, ...(sliceDocs ? { sliceDocs } : {}) } satisfies LibraryIndexRequest);
  return {
    worker,
    dbName,
    openRequestId: OPEN_REQUEST_ID,
    listen(listener) {
      for (const event of kept ?? []) listener(event);
      kept = null;
      forward = listener;
    },
  };
}

/** Starts the Worker for `dbName` now, for the search service made later (renderer/main.tsx, before the app loads). */
export function startSearchWorkerEarly(dbName: string): void {
  if (started?.dbName !== dbName) started = startSearchWorker(dbName);
}

/** The Worker started early for `dbName` (each only once), else a new one. */
export function takeSearchWorker(dbName: string): StartedSearchWorker {
  const taken = started?.dbName === dbName ? started : startSearchWorker(dbName);
  if (taken === started) started = null;
  return taken;
}
