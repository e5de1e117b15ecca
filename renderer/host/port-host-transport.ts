/**
 * Host calls over a MessagePort to Electron's main process (electron/host-port.ts), for the sync worker: no round
 * trip through the window. Messages follow shared/host-port-protocol.ts; the main process validates every call.
 */
import type { FeedBatchFetch, FeedResponse, HostCallName, HostResult } from '../../shared/host';
import type { HostPortAnswer, HostPortCall } from '../../shared/host-port-protocol';
import { isFeedLine } from '../../shared/host-port-protocol';
import type { HostTransport } from './host-transport';

/** The part of a MessagePort the transport uses (a real port in the worker, a MessageChannel end in tests). */
export interface HostPort {
  postMessage(message: HostPortCall): void;
  addEventListener(type: 'message', listener: (event: MessageEvent<unknown>) => void): void;
  start(): void;
}

interface Waiting {
  onFeed?: (index: number, result: HostResult<FeedResponse>) => void;
  onEnd: (result: HostResult<unknown>) => void;
}

export function createPortHostTransport(port: HostPort): HostTransport {
  let nextId = 1;
  const waiting = new Map<number, Waiting>();

  port.addEventListener('message', (event) => {
    const answer = event.data as HostPortAnswer | null;
    if (typeof answer !== 'object' || answer === null || typeof answer.id !== 'number') return;
    const entry = waiting.get(answer.id);
    if (!entry) return;
    if (isFeedLine(answer)) {
      entry.onFeed?.(answer.index, answer.result);
      return;
    }
    waiting.delete(answer.id);
    entry.onEnd(answer.result);
  });
  port.start();

  function send(name: HostCallName, args: unknown[], entry: Waiting): void {
    const id = nextId++;
    waiting.set(id, entry);
    port.postMessage({ id, name, args });
  }

  const call = <T>(name: HostCallName, args: unknown[]) =>
    new Promise<HostResult<T>>((resolve) => send(name, args, { onEnd: (result) => resolve(result as HostResult<T>) }));

  const fetchFeeds: FeedBatchFetch = (requests, onResult) =>
    new Promise<void>((resolve, reject) =>
      send('fetchFeeds', [requests], {
        onFeed: onResult,
        onEnd: (result) => (result.ok ? resolve() : reject(new Error(result.error.message))),
      }),
    );

  // A MessagePort structured-clones the Uint8Array: the bytes arrive as bytes.
  return { call, fetchFeeds, fetchImage: (url) => call('fetchImage', [url]) };
}
