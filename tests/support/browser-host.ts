/**
 * The browser host: serves the built renderer and the Host contract over HTTP on 127.0.0.1, so the real UI runs in
 * any browser (the e2e tests drive it in Chromium; `npm run web` lets a person try it). It dispatches to the same
 * shared/ services as Electron's IPC handlers.
 *
 * Security: the API requires a random per-server token that is injected into the served page as a <meta>; other
 * local pages cannot read it (same-origin policy) nor send the custom header without a CORS preflight, which this
 * server never grants.
 */
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { CONTENT_SECURITY_POLICY } from '../../shared/csp';
import type { HostCommand, HostCallName, HostNotification, HostResult, HostSettings, ImageResponse, EnclosureRangeResponse } from '../../shared/host';
import { hostChannel } from '../../shared/host';
import { createAccountHost, memoryCredentialStore } from '../../shared/accounts/account-host';
import { ACCOUNT_ID_PREFIX } from '../../shared/accounts/ids';
import { createHostServices, dispatchHostCall, runFeedBatch } from '../../shared/host-services';
import { encodeFeedFrameInto, FEED_FRAMES_TYPE, type FeedFrameAnswer } from '../../shared/host-feed-frames';
import { userAgentFor } from '../../shared/net';
import { encodeRangeResult } from '../../shared/net/range-transport';
import { encodeImageResult } from '../../shared/offline/image-transport';
import { contentTypeFor, staticFilePath } from '../../shared/static-files';
import { createNodeHttpFetch } from './node-http-fetch';

export const TOKEN_HEADER = 'x-broadsheet-token';
const MAX_CALL_BODY_BYTES = 64 * 1024;
/** A fetchFeeds batch carries up to MAX_FEED_BATCH requests, each with validators. */
const MAX_BATCH_BODY_BYTES = 1024 * 1024;
/** Frame buffers kept for reuse, and the largest kept (a feed's frame is ~150 KB; a rare huge one is not held on to). */
const MAX_FRAME_BUFFERS = 16;
const MAX_REUSED_FRAME_BYTES = 4 * 1024 * 1024;

export interface BrowserHostOptions {
  /** Folder of the built renderer (out/renderer). */
  rendererDir: string;
  /** 0 picks a free port. */
  port?: number;
  /** Default: node:http for feed, page and image downloads, Node's fetch for the rest (./node-http-fetch.ts). */
  fetch?: typeof fetch;
  version?: string;
}

export interface BrowserHost {
  url: string;
  token: string;
  /** URLs the page asked to open in the system browser (validated), in order. */
  openedUrls: string[];
  /** Every unread count the page reported, in order (the last one is what a tray would show). */
  unreadCounts: number[];
  /** Every notification the page asked for (validated), in order; the page may also show it as a web notification. */
  notifications: HostNotification[];
  /** Every settings object the page applied, in order. */
  appliedSettings: HostSettings[];
  /** Pushes a command to every connected page, as the Electron menu, tray or a feed link would. */
  sendCommand(command: HostCommand): void;
  close(): Promise<void>;
}

