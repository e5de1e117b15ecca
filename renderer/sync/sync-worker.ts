/**
 * The sync Worker: the sync engine off the UI thread, with its own Dexie connection to the library (the window's live
 * queries see its writes) and its own line to the host (HTTP with the page's token in the browser host, a MessagePort
 * to the main process in Electron). Vite bundles it from `new Worker(new URL('./sync-worker.ts', import.meta.url))`.
 * Behaviour lives in sync-worker-core.ts; this file only wires it to the Worker's messages.
 */
import { BroadsheetDb } from '../../shared/db';
import { discoverFeeds } from '../../shared/feeds';
import type { HostTransport } from '../host/host-transport';
import { createHttpHostTransport } from '../host/http-host-transport';
import { createPortHostTransport } from '../host/port-host-transport';
import type { SyncWorkerCore } from './sync-worker-core';
import { createSyncWorkerCore } from './sync-worker-core';
import { lockedMergeTurns } from './merge-turns';
import { personLockName } from '../library/person-turns';
import type { SyncWorkerEvent, SyncWorkerInit, SyncWorkerRequest } from './sync-protocol';
import { isSearchPortMessage, isSyncWorkerInit, isSyncWorkerRequest } from './sync-protocol';
import { syncHostOver } from './worker-host';

const scope = self as unknown as {
  onmessage: ((event: MessageEvent<unknown>) => void) | null;
  postMessage(message: SyncWorkerEvent): void;
};

let core: SyncWorkerCore | null = null;
/** Requests that arrive before init (the window may ask while it still waits for Electron's port). */
const early: SyncWorkerRequest[] = [];
/** The search worker's port, if it came before init. */
let earlySearchPort: MessagePort | null = null;

function transportFor(init: SyncWorkerInit, port: MessagePort | undefined): HostTransport | null {
  if (init.transport.kind === 'http') return createHttpHostTransport(init.transport.token);
  if (init.transport.kind === 'port' && port) return createPortHostTransport(port);
  return null;
}

scope.onmessage = (event) => {
  const message = event.data;
  if (isSyncWorkerInit(message)) {
    if (core) return;
    const db = new BroadsheetDb({ name: message.dbName });
    const mergeTurn = lockedMergeTurns(message.dbName, {
      locks: (self as unknown as { navigator: Partial<Pick<Navigator, 'locks'>> }).navigator.locks,
      channel: typeof BroadcastChannel === 'function' ? new BroadcastChannel(personLockName(message.dbName)) : undefined,
      now: Date.now,
    });
    core = createSyncWorkerCore({
      db,
      host: syncHostOver(transportFor(message, event.ports[0])),
      now: Date.now,
      post: (out) => scope.postMessage(out),
      discoverFeeds,
      // A person's reads and writes of the library go before each merge (renderer/library/person-turns.ts).
      ...(mergeTurn ? { engine: { mergeTurn } } : {}),
    });
    if (earlySearchPort) core.sendArticlesTo(earlySearchPort);
    for (const request of early.splice(0)) core.handle(request);
    return;
  }
  if (isSearchPortMessage(message)) {
    const port = event.ports[0];
    if (port && core) core.sendArticlesTo(port);
    else if (port) earlySearchPort = port;
    return;
  }
  if (!isSyncWorkerRequest(message)) return;
  if (core) core.handle(message);
  else early.push(message);
};
