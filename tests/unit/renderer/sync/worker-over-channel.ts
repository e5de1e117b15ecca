/**
 * The worker's core and the window's sync client joined by a real MessageChannel, as across the Worker boundary:
 * every request and event is structured-cloned on its way, so what the tests see is what a window would.
 */
import { createSyncClient, type SyncClient, type SyncWorkerEndpoint } from '../../../../renderer/sync/sync-client';
import { createSyncWorkerCore, type SyncWorkerCore, type SyncWorkerCoreOptions } from '../../../../renderer/sync/sync-worker-core';
import { isSearchPortMessage, isSyncWorkerRequest } from '../../../../renderer/sync/sync-protocol';

export interface WorkerOverChannel {
  core: SyncWorkerCore;
  client: SyncClient;
  /** Stops the core and closes both ends of the channel. */
  close(): void;
}

export function workerOverChannel(options: Omit<SyncWorkerCoreOptions, 'post'>): WorkerOverChannel {
  const channel = new MessageChannel();
  const core = createSyncWorkerCore({ ...options, post: (event) => channel.port2.postMessage(event) });
  channel.port2.onmessage = (event: MessageEvent<unknown>) => {
    if (isSyncWorkerRequest(event.data)) core.handle(event.data);
    // As renderer/sync/sync-worker.ts: the search worker's port comes transferred with its message.
    else if (isSearchPortMessage(event.data) && event.ports[0]) core.sendArticlesTo(event.ports[0]);
  };
  const endpoint: SyncWorkerEndpoint = {
    postMessage: (message, transfer) => channel.port1.postMessage(message, transfer ?? []),
    addEventListener: (type: 'message' | 'error', listener: (event: never) => void) => {
      if (type === 'message') channel.port1.addEventListener('message', listener as (event: MessageEvent) => void);
    },
  };
  channel.port1.start();
  return {
    core,
    client: createSyncClient(endpoint),
    close: () => {
      core.close();
      channel.port1.close();
      channel.port2.close();
    },
  };
}
