/**
 * The browser host's node:http fetch (tests/support/node-http-fetch.ts) must behave as Node's fetch does for
 * shared/net: every HTTP-rule suite of shared/net (redirects, validators, size caps, timeouts, charsets, codings,
 * resets, errors) runs again here with it as the fetch, and the cases it hands to Node's fetch are checked below.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { brotliCompressSync, deflateRawSync, deflateSync, gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createNodeHttpFetch } from '../../support/node-http-fetch';
import { startFeedServer, type FeedServer } from '../../support/feed-server';

vi.mock('../shared/net/helpers', async (importOriginal) => {
  const original = await importOriginal<typeof import('../shared/net/helpers')>();
  const { createNodeHttpFetch: make } = await import('../../support/node-http-fetch');
  // No fallback: every request of these suites must go through node:http.
  const nodeFetch = make(() => Promise.reject(new Error('the node:http fetch handed a request to its fallback')));
  return { ...original, baseOptions: (overrides = {}) => original.baseOptions({ fetch: nodeFetch, ...overrides }) };
});

describe('shared/net over the node:http fetch', async () => {
  await import('../shared/net/fetch-feed.test');
  await import('../shared/net/fetch-feed-parsing.test');
  await import('../shared/net/fetch-page.test');
  await import('../shared/net/fetch-image.test');
  await import('../shared/net/fetch-range.test');
});

describe('createNodeHttpFetch', () => {
  let server: FeedServer;
  beforeAll(async () => {
    server = await startFeedServer();
  });
  afterAll(async () => {
    await server.close();
  });

  it('hands requests with a body, other methods and non-http URLs to the fallback', async () => {
    const seen: string[] = [];
    const fallback = (async (input: RequestInfo | URL, init?: RequestInit) => {
      seen.push(`${init?.method ?? 'GET'} ${String(input)}`);
      return new Response('from the fallback');
    }) as typeof fetch;
    const nodeFetch = createNodeHttpFetch(fallback);
    await nodeFetch(server.url('/feed.xml'), { method: 'POST', body: 'x=1' });
    await nodeFetch(server.url('/feed.xml'), { method: 'PUT' });
    await nodeFetch('data:text/plain,hello');
    await nodeFetch(server.url('/feed.xml'), { redirect: 'follow' });
    expect(seen).toEqual([`POST ${server.url('/feed.xml')}`, `PUT ${server.url('/feed.xml')}`, 'GET data:text/plain,hello', `GET ${server.url('/feed.xml')}`]);
    const own = await nodeFetch(server.url('/feed.xml'), { redirect: 'manual' });
    expect(own.status).toBe(200);
    expect(await own.text()).toContain('<rss');
  });

  it('answers a 304 and a HEAD without a body, with their headers', async () => {
    const nodeFetch = createNodeHttpFetch();
    const first = await nodeFetch(server.url('/feed.xml'));
    const etag = first.headers.get('etag');
    await first.arrayBuffer();
    expect(etag).not.toBeNull();
    const again = await nodeFetch(server.url('/feed.xml'), { headers: { 'if-none-match': etag as string } });
    expect(again.status).toBe(304);
    expect(again.body).toBeNull();
    expect(again.headers.get('etag')).toBe(etag);
    const head = await nodeFetch(server.url('/feed.xml'), { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(head.body).toBeNull();
  });

  it('does not follow a redirect and shows where it leads', async () => {
    const nodeFetch = createNodeHttpFetch();
    const hop = createServer((_req, res) => res.writeHead(301, { location: '/elsewhere' }).end('moved'));
    await new Promise<void>((resolve) => hop.listen(0, '127.0.0.1', resolve));
    try {
      const response = await nodeFetch(`http://127.0.0.1:${(hop.address() as AddressInfo).port}/`, { redirect: 'manual' });
      expect(response.status).toBe(301);
      expect(response.headers.get('location')).toBe('/elsewhere');
      await response.body?.cancel();
    } finally {
      hop.closeAllConnections();
      await new Promise((resolve) => hop.close(resolve));
    }
  });

  it('rejects with the abort reason when its signal fires before the headers, and errors the body when it fires during it', async () => {
    const nodeFetch = createNodeHttpFetch();
    const early = new AbortController();
    const pending = nodeFetch(server.url('/hang/headers'), { signal: early.signal });
    early.abort(new Error('stop'));
    await expect(pending).rejects.toThrow('stop');

    const late = new AbortController();
    const response = await nodeFetch(server.url('/hang/body'), { signal: late.signal });
    const reader = (response.body as ReadableStream<Uint8Array>).getReader();
    expect((await reader.read()).done).toBe(false);
    late.abort(new Error('stop the body'));
    await expect(reader.read()).rejects.toThrow('stop the body');
  });

  it('rejects like Node fetch, with the system error as the cause, when nothing listens', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
    const failure = await createNodeHttpFetch()(`http://127.0.0.1:${port}/`).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(TypeError);
    expect((failure as { cause?: { code?: string } }).cause?.code).toBe('ECONNREFUSED');
  });
});

describe('createNodeHttpFetch beside Node fetch', () => {
  const body = Buffer.from(`<rss>${'news '.repeat(20_000)}</rss>`);
  let origin: string;
  const server = createServer((req, res) => {
    const headers = { 'content-type': 'application/rss+xml', 'set-cookie': ['a=1', 'b=2'], link: ['<a>; rel=x', '<b>; rel=y'] };
    if (req.url === '/raw-deflate') res.writeHead(200, { ...headers, 'content-encoding': 'deflate' }).end(deflateRawSync(body));
    else if (req.url === '/deflate') res.writeHead(200, { ...headers, 'content-encoding': 'deflate' }).end(deflateSync(body));
    else if (req.url === '/gzip-then-br') res.writeHead(200, { ...headers, 'content-encoding': 'gzip, br' }).end(brotliCompressSync(gzipSync(body)));
    else if (req.url === '/unknown-coding') res.writeHead(200, { ...headers, 'content-encoding': 'compress' }).end(body);
    else if (req.url === '/bad-gzip') res.writeHead(200, { ...headers, 'content-encoding': 'gzip' }).end('not gzip');
    else {
      res.writeHead(200, headers);
      res.write(body.subarray(0, 1000));
      setImmediate(() => res.end(body.subarray(1000)));
    }
  });
  beforeAll(async () => {
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  const outcome = async (fetchFn: typeof fetch, path: string) => {
    try {
      const response = await fetchFn(`${origin}${path}`, { redirect: 'manual' });
      const bytes = new Uint8Array(await response.arrayBuffer());
      return { status: response.status, size: bytes.byteLength, cookies: response.headers.getSetCookie(), link: response.headers.get('link'), encoding: response.headers.get('content-encoding') };
    } catch (error) {
      return { failed: (error as Error).name };
    }
  };

  it.each(['/raw-deflate', '/deflate', '/gzip-then-br', '/unknown-coding', '/bad-gzip', '/chunked'])('answers %s as Node fetch does', async (path) => {
    const expected = await outcome(globalThis.fetch, path);
    expect(await outcome(createNodeHttpFetch(), path)).toEqual(expected);
  });
});
