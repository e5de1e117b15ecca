/**
 * Host calls over HTTP to the browser host (tests/support/browser-host.ts): each call is a POST carrying the token the
 * server injected into the page. Works in the window and in workers (same origin). fetchFeeds is one POST whose answer
 * streams back one frame per feed as each is ready (shared/host-feed-frames.ts), so a batch of 304s is one round
 * trip and a slow feed does not hold back the rest.
 */
import type { FeedBatchFetch, HostCallName, HostResult } from '../../shared/host';
import { hostChannel } from '../../shared/host';
import { FEED_FRAMES_TYPE, FeedFrameReader } from '../../shared/host-feed-frames';
import { isFeedLine } from '../../shared/host-port-protocol';
import { decodeImageResult } from '../../shared/offline/image-transport';
import type { HostTransport } from './host-transport';
import { hostNotRunning } from './host-transport';
import { coded } from '../../shared/i18n/errors';

/** The most a read of the answer's body takes at once (the network hands over far less at a time). */
const BODY_READ_BYTES = 256 * 1024;

/**
 * The body's chunks, each read into the memory of the one before where the stream allows it (a BYOB reader): a fresh
 * buffer per chunk was fresh memory, page faults included, for bytes dead once the frame reader has them (it keeps
 * nothing of a chunk). A chunk is valid until the next read; null at the end.
 */
function bodyReader(body: ReadableStream<Uint8Array>): { read(): Promise<Uint8Array | null>; cancel(): void } {
  let byob: ReadableStreamBYOBReader | null = null;
  try {
    byob = body.getReader({ mode: 'byob' });
  } catch {
    // Not a byte stream: chunks as the stream makes them.
  }
  if (byob) {
    const reader = byob;
    let memory: ArrayBufferLike = new ArrayBuffer(BODY_READ_BYTES);
    return {
      async read() {
        const { done, value } = await reader.read(new Uint8Array(memory));
        if (done || !value) return null;
        memory = value.buffer;
        return value;
      },
      cancel: () => void reader.cancel().catch(() => undefined),
    };
  }
  const reader = body.getReader();
  return {
    async read() {
      const { done, value } = await reader.read();
      return done ? null : value;
    },
    cancel: () => void reader.cancel().catch(() => undefined),
  };
}

/** `origin` is empty in the page and its workers (same-origin paths); tests in Node pass the browser host's URL. */
export function createHttpHostTransport(token: string, origin = ''): HostTransport {
  const post = (name: HostCallName, args: unknown[], accept = 'application/json') =>
    fetch(`${origin}/host/${hostChannel[name]}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Accept: accept, 'X-Broadsheet-Token': token },
      body: JSON.stringify({ args }),
    });

  async function call<T>(name: HostCallName, args: unknown[]): Promise<HostResult<T>> {
    try {
      const response = await post(name, args);
      if (!response.ok) {
        return { ok: false, error: { kind: 'unavailable', ...coded('errors.host.refused', `The host refused the call (${response.status})`, { status: response.status }) } };
      }
      return (await response.json()) as HostResult<T>;
    } catch {
      return { ok: false, error: hostNotRunning };
    }
  }

  const fetchFeeds: FeedBatchFetch = async (requests, onResult) => {
    let response: Response;
    try {
      response = await post('fetchFeeds', [requests], FEED_FRAMES_TYPE);
    } catch {
      throw new Error(hostNotRunning.message);
    }
    if (!response.ok || !response.body) throw new Error(`The host refused the call (${response.status})`);
    if (response.headers.get('content-type') !== FEED_FRAMES_TYPE) throw new Error('The host answered fetchFeeds in an unknown format');
    const frames = new FeedFrameReader();
    const reader = bodyReader(response.body);
    let end: HostResult<unknown> | null = null;
    try {
      for (;;) {
        const chunk = await reader.read();
        if (!chunk) break;
        for (const answer of frames.push(chunk)) {
          if (isFeedLine(answer)) onResult(answer.index, answer.result);
          else end = answer.result;
        }
      }
      frames.finish();
    } catch (thrown) {
      // A broken frame (shared/host-feed-frames.ts) leaves nothing to trust after it: free the connection.
      reader.cancel();
      throw thrown;
    }
    if (end && !end.ok) throw new Error(end.error.message);
  };

  // The bytes come as base64 in the JSON answer (tests/support/browser-host.ts encodes them).
  const fetchImage = async (url: string) => decodeImageResult(await call<unknown>('fetchImage', [url]));
  return { call, fetchFeeds, fetchImage };
}
