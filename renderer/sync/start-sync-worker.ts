/**
 * Starts the window's sync worker and returns its client. The worker gets the host the page runs under: the browser
 * host's token (it calls the host over HTTP itself), or in Electron a MessagePort to the main process, which the
 * window asks for once and hands over without relaying any call. The Worker itself is made once `when` settles (the
 * client takes requests at once and they reach it then, in order).
 */
import { browserHostToken } from '../host/browser-host-client';
import { requestHostPort } from '../host/electron-bridge';
import type { SyncClient, SyncWorkerEndpoint } from './sync-client';
import { createSyncClient } from './sync-client';
import type { SyncWorkerInit } from './sync-protocol';

/** A Worker made only when `started` settles; what is posted and listened for before is passed on then, in order. */
function workerWhen(started: Promise<unknown>, make: () => Worker): SyncWorkerEndpoint {
  let worker: Worker | null = null;
  const before: Array<(worker: Worker) => void> = [];
  const later = (step: (worker: Worker) => void) => (worker ? step(worker) : before.push(step));
  const start = (): void => {
    worker = make();
    for (const step of before.splice(0)) step(worker);
  };
  void started.then(start, start);
  return {
    postMessage: (message, transfer) => later((w) => w.postMessage(message, transfer ?? [])),
    addEventListener: (type: 'message' | 'error', listener: (event: never) => void) => later((w) => w.addEventListener(type, listener as EventListener)),
  } as SyncWorkerEndpoint;
}

export function startSyncWorker(dbName: string, when: Promise<unknown> = Promise.resolve()): SyncClient {
  const worker = workerWhen(when, () => new Worker(new URL('./sync-worker.ts', import.meta.url), { type: 'module', name: 'sync' }));
  const client = createSyncClient(worker);
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
