/**
 * The browser host's fetch for body-less GET/HEAD requests: node:http(s) under a WHATWG `fetch` signature, because
 * Node's own fetch (undici) costs about twice the CPU per feed download (request objects, header guards, web streams
 * per chunk: measured in /work/notes/host7.md). Everything else (a request body, another method, a non-http URL, a
 * Request object) goes to `fallback` unchanged, so accounts and their POSTs keep undici's exact behaviour.
 *
 * What shared/net relies on from Node's fetch, kept here: redirects are not followed with `redirect: 'manual'` (the 3xx
 * comes back as it is; shared/net/follow-redirects.ts follows it by hand), gzip/x-gzip/deflate (zlib or raw)/br bodies
 * and stacked codings are decoded as undici does (headers left as sent; an unknown coding leaves the body alone),
 * repeated headers are combined as Headers does, the signal aborts the request and its body, network failures reject with a
 * TypeError('fetch failed') whose `cause` carries the system error code (shared/net/network-error.ts reads it), and
 * connections are kept alive per origin. Name lookup and connecting (IPv4/IPv6, happy eyeballs) are net.connect's, as
 * for undici; neither uses a proxy. tests/unit/support/node-http-fetch.test.ts runs shared/net's HTTP suites over it
 * and compares it with Node's fetch.
 */
import http from 'node:http';
import https from 'node:https';
import { Transform, type Readable } from 'node:stream';
import zlib from 'node:zlib';

/** Statuses whose response has no body (Fetch standard), and which Response refuses to carry one for. */
const NULL_BODY_STATUS = new Set([101, 103, 204, 205, 304]);

export function createNodeHttpFetch(fallback: typeof fetch = globalThis.fetch): typeof fetch {
  const agents = { 'http:': new http.Agent({ keepAlive: true }), 'https:': new https.Agent({ keepAlive: true }) };
  return (input, init) => {
    const method = (init?.method ?? 'GET').toUpperCase();
    const url = typeof input === 'string' ? input : input instanceof URL ? input.href : null;
    const protocol = url === null ? null : /^(https?:)\/\//i.exec(url)?.[1]?.toLowerCase();
    if (
      url === null ||
      (protocol !== 'http:' && protocol !== 'https:') ||
      (method !== 'GET' && method !== 'HEAD') ||
      (init?.body !== undefined && init.body !== null) ||
      (init?.redirect !== undefined && init.redirect !== 'manual')
    ) {
      return fallback(input, init);
    }
    return request(url, protocol === 'https:' ? https : http, agents[protocol], method, init);
  };
}

function request(url: string, transport: typeof http | typeof https, agent: http.Agent, method: string, init: RequestInit | undefined): Promise<Response> {
  return new Promise((resolve, reject) => {
    const signal = init?.signal ?? undefined;
    if (signal?.aborted) return reject(abortError(signal));
    let target: URL;
    try {
      target = new URL(url);
    } catch (cause) {
      return reject(new TypeError('Invalid URL', { cause }));
    }
    const headers = requestHeaders(init?.headers);
    const req = transport.request(target, { method, headers, agent });
    const onAbort = () => req.destroy(abortError(signal as AbortSignal));
    signal?.addEventListener('abort', onAbort, { once: true });
    let answered = false;
    req.on('error', (cause) => {
      signal?.removeEventListener('abort', onAbort);
      if (!answered) reject(signal?.aborted ? abortError(signal) : new TypeError('fetch failed', { cause }));
    });
    req.on('response', (res) => {
      answered = true;
      const status = res.statusCode ?? 0;
      const responseHeaders = new Headers();
      const raw = res.rawHeaders;
      for (let i = 0; i + 1 < raw.length; i += 2) responseHeaders.append(raw[i] as string, raw[i + 1] as string);
      const hasBody = method !== 'HEAD' && !NULL_BODY_STATUS.has(status);
      if (!hasBody) {
        res.resume();
        res.once('end', () => signal?.removeEventListener('abort', onAbort));
      }
      let response: Response;
      try {
        const body = hasBody ? bodyStream(decoded(res, res.headers['content-encoding']), req, signal, onAbort) : null;
        response = new Response(body, { status, statusText: res.statusMessage ?? '', headers: responseHeaders });
      } catch (cause) {
        // A status Response cannot carry (below 200 or above 599): what fetch reports as a network error too.
        req.destroy();
        return reject(new TypeError('fetch failed', { cause }));
      }
      resolve(response);
    });
    req.end();
  });
}

