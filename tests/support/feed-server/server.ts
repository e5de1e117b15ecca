/**
 * The fault-injecting feed server: a real HTTP server on 127.0.0.1 (port 0) that serves feeds and
 * misbehaves on purpose, for unit tests (shared/net, the sync engine), e2e tests and the browser host demo.
 *
 *   const server = await startFeedServer();            // in beforeAll
 *   server.setFeed('/mine.xml', rssXml(...), { etag: '"v1"' });
 *   await fetchFeed({ url: server.url('/mine.xml') }, ...);
 *   server.requestsTo('/mine.xml')[0]?.headers['if-none-match'];
 *   await server.close();                              // in afterAll; never hangs, kills slow responses
 *
 * Published feeds (setFeed) answer conditional GETs: 304 when If-None-Match matches their etag or
 * If-Modified-Since equals/postdates their lastModified. A route added with `route()` beats everything.
 * Delays come from query strings (`?ms=`), defaulting to FeedServerOptions, so tests stay fast.
 *
 * Built-in paths (all GET):
 *   /feed.xml /atom.xml /feed.json     sample feeds (RSS has ETag "rss-v1" and a Last-Modified)
 *   /conditional/etag                  RSS with an ETag only;  /conditional/last-modified: Last-Modified only
 *   /no-validators                     RSS with neither (for body-hash "not modified")
 *   /redirect?codes=301,302&to=/feed.xml[&absolute=1]
 *                                      one hop per code (relative Location unless absolute=1), then `to`
 *   /redirect/loop/a <-> /redirect/loop/b   a 302 loop (`?code=301` to change the status)
 *   /redirect/endless/<n>              302 to /redirect/endless/<n+1>, forever (too many redirects)
 *   /redirect/to?location=<url>[&code=302]  a redirect to any Location (ftp:, javascript:...)
 *   /status/<code>[?retry-after=<v>]   that status with a short text body
 *   /rate-limited/seconds[?s=120]      429 with Retry-After: <seconds>
 *   /rate-limited/date[?at=<HTTP date>]  429 with Retry-After: <HTTP date> (default RETRY_AFTER_DATE)
 *   /unavailable                       503 without Retry-After
 *   /slow/first-byte[?ms=]             waits before sending headers, then /feed.xml's body
 *   /slow/body[?ms=&chunks=]           headers at once, then the feed trickled in `chunks` pieces `ms` apart
 *   /hang/headers                      never answers;  /hang/body: headers and half a feed, then nothing
 *   /reset/before-headers              destroys the socket at once
 *   /reset/mid-body                    headers (full Content-Length), half the body, then a socket reset
 *   /large[?mb=20&chunked=1]           a `mb` MB RSS body; with Content-Length unless chunked=1
 *   /encoded/gzip /encoded/br /encoded/deflate   the RSS sample, compressed, with Content-Encoding
 *   /charset/latin-1 /charset/windows-1252 /charset/shift_jis   feeds in real legacy bytes (charsetFeeds)
 *   /html/with-alternate               an HTML page with <link rel=alternate> to /feed.xml and /atom.xml
 *   /challenge/cloudflare              403 + cf-mitigated: challenge + "Just a moment..." page
 *   /challenge/cloudflare-503          503 with the challenge page and no cf-mitigated header
 *   /wrong-type/text-html /wrong-type/octet-stream   the RSS sample under a wrong Content-Type
 *   /garbage                           text/plain that is neither a feed nor HTML
 *   /cache/max-age[?s=900]  /cache/expires[?s=900]   the RSS sample with freshness headers
 *   /page/utf-8 /page/meta-charset /page/http-equiv /page/header-charset   HTML pages (charsetPages)
 *   /page/pdf                          a (fake) PDF, for "not a web page"
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { brotliCompressSync, deflateSync, gzipSync } from 'node:zlib';
import {
  atomXml,
  charsetFeeds,
  charsetPages,
  cloudflareChallengeHtml,
  htmlWithAlternate,
  jsonFeed,
  rssXml,
  sampleFeed,
} from './fixtures';

export * from './fixtures';

export interface FeedServerOptions {
  /** Default wait of /slow/first-byte, in ms. */
  firstByteDelayMs?: number;
  /** Default gap between the pieces of /slow/body, in ms. */
  trickleIntervalMs?: number;
  /** Default number of pieces of /slow/body. */
  trickleChunks?: number;
}

