/**
 * Starts the window's sync worker and returns its client. The worker gets the host the page runs under: the browser
 * host's token (it calls the host over HTTP itself), or in Electron a MessagePort to the main process, which the
 * window asks for once and hands over without relaying any call. Whether it is syncing goes to the person turns.
 */
import { browserHostToken } from '../host/browser-host-client';
import { requestHostPort } from '../host/electron-bridge';
import { syncUnderWay } from '../library/person-turns';
import type { SyncClient } from './sync-client';
import { createSyncClient } from './sync-client';
import type { SyncWorkerInit } from './sync-protocol';

export function startSyncWorker(dbName: string): SyncClient {
  const worker = new Worker(new URL('./sync-worker.ts', import.meta.url), { type: 'module', name: 'sync' });
  const client = createSyncClient(worker);
  // A person's requests take turns with the worker's merges only while it syncs (renderer/library/person-turns.ts).
  client.onProgress((progress) => syncUnderWay(dbName, progress.running));
  const port = requestHostPort();
  if (port) {
    void port.then((hostPort) => {
      const init: SyncWorkerInit = { type: 'init', dbName, transport: { kind: 'port' } };
      worker.postMessage(init, [hostPort]);
    });
  } else {
    const token = browserHostToken();
    const init: SyncWorkerInit = { type: 'init', dbName, transport: token ? { kind: 'http', token } : { kind: 'none' } };
    worker.postMessage(init);
  }
  return client;
}