function requestHeaders(init: HeadersInit | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  new Headers(init).forEach((value, name) => (out[name] = value));
  // What Node's fetch sends when the caller says nothing.
  out.accept ??= '*/*';
  out['accept-encoding'] ??= 'gzip, deflate, br';
  return out;
}

/** The body with its content codings undone, last applied first; an unknown coding leaves it as sent (as undici does). */
function decoded(res: http.IncomingMessage, header: string | undefined): Readable {
  if (!header) return res;
  const codings = header.toLowerCase().split(',').map((coding) => coding.trim()).filter((coding) => coding !== '' && coding !== 'identity');
  const decoders: Transform[] = [];
  for (const coding of codings.reverse()) {
    if (coding === 'gzip' || coding === 'x-gzip') decoders.push(zlib.createGunzip({ flush: zlib.constants.Z_SYNC_FLUSH, finishFlush: zlib.constants.Z_SYNC_FLUSH }));
    else if (coding === 'deflate') decoders.push(inflateEither());
    else if (coding === 'br') decoders.push(zlib.createBrotliDecompress({ flush: zlib.constants.BROTLI_OPERATION_FLUSH, finishFlush: zlib.constants.BROTLI_OPERATION_FLUSH }));
    else return res;
  }
  let stream: Readable = res;
  for (const decoder of decoders) {
    const source = stream;
    source.on('error', (error) => decoder.destroy(error));
    stream = source.pipe(decoder);
  }
  return stream;
}

/**
 * `deflate` as servers send it: zlib-wrapped as the standard says, or raw, as many do; told apart by the first byte (a
 * zlib header's low nibble is 8), as undici does.
 */
function inflateEither(): Transform {
  const options = { flush: zlib.constants.Z_SYNC_FLUSH, finishFlush: zlib.constants.Z_SYNC_FLUSH };
  let inflate: zlib.Inflate | zlib.InflateRaw | null = null;
  return new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      if (inflate === null) {
        if (chunk.byteLength === 0) return callback();
        const started = ((chunk[0] as number) & 0x0f) === 0x08 ? zlib.createInflate(options) : zlib.createInflateRaw(options);
        started.on('data', (data: Buffer) => this.push(data));
        started.on('error', (error) => this.destroy(error));
        inflate = started;
      }
      inflate.write(chunk, callback);
    },
    final(callback) {
      if (inflate === null) return callback();
      inflate.once('end', () => callback());
      inflate.end();
    },
  });
}

/** A web stream over the Node stream, paused while the reader is behind; cancel or abort closes the connection. */
function bodyStream(source: Readable, req: http.ClientRequest, signal: AbortSignal | undefined, onAbort: () => void): ReadableStream<Uint8Array> {
  let finished = false;
  const finish = () => {
    finished = true;
    signal?.removeEventListener('abort', onAbort);
  };
  return new ReadableStream<Uint8Array>(
    {
      start(controller) {
        const fail = (cause: unknown) => {
          if (finished) return;
          finish();
          controller.error(signal?.aborted ? abortError(signal) : new TypeError('terminated', { cause }));
        };
        source.on('data', (chunk: Buffer) => {
          if (finished) return;
          controller.enqueue(new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.byteLength));
          if ((controller.desiredSize ?? 1) <= 0) source.pause();
        });
        source.once('end', () => {
          if (finished) return;
          finish();
          controller.close();
        });
        source.once('error', fail);
        // A socket closed mid-body ends the response without 'end' (and, on some Node versions, without an error).
        source.once('close', () => fail(Object.assign(new Error('aborted'), { code: 'ECONNRESET' })));
      },
      pull() {
        source.resume();
      },
      cancel() {
        finish();
        req.destroy();
      },
    },
    { highWaterMark: 4 },
  );
}

function abortError(signal: AbortSignal): Error {
  return signal.reason instanceof Error ? signal.reason : new DOMException('This operation was aborted', 'AbortError');
}