export interface PublishOptions {
  /** Default application/rss+xml for strings starting with `<`, application/feed+json for `{`. */
  contentType?: string;
  etag?: string;
  lastModified?: string;
  /** Extra response headers (Cache-Control, Expires...). */
  headers?: Record<string, string>;
}

export interface ResponseOutcome {
  /** Body bytes handed to the socket. */
  bytesSent: number;
  /** False when the connection closed before the response was complete. */
  complete: boolean;
}

export interface LoggedRequest {
  method: string;
  /** Path and query, as requested. */
  path: string;
  pathname: string;
  /** Lower-cased names; repeated headers joined with ", ". */
  headers: Record<string, string>;
  /** Date.now() on arrival. */
  at: number;
  /** Settles when the response ends or its connection closes. */
  done: Promise<ResponseOutcome>;
}

export type RouteHandler = (req: IncomingMessage, res: ServerResponse, url: URL) => void | Promise<void>;

export interface FeedServer {
  /** http://127.0.0.1:<port> */
  readonly origin: string;
  /** Absolute URL of a path on this server. */
  url(path: string): string;
  /** Publishes (or replaces) a feed body at a path; it then answers conditional GETs. */
  setFeed(path: string, body: string | Uint8Array, options?: PublishOptions): void;
  removeFeed(path: string): void;
  /** A custom handler for an exact pathname; takes priority over feeds and built-ins. */
  route(pathname: string, handler: RouteHandler): void;
  /** Every request, in arrival order. */
  readonly requests: readonly LoggedRequest[];
  requestsTo(pathname: string): LoggedRequest[];
  clearRequests(): void;
  /** Stops listening, ends slow responses and destroys open sockets; never hangs. */
  close(): Promise<void>;
}

const PLAIN_PATH = /^\/[\w\-.~/]*$/;

/** Fixed validators of the built-in /feed.xml. */
export const SAMPLE_ETAG = '"rss-v1"';
export const SAMPLE_LAST_MODIFIED = 'Mon, 01 Jan 2024 12:00:00 GMT';
/** Default Retry-After date of /rate-limited/date. */
export const RETRY_AFTER_DATE = 'Wed, 21 Oct 2037 07:28:00 GMT';

interface Published {
  body: Uint8Array;
  contentType: string;
  etag?: string;
  lastModified?: string;
  headers: Record<string, string>;
  /** The 200 and 304 answers' headers, made once when published (the bench serves each feed hundreds of times). */
  okHeaders: Record<string, string>;
  notModifiedHeaders: Record<string, string>;
}