export async function startBrowserHost(options: BrowserHostOptions): Promise<BrowserHost> {
  const token = randomBytes(24).toString('hex');
  const openedUrls: string[] = [];
  const unreadCounts: number[] = [];
  const notifications: HostNotification[] = [];
  const appliedSettings: HostSettings[] = [];
  const eventStreams = new Set<http.ServerResponse>();
  const hostFetch = options.fetch ?? createNodeHttpFetch();
  const services = createHostServices({
    fetch: hostFetch,
    version: options.version ?? '0.0.0',
    host: 'browser',
    os: process.platform,
    openExternal: async (url) => {
      openedUrls.push(url);
    },
    setUnreadCount: (count) => void unreadCounts.push(count),
    notify: (notification) => void notifications.push(notification),
    setSettings: (settings) => void appliedSettings.push(settings),
    // Credentials in memory only: a browser host run is a test or a try-out, and they die with it.
    accounts: createAccountHost({
      fetch: hostFetch,
      store: memoryCredentialStore(),
      md5: (text) => createHash('md5').update(text, 'utf8').digest('hex'),
      newAccountId: () => ACCOUNT_ID_PREFIX + randomUUID(),
      userAgent: userAgentFor(options.version ?? '0.0.0'),
    }),
  });
  /** Frame buffers whose bytes the socket has taken, for the next frames (see encodeFeedFrameInto). */
  const frameBuffers: Uint8Array<ArrayBuffer>[] = [];
  const callNames = new Map(Object.entries(hostChannel).map(([name, channel]) => [channel, name as HostCallName]));

  const server = http.createServer((request, response) => {
    void handle(request, response).catch(() => {
      if (!response.headersSent) response.writeHead(500);
      response.end();
    });
  });

  async function handle(request: http.IncomingMessage, response: http.ServerResponse): Promise<void> {
    const url = new URL(request.url ?? '/', 'http://127.0.0.1');
    if (url.pathname.startsWith('/host/')) return handleApi(request, response, url);
    if (request.method !== 'GET' && request.method !== 'HEAD') return send(response, 405, 'Method not allowed');
    const relative = staticFilePath(url.pathname);
    if (relative === null) return send(response, 404, 'Not found');
    let body: Buffer;
    try {
      body = await readFile(path.join(options.rendererDir, relative));
    } catch {
      return send(response, 404, 'Not found');
    }
    if (relative === 'index.html') {
      const meta = `<meta name="broadsheet-host-token" content="${token}">`;
      body = Buffer.from(body.toString('utf8').replace('</head>', `${meta}</head>`));
    }
    response.writeHead(200, {
      'Content-Type': contentTypeFor(relative),
      'Content-Security-Policy': CONTENT_SECURITY_POLICY,
      'X-Content-Type-Options': 'nosniff',
      'Cache-Control': relative === 'index.html' ? 'no-store' : 'no-cache',
    });
    response.end(request.method === 'HEAD' ? undefined : body);
  }

  async function handleApi(request: http.IncomingMessage, response: http.ServerResponse, url: URL): Promise<void> {
    if (url.pathname === '/host/events') {
      if (url.searchParams.get('token') !== token) return send(response, 403, 'Forbidden');
      response.writeHead(200, { 'Content-Type': 'text/event-stream', 'Cache-Control': 'no-store', Connection: 'keep-alive' });
      response.write(': connected\n\n');
      eventStreams.add(response);
      request.on('close', () => eventStreams.delete(response));
      return;
    }
    if (request.headers[TOKEN_HEADER] !== token) return send(response, 403, 'Forbidden');
    const origin = request.headers.origin;
    if (origin !== undefined && origin !== hostUrl) return send(response, 403, 'Forbidden');
    if (request.method !== 'POST') return send(response, 405, 'Method not allowed');
    if (!String(request.headers['content-type']).startsWith('application/json')) return send(response, 415, 'JSON only');
    const name = callNames.get(url.pathname.slice('/host/'.length));
    if (name === undefined) return send(response, 404, 'Unknown host call');
    const raw = await readBody(request, name === 'fetchFeeds' ? MAX_BATCH_BODY_BYTES : MAX_CALL_BODY_BYTES);
    let args: unknown;
    try {
      args = raw === null ? undefined : (JSON.parse(raw) as { args?: unknown }).args;
    } catch {
      args = undefined;
    }
    if (name === 'fetchFeeds' && raw !== null) return streamFeedBatch(response, args, String(request.headers.accept).includes(FEED_FRAMES_TYPE));
    const result =
      raw === null
        ? { ok: false, error: { kind: 'invalid-argument', message: 'The request is too large' } }
        : await dispatchHostCall(services, name, args);
    response.writeHead(200, { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store' });
    // JSON has no bytes: fetchImage's travel as base64 (decoded in renderer/host/browser-host-client.ts).
    const answer =
      name === 'fetchImage'
        ? encodeImageResult(result as HostResult<ImageResponse>)
        : name === 'fetchEnclosureRange'
          ? encodeRangeResult(result as HostResult<EnclosureRangeResponse>)
          : result;
    response.end(JSON.stringify(answer));
  }

  /**
   * Each feed's answer as it is ready, then the call's end (shared/host-port-protocol.ts): as binary frames when the
   * page asks for them (shared/host-feed-frames.ts, what this build's sync worker does), else as JSON lines (a page
   * of an older build, such as the baseline of a bench A/B).
   */
  async function streamFeedBatch(response: http.ServerResponse, args: unknown, framed: boolean): Promise<void> {
    const type = framed ? FEED_FRAMES_TYPE : 'application/x-ndjson; charset=utf-8';
    response.writeHead(200, { 'Content-Type': type, 'Cache-Control': 'no-store' });
    const write = (answer: FeedFrameAnswer) => {
      if (response.writableEnded || response.destroyed) return;
      if (!framed) return void response.write(jsonLine(answer));
      const frame = encodeFeedFrameInto(answer, frameBuffers.pop() ?? null);
      // The buffer is reused once the socket has taken its bytes (never while Node still holds it queued).
      response.write(frame, (error) => {
        if (!error && frameBuffers.length < MAX_FRAME_BUFFERS && frame.buffer.byteLength <= MAX_REUSED_FRAME_BYTES) frameBuffers.push(new Uint8Array(frame.buffer));
      });
    };
    const end = await runFeedBatch(services, args, (index, result) => write({ index, result }));
    write({ result: end });
    response.end();
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const hostUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    url: hostUrl,
    token,
    openedUrls,
    unreadCounts,
    notifications,
    appliedSettings,
    sendCommand(command) {
      const frame = `data: ${JSON.stringify(command)}\n\n`;
      for (const stream of eventStreams) stream.write(frame);
    },
    close() {
      for (const stream of eventStreams) stream.end();
      server.closeAllConnections();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}

/**
 * One ndjson line as bytes. Written as a string, a line would be scanned once for its length (chunked encoding) and
 * again to encode it, and `${json}\n` makes a cons string that Node encodes several times slower than a flat one.
 */
export function jsonLine(value: unknown): Buffer {
  const json = JSON.stringify(value);
  const length = Buffer.byteLength(json);
  const line = Buffer.allocUnsafe(length + 1);
  line.write(json);
  line[length] = 0x0a;
  return line;
}

function send(response: http.ServerResponse, status: number, message: string): void {
  response.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8' });
  response.end(message);
}

/** The body as text, or null when it is larger than the limit. */
function readBody(request: http.IncomingMessage, limit: number): Promise<string | null> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        resolve(null);
        request.destroy();
        return;
      }
      chunks.push(chunk);
    });
    request.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    request.on('error', reject);
  });
}