export async function startFeedServer(options: FeedServerOptions = {}): Promise<FeedServer> {
  const firstByteDelayMs = options.firstByteDelayMs ?? 2_000;
  const trickleIntervalMs = options.trickleIntervalMs ?? 100;
  const trickleChunks = options.trickleChunks ?? 20;

  const feeds = new Map<string, Published>();
  const routes = new Map<string, RouteHandler>();
  const requests: LoggedRequest[] = [];
  const sockets = new Set<Socket>();
  const waits = new Set<{ timer: ReturnType<typeof setTimeout>; resolve: (open: boolean) => void }>();
  let closed = false;

  /** Resolves true after `ms`, or false at once when the server closes (the handler should then stop). */
  const wait = (ms: number): Promise<boolean> =>
    new Promise((resolve) => {
      if (closed) return resolve(false);
      const entry = {
        timer: setTimeout(() => {
          waits.delete(entry);
          resolve(!closed);
        }, ms),
        resolve,
      };
      waits.add(entry);
    });

  const publish = (path: string, body: string | Uint8Array, publishOptions: PublishOptions = {}): void => {
    const bytes = typeof body === 'string' ? new TextEncoder().encode(body) : body;
    const guessed = typeof body === 'string' && body.trimStart().startsWith('{') ? 'application/feed+json' : 'application/rss+xml; charset=utf-8';
    const contentType = publishOptions.contentType ?? guessed;
    const headers = publishOptions.headers ?? {};
    const notModifiedHeaders: Record<string, string> = { 'content-type': contentType, ...headers };
    if (publishOptions.etag !== undefined) notModifiedHeaders.etag = publishOptions.etag;
    if (publishOptions.lastModified !== undefined) notModifiedHeaders['last-modified'] = publishOptions.lastModified;
    const okHeaders = { ...notModifiedHeaders, 'content-length': String(bytes.byteLength) };
    const entry: Published = { body: bytes, contentType, headers, okHeaders, notModifiedHeaders };
    if (publishOptions.etag !== undefined) entry.etag = publishOptions.etag;
    if (publishOptions.lastModified !== undefined) entry.lastModified = publishOptions.lastModified;
    feeds.set(path, entry);
  };

  const sample = sampleFeed();
  const sampleRss = rssXml(sample);
  publish('/feed.xml', sampleRss, { etag: SAMPLE_ETAG, lastModified: SAMPLE_LAST_MODIFIED });
  publish('/atom.xml', atomXml(sampleFeed('Broadsheet Test Feed (Atom)')), { contentType: 'application/atom+xml' });
  publish('/feed.json', jsonFeed(sampleFeed('Broadsheet Test Feed (JSON)')));
  publish('/conditional/etag', rssXml(sampleFeed('ETag feed')), { etag: '"etag-only-v1"' });
  publish('/conditional/last-modified', rssXml(sampleFeed('Last-Modified feed')), { lastModified: SAMPLE_LAST_MODIFIED });
  publish('/no-validators', rssXml(sampleFeed('Feed without validators')));
  for (const [name, fixture] of Object.entries(charsetFeeds)) {
    publish(`/charset/${name}`, fixture.bytes, { contentType: fixture.contentType });
  }
  publish('/wrong-type/text-html', sampleRss, { contentType: 'text/html; charset=utf-8' });
  publish('/wrong-type/octet-stream', sampleRss, { contentType: 'application/octet-stream' });
  publish('/html/with-alternate', htmlWithAlternate(), { contentType: 'text/html; charset=utf-8' });
  publish('/garbage', 'This is plain text, neither a feed nor a web page.\n', { contentType: 'text/plain' });
  for (const [name, fixture] of Object.entries(charsetPages)) {
    publish(`/page/${name}`, fixture.bytes, { contentType: fixture.contentType });
  }
  publish('/page/pdf', '%PDF-1.4\n%fake\n', { contentType: 'application/pdf' });

  const sampleBytes = new TextEncoder().encode(sampleRss);
  const rssHeaders = { 'content-type': 'application/rss+xml; charset=utf-8' };

  const builtIn = async (req: IncomingMessage, res: ServerResponse, url: URL): Promise<boolean> => {
    const path = url.pathname;
    const query = url.searchParams;
    const ms = (fallback: number): number => Number(query.get('ms') ?? fallback);

    if (path === '/redirect') {
      const codes = (query.get('codes') ?? '301').split(',').filter(Boolean);
      const [code, ...rest] = codes;
      const to = query.get('to') ?? '/feed.xml';
      let location = to;
      if (rest.length > 0) {
        const next = new URLSearchParams(query);
        next.set('codes', rest.join(','));
        location = `/redirect?${next.toString()}`;
      }
      if (query.get('absolute') === '1') location = new URL(location, origin()).href;
      res.writeHead(Number(code ?? 301), { location, 'content-type': 'text/plain' }).end('Moved\n');
      return true;
    }
    const loop = /^\/redirect\/loop\/(a|b)$/.exec(path);
    if (loop) {
      const code = Number(query.get('code') ?? 302);
      const other = loop[1] === 'a' ? 'b' : 'a';
      res.writeHead(code, { location: `/redirect/loop/${other}${url.search}` }).end();
      return true;
    }
    const endless = /^\/redirect\/endless\/(\d+)$/.exec(path);
    if (endless) {
      res.writeHead(302, { location: `/redirect/endless/${Number(endless[1]) + 1}` }).end();
      return true;
    }
    if (path === '/redirect/to') {
      res.writeHead(Number(query.get('code') ?? 302), { location: query.get('location') ?? '/feed.xml' }).end();
      return true;
    }
    const status = /^\/status\/(\d{3})$/.exec(path);
    if (status) {
      const headers: Record<string, string> = { 'content-type': 'text/plain' };
      const retryAfter = query.get('retry-after');
      if (retryAfter !== null) headers['retry-after'] = retryAfter;
      res.writeHead(Number(status[1]), headers).end(`Status ${status[1]}\n`);
      return true;
    }
    if (path === '/rate-limited/seconds') {
      res.writeHead(429, { 'retry-after': query.get('s') ?? '120', 'content-type': 'text/plain' }).end('Slow down\n');
      return true;
    }
    if (path === '/rate-limited/date') {
      res.writeHead(429, { 'retry-after': query.get('at') ?? RETRY_AFTER_DATE, 'content-type': 'text/plain' }).end('Slow down\n');
      return true;
    }
    if (path === '/unavailable') {
      res.writeHead(503, { 'content-type': 'text/plain' }).end('Down for maintenance\n');
      return true;
    }
    if (path === '/slow/first-byte') {
      if (!(await wait(ms(firstByteDelayMs)))) return true;
      res.writeHead(200, rssHeaders).end(sampleBytes);
      return true;
    }
    if (path === '/slow/body') {
      const pieces = Math.max(1, Number(query.get('chunks') ?? trickleChunks));
      const size = Math.ceil(sampleBytes.byteLength / pieces);
      res.writeHead(200, { ...rssHeaders, 'content-length': String(sampleBytes.byteLength) });
      for (let offset = 0; offset < sampleBytes.byteLength; offset += size) {
        if (offset > 0 && !(await wait(ms(trickleIntervalMs)))) return true;
        res.write(sampleBytes.subarray(offset, offset + size));
      }
      res.end();
      return true;
    }
    if (path === '/hang/headers') {
      await wait(2 ** 31 - 1);
      return true;
    }
    if (path === '/hang/body') {
      res.writeHead(200, { ...rssHeaders, 'content-length': String(sampleBytes.byteLength) });
      res.write(sampleBytes.subarray(0, sampleBytes.byteLength >> 1));
      await wait(2 ** 31 - 1);
      return true;
    }
    if (path === '/reset/before-headers') {
      req.socket.destroy();
      return true;
    }
    if (path === '/reset/mid-body') {
      res.writeHead(200, { ...rssHeaders, 'content-length': String(sampleBytes.byteLength) });
      res.write(sampleBytes.subarray(0, sampleBytes.byteLength >> 1), () => {
        req.socket.resetAndDestroy();
      });
      return true;
    }
    if (path === '/large') {
      await sendLarge(res, Number(query.get('mb') ?? 20) * 1_000_000, query.get('chunked') === '1');
      return true;
    }
    const encoded = /^\/encoded\/(gzip|br|deflate)$/.exec(path);
    if (encoded) {
      const method = encoded[1] as 'gzip' | 'br' | 'deflate';
      const body = method === 'gzip' ? gzipSync(sampleBytes) : method === 'br' ? brotliCompressSync(sampleBytes) : deflateSync(sampleBytes);
      res.writeHead(200, { ...rssHeaders, 'content-encoding': method, 'content-length': String(body.byteLength), vary: 'Accept-Encoding' }).end(body);
      return true;
    }
    if (path === '/challenge/cloudflare') {
      res.writeHead(403, { 'content-type': 'text/html; charset=UTF-8', 'cf-mitigated': 'challenge', server: 'cloudflare' }).end(cloudflareChallengeHtml);
      return true;
    }
    if (path === '/challenge/cloudflare-503') {
      res.writeHead(503, { 'content-type': 'text/html; charset=UTF-8', server: 'cloudflare' }).end(cloudflareChallengeHtml);
      return true;
    }
    if (path === '/cache/max-age') {
      res.writeHead(200, { ...rssHeaders, 'cache-control': `public, max-age=${query.get('s') ?? '900'}` }).end(sampleBytes);
      return true;
    }
    if (path === '/cache/expires') {
      const now = Date.now();
      const expires = new Date(now + Number(query.get('s') ?? 900) * 1000).toUTCString();
      res.writeHead(200, { ...rssHeaders, date: new Date(now).toUTCString(), expires }).end(sampleBytes);
      return true;
    }
    return false;
  };

  /** Writes `total` bytes of a valid-looking RSS document, honouring backpressure so a client that stops reading stops us. */
  const sendLarge = async (res: ServerResponse, total: number, chunked: boolean): Promise<void> => {
    const head = new TextEncoder().encode('<?xml version="1.0"?><rss version="2.0"><channel><title>Large</title>');
    const tail = new TextEncoder().encode('</channel></rss>');
    const filler = new TextEncoder().encode(`<item><title>${'x'.repeat(1000)}</title></item>`);
    const headers: Record<string, string> = { 'content-type': 'application/rss+xml' };
    if (!chunked) headers['content-length'] = String(total);
    res.writeHead(200, headers);
    let sent = 0;
    const write = async (bytes: Uint8Array): Promise<boolean> => {
      if (closed || res.destroyed) return false;
      sent += bytes.byteLength;
      if (!res.write(bytes)) {
        await new Promise<void>((resolve) => {
          const done = (): void => {
            res.off('drain', done);
            res.off('close', done);
            resolve();
          };
          res.on('drain', done);
          res.on('close', done);
        });
      }
      return !closed && !res.destroyed;
    };
    if (!(await write(head))) return;
    while (sent + filler.byteLength + tail.byteLength <= total) {
      if (!(await write(filler))) return;
    }
    const pad = total - sent - tail.byteLength;
    if (pad > 0 && !(await write(new TextEncoder().encode(' '.repeat(pad))))) return;
    if (await write(tail)) res.end();
  };

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const raw = req.url ?? '/';
    // A plain path (letters, digits, - _ . ~ /, no dot segment) is its own pathname: no URL object for a feed download.
    const plain = PLAIN_PATH.test(raw) && !raw.includes('/.');
    const url = plain ? null : new URL(raw, 'http://127.0.0.1');
    const pathname = url?.pathname ?? raw;
    const fullUrl = (): URL => url ?? new URL(raw, 'http://127.0.0.1');
    let bytesSent = 0;
    const write = res.write.bind(res) as (...args: unknown[]) => boolean;
    const end = res.end.bind(res) as (...args: unknown[]) => ServerResponse;
    const count = (chunk: unknown): void => {
      if (typeof chunk === 'string') bytesSent += Buffer.byteLength(chunk);
      else if (chunk instanceof Uint8Array) bytesSent += chunk.byteLength;
    };
    res.write = ((...args: unknown[]) => {
      count(args[0]);
      return write(...args);
    }) as ServerResponse['write'];
    res.end = ((...args: unknown[]) => {
      if (typeof args[0] !== 'function') count(args[0]);
      return end(...args);
    }) as ServerResponse['end'];
    const done = new Promise<ResponseOutcome>((resolve) => {
      res.on('close', () => resolve({ bytesSent, complete: res.writableFinished }));
    });
    const headers: Record<string, string> = {};
    for (const [name, value] of Object.entries(req.headers)) {
      if (value !== undefined) headers[name] = Array.isArray(value) ? value.join(', ') : value;
    }
    requests.push({ method: req.method ?? 'GET', path: raw, pathname, headers, at: Date.now(), done });

    const custom = routes.get(pathname);
    if (custom) return custom(req, res, fullUrl());
    const feed = feeds.get(pathname);
    if (feed) return serveFeed(req, res, feed);
    if (await builtIn(req, res, fullUrl())) return;
    res.writeHead(404, { 'content-type': 'text/plain' }).end('Not found\n');
  };

  const server = createServer((req, res) => {
    handle(req, res).catch(() => res.destroy());
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const origin = (): string => `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    origin: origin(),
    url: (path) => new URL(path, origin()).href,
    setFeed: publish,
    removeFeed: (path) => void feeds.delete(path),
    route: (pathname, handler) => void routes.set(pathname, handler),
    requests,
    requestsTo: (pathname) => requests.filter((request) => request.pathname === pathname),
    clearRequests: () => void requests.splice(0),
    close: async () => {
      if (closed) return;
      closed = true;
      for (const entry of waits) {
        clearTimeout(entry.timer);
        entry.resolve(false);
      }
      waits.clear();
      const stopped = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
      for (const socket of sockets) socket.destroy();
      await stopped;
    },
  };
}

function serveFeed(req: IncomingMessage, res: ServerResponse, feed: Published): void {
  if (isNotModified(req, feed)) {
    res.writeHead(304, feed.notModifiedHeaders).end();
    return;
  }
  res.writeHead(200, feed.okHeaders).end(feed.body);
}

function isNotModified(req: IncomingMessage, feed: Published): boolean {
  const ifNoneMatch = req.headers['if-none-match'];
  if (ifNoneMatch !== undefined) {
    // If-None-Match wins over If-Modified-Since (RFC 9110 §13.2.2); weak comparison.
    if (feed.etag === undefined) return false;
    const wanted = feed.etag.replace(/^W\//, '');
    return ifNoneMatch === '*' || ifNoneMatch.split(',').some((tag) => tag.trim().replace(/^W\//, '') === wanted);
  }
  const ifModifiedSince = req.headers['if-modified-since'];
  if (ifModifiedSince !== undefined && feed.lastModified !== undefined) {
    const since = Date.parse(ifModifiedSince);
    const modified = Date.parse(feed.lastModified);
    return !Number.isNaN(since) && !Number.isNaN(modified) && modified <= since;
  }
  return false;
}
