/**
 * HTTP rules of fetchFeed (issue 4), over real HTTP against the fault-injecting feed server. Parsing is a
 * recording stub here, so each test proves one HTTP rule; tests/unit/shared/net/fetch-feed-parsing.test.ts
 * runs the real parser.
 */
import { createHash } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FeedRequest, FeedResponse, HostError, HostResult } from '../../../../shared/host';
import { fetchFeedWith } from '../../../../shared/net/fetch-feed';
import type { FetchOptions } from '../../../../shared/net/options';
import { FEED_ACCEPT, userAgentFor } from '../../../../shared/net/user-agent';
import {
  RETRY_AFTER_DATE,
  SAMPLE_ETAG,
  SAMPLE_LAST_MODIFIED,
  rssXml,
  sampleFeed,
  startFeedServer,
  type FeedServer,
} from '../../../support/feed-server';
import { baseOptions, recordingParser, text } from './helpers';

let server: FeedServer;
beforeAll(async () => {
  server = await startFeedServer();
});
afterAll(async () => {
  await server.close();
});

function fetchWith(request: FeedRequest, overrides: Partial<FetchOptions> = {}, parse = recordingParser()) {
  return fetchFeedWith(parse, request, baseOptions(overrides));
}

function expectOk(result: HostResult<FeedResponse>): FeedResponse {
  if (!result.ok) throw new Error(`expected ok, got ${result.error.kind}: ${result.error.message}`);
  return result.value;
}

function expectError(result: HostResult<FeedResponse>): HostError {
  if (result.ok) throw new Error(`expected an error, got ${result.value.status}`);
  return result.error;
}

const sha256 = (data: string | Uint8Array): string => createHash('sha256').update(data).digest('hex');

describe('request headers', () => {
  it('identifies itself and asks for feed types and compressed bodies', async () => {
    const path = '/no-validators';
    const result = await fetchWith({ url: server.url(path) }, { userAgent: userAgentFor('1.2.3') });
    expectOk(result);
    const headers = server.requestsTo(path).at(-1)?.headers ?? {};
    expect(headers['user-agent']).toBe('Broadsheet/1.2.3 (+https://github.com/broadsheet-app/broadsheet)');
    expect(headers.accept).toBe(FEED_ACCEPT);
    for (const type of ['application/rss+xml', 'application/atom+xml', 'application/feed+json', 'application/json', 'application/xml', 'text/xml']) {
      expect(headers.accept).toContain(type);
    }
    expect(headers.accept).toMatch(/\*\/\*;q=0\.\d/);
    expect(headers['accept-encoding']).toMatch(/gzip/);
    expect(headers['accept-encoding']).toMatch(/br/);
    expect(headers['accept-encoding']).toMatch(/deflate/);
  });

  it('sends URL credentials as Basic authorization, not in the URL', async () => {
    const url = server.url('/no-validators').replace('http://', 'http://reader:s%20cret@');
    expectOk(await fetchWith({ url }));
    const headers = server.requestsTo('/no-validators').at(-1)?.headers ?? {};
    expect(headers.authorization).toBe(`Basic ${btoa('reader:s cret')}`);
  });
});

describe('conditional GET', () => {
  it('sends If-None-Match and If-Modified-Since and reports a 304 as not modified', async () => {
    const result = await fetchWith({ url: server.url('/feed.xml'), etag: SAMPLE_ETAG, lastModified: SAMPLE_LAST_MODIFIED });
    const value = expectOk(result);
    expect(value.status).toBe('not-modified');
    expect(value.etag).toBe(SAMPLE_ETAG);
    expect(value.lastModified).toBe(SAMPLE_LAST_MODIFIED);
    const headers = server.requestsTo('/feed.xml').at(-1)?.headers ?? {};
    expect(headers['if-none-match']).toBe(SAMPLE_ETAG);
    expect(headers['if-modified-since']).toBe(SAMPLE_LAST_MODIFIED);
  });

  it('gets 304 from Last-Modified alone', async () => {
    const value = expectOk(await fetchWith({ url: server.url('/conditional/last-modified'), lastModified: SAMPLE_LAST_MODIFIED }));
    expect(value.status).toBe('not-modified');
  });

  it('returns the new body and validators when the stored etag is stale', async () => {
    const parse = recordingParser();
    const value = expectOk(await fetchWith({ url: server.url('/feed.xml'), etag: '"old"' }, {}, parse));
    expect(value.status).toBe('ok');
    expect(value.etag).toBe(SAMPLE_ETAG);
    expect(value.lastModified).toBe(SAMPLE_LAST_MODIFIED);
    expect(parse.calls).toHaveLength(1);
  });

  it('keeps the sent validators when a 304 omits them', async () => {
    server.route('/bare-304', (_req, res) => void res.writeHead(304).end());
    const value = expectOk(await fetchWith({ url: server.url('/bare-304'), etag: '"mine"', lastModified: SAMPLE_LAST_MODIFIED }));
    expect(value).toMatchObject({ status: 'not-modified', etag: '"mine"', lastModified: SAMPLE_LAST_MODIFIED });
  });

  it('reports an unchanged body (same SHA-256) as not modified without parsing it', async () => {
    const body = rssXml(sampleFeed('Feed without validators'));
    const parse = recordingParser();
    const first = expectOk(await fetchWith({ url: server.url('/no-validators') }, {}, parse));
    expect(first.status === 'ok' && first.bodyHash).toBe(sha256(body));
    const second = expectOk(await fetchWith({ url: server.url('/no-validators'), bodyHash: sha256(body) }, {}, parse));
    expect(second.status).toBe('not-modified');
    expect(parse.calls).toHaveLength(1);
  });

  it('parses a body whose hash differs from the stored one', async () => {
    const parse = recordingParser();
    const value = expectOk(await fetchWith({ url: server.url('/no-validators'), bodyHash: sha256('something else') }, {}, parse));
    expect(value.status).toBe('ok');
    expect(parse.calls).toHaveLength(1);
  });
});

describe('redirects', () => {
  const chain = (codes: number[], extra = '') => server.url(`/redirect?codes=${codes.join(',')}&to=/feed.xml${extra}`);

  it('remembers the final URL as permanent when every hop is 301 or 308', async () => {
    const value = expectOk(await fetchWith({ url: chain([301, 308, 301]) }));
    expect(value.finalUrl).toBe(server.url('/feed.xml'));
    expect(value.permanentUrl).toBe(server.url('/feed.xml'));
  });

  it.each([[[302]], [[307]], [[301, 302, 308]], [[308, 307]], [[303]]])('gives no permanent URL for the chain %j', async (codes) => {
    const value = expectOk(await fetchWith({ url: chain(codes) }));
    expect(value.finalUrl).toBe(server.url('/feed.xml'));
    expect(value.permanentUrl).toBeUndefined();
  });

  it('gives no permanent URL without a redirect', async () => {
    const value = expectOk(await fetchWith({ url: server.url('/feed.xml') }));
    expect(value.permanentUrl).toBeUndefined();
    expect(value.finalUrl).toBe(server.url('/feed.xml'));
  });

  it('resolves relative and absolute Locations against the current URL', async () => {
    server.route('/nested/dir/start', (_req, res) => void res.writeHead(301, { location: '../../feed.xml' }).end());
    const relative = expectOk(await fetchWith({ url: server.url('/nested/dir/start') }));
    expect(relative.finalUrl).toBe(server.url('/feed.xml'));
    const absolute = expectOk(await fetchWith({ url: chain([301, 301], '&absolute=1') }));
    expect(absolute.finalUrl).toBe(server.url('/feed.xml'));
  });

  it('follows 10 redirects', async () => {
    const value = expectOk(await fetchWith({ url: chain(Array.from({ length: 10 }, () => 301)) }));
    expect(value.permanentUrl).toBe(server.url('/feed.xml'));
  });

  it('stops a redirect loop with a readable error', async () => {
    server.clearRequests();
    const error = expectError(await fetchWith({ url: server.url('/redirect/loop/a') }));
    expect(error.kind).toBe('network');
    expect(error.message).toMatch(/redirect loop/);
    expect(server.requests.map((r) => r.pathname)).toEqual(['/redirect/loop/a', '/redirect/loop/b']);
  });

  it('gives up after 10 redirects', async () => {
    server.clearRequests();
    const error = expectError(await fetchWith({ url: server.url('/redirect/endless/0') }));
    expect(error.kind).toBe('network');
    expect(error.message).toMatch(/more than 10 times/);
    expect(server.requests).toHaveLength(11);
  });

  it.each(['ftp://127.0.0.1/feed.xml', 'file:///etc/passwd', 'javascript:alert(1)'])('refuses to redirect to %s', async (location) => {
    const url = server.url(`/redirect/to?location=${encodeURIComponent(location)}`);
    const error = expectError(await fetchWith({ url }));
    expect(error.kind).toBe('invalid-argument');
    expect(error.message).toMatch(/only http and https/);
  });
});

describe('addresses', () => {
  it.each(['ftp://example.com/feed.xml', 'file:///etc/passwd', 'data:text/xml,<rss/>', 'not a url', ''])(
    'rejects %j without a request',
    async (url) => {
      let called = false;
      const fetchSpy: typeof fetch = async () => {
        called = true;
        return new Response('');
      };
      const error = expectError(await fetchWith({ url }, { fetch: fetchSpy }));
      expect(error.kind).toBe('invalid-argument');
      expect(called).toBe(false);
    },
  );
});

describe('status codes', () => {
  it('reports 410 as gone', async () => {
    const error = expectError(await fetchWith({ url: server.url('/status/410') }));
    expect(error).toMatchObject({ kind: 'gone', status: 410 });
    expect(error.message).toMatch(/gone for good/);
  });

  it.each([
    [404, /404 Not Found/],
    [500, /500 Internal Server Error/],
    [401, /user name and password/],
  ])('reports %i as an http error', async (status, message) => {
    const error = expectError(await fetchWith({ url: server.url(`/status/${status}`) }));
    expect(error).toMatchObject({ kind: 'http', status });
    expect(error.message).toMatch(message);
  });
});

describe('rate limiting', () => {
  const clock = Date.UTC(2030, 0, 1);

  it('takes Retry-After in seconds from a 429', async () => {
    const error = expectError(await fetchWith({ url: server.url('/rate-limited/seconds?s=120') }, { now: () => clock }));
    expect(error).toMatchObject({ kind: 'rate-limited', status: 429, retryAt: clock + 120_000 });
  });

  it('takes Retry-After as an HTTP date from a 429', async () => {
    const error = expectError(await fetchWith({ url: server.url('/rate-limited/date') }, { now: () => clock }));
    expect(error).toMatchObject({ kind: 'rate-limited', status: 429, retryAt: Date.parse(RETRY_AFTER_DATE) });
  });

  it('takes Retry-After from a 503', async () => {
    const error = expectError(await fetchWith({ url: server.url('/status/503?retry-after=30') }, { now: () => clock }));
    expect(error).toMatchObject({ kind: 'rate-limited', status: 503, retryAt: clock + 30_000 });
  });

  it('waits 10 minutes when a 503 gives no Retry-After', async () => {
    const error = expectError(await fetchWith({ url: server.url('/unavailable') }, { now: () => clock }));
    expect(error).toMatchObject({ kind: 'rate-limited', status: 503, retryAt: clock + 10 * 60_000 });
  });
});

describe('anti-bot challenges', () => {
  it('names a Cloudflare challenge (403 + cf-mitigated) as blocked', async () => {
    const error = expectError(await fetchWith({ url: server.url('/challenge/cloudflare') }));
    expect(error).toMatchObject({ kind: 'http', status: 403 });
    expect(error.message).toMatch(/blocked by an anti-bot challenge/);
  });

  it('names a "Just a moment..." 503 as blocked, not rate limited', async () => {
    const error = expectError(await fetchWith({ url: server.url('/challenge/cloudflare-503') }));
    expect(error).toMatchObject({ kind: 'http', status: 503 });
    expect(error.message).toMatch(/blocked by an anti-bot challenge/);
    expect(error.retryAt).toBeUndefined();
  });
});

describe('timeouts', () => {
  it('times out at the configured first-byte limit', async () => {
    const started = performance.now();
    const error = expectError(
      await fetchWith({ url: server.url('/slow/first-byte?ms=5000') }, { firstByteTimeoutMs: 300, totalTimeoutMs: 10_000 }),
    );
    const elapsed = performance.now() - started;
    expect(error.kind).toBe('timeout');
    expect(error.message).toMatch(/did not answer within 0.3 s/);
    expect(elapsed).toBeGreaterThanOrEqual(290);
    expect(elapsed).toBeLessThan(2_000);
  });

  it('accepts a slow first byte within the limit', async () => {
    const value = expectOk(await fetchWith({ url: server.url('/slow/first-byte?ms=100') }, { firstByteTimeoutMs: 2_000 }));
    expect(value.status).toBe('ok');
  });

  it('times out at the configured total limit while the body trickles', async () => {
    const started = performance.now();
    const error = expectError(
      await fetchWith({ url: server.url('/slow/body?ms=100&chunks=50') }, { firstByteTimeoutMs: 300, totalTimeoutMs: 700 }),
    );
    const elapsed = performance.now() - started;
    expect(error.kind).toBe('timeout');
    expect(error.message).toMatch(/longer than 0.7 s/);
    expect(elapsed).toBeGreaterThanOrEqual(690);
    expect(elapsed).toBeLessThan(2_500);
  });

  it('does not apply the first-byte limit to a body that keeps coming', async () => {
    const parse = recordingParser();
    const value = expectOk(
      await fetchWith({ url: server.url('/slow/body?ms=60&chunks=8') }, { firstByteTimeoutMs: 200, totalTimeoutMs: 5_000 }, parse),
    );
    expect(value.status).toBe('ok');
    expect(text(parse.calls[0]?.body ?? new Uint8Array())).toBe(rssXml(sampleFeed()));
  });

  it('times out on a body that stops halfway', async () => {
    const error = expectError(await fetchWith({ url: server.url('/hang/body') }, { firstByteTimeoutMs: 300, totalTimeoutMs: 500 }));
    expect(error.kind).toBe('timeout');
  });

  it('times out even when the fetch implementation ignores its signal', async () => {
    const deaf: typeof fetch = () => new Promise<Response>(() => undefined);
    const error = expectError(await fetchWith({ url: server.url('/feed.xml') }, { fetch: deaf, firstByteTimeoutMs: 100 }));
    expect(error.kind).toBe('timeout');
  });

  it('stops when the caller cancels', async () => {
    const controller = new AbortController();
    const pending = fetchWith({ url: server.url('/hang/headers') }, { signal: controller.signal });
    setTimeout(() => controller.abort(), 50);
    const error = expectError(await pending);
    expect(error).toMatchObject({ kind: 'network', message: 'The request was cancelled.', code: 'errors.net.cancelled' });
  });
});

describe('size limit', () => {
  it('refuses a body whose Content-Length exceeds the limit without downloading it', async () => {
    server.clearRequests();
    const error = expectError(await fetchWith({ url: server.url('/large?mb=20') }, { maxBytes: 1024 * 1024 }));
    expect(error.kind).toBe('too-large');
    expect(error.message).toMatch(/larger than 1 MiB/);
    const outcome = await server.requestsTo('/large')[0]?.done;
    expect(outcome?.complete).toBe(false);
    expect(outcome?.bytesSent).toBeLessThan(20_000_000);
  });

  it('counts streamed bytes and aborts a body without Content-Length at the limit', async () => {
    server.clearRequests();
    const error = expectError(await fetchWith({ url: server.url('/large?mb=20&chunked=1') }, { maxBytes: 1024 * 1024 }));
    expect(error.kind).toBe('too-large');
    const outcome = await server.requestsTo('/large')[0]?.done;
    expect(outcome?.complete).toBe(false);
    expect(outcome?.bytesSent).toBeLessThan(20_000_000);
  });

  it('limits feeds to 15 MiB by default', async () => {
    const error = expectError(await fetchWith({ url: server.url('/large?mb=20') }));
    expect(error).toMatchObject({ kind: 'too-large' });
    expect(error.message).toMatch(/15 MiB/);
  });
});

describe('compressed bodies', () => {
  it.each(['gzip', 'br', 'deflate'])('hands the parser the decoded bytes of a %s body', async (encoding) => {
    const parse = recordingParser();
    const value = expectOk(await fetchWith({ url: server.url(`/encoded/${encoding}`) }, {}, parse));
    expect(value.status).toBe('ok');
    expect(text(parse.calls[0]?.body ?? new Uint8Array())).toBe(rssXml(sampleFeed()));
    expect(value.status === 'ok' && value.bodyHash).toBe(sha256(rssXml(sampleFeed())));
  });
});

describe('freshness and parser input', () => {
  it('returns Cache-Control max-age', async () => {
    const value = expectOk(await fetchWith({ url: server.url('/cache/max-age?s=900') }));
    expect(value.maxAgeSeconds).toBe(900);
  });

  it('returns Expires as seconds from the response date', async () => {
    const value = expectOk(await fetchWith({ url: server.url('/cache/expires?s=600') }));
    expect(value.maxAgeSeconds).toBeGreaterThanOrEqual(599);
    expect(value.maxAgeSeconds).toBeLessThanOrEqual(600);
  });

  it('passes the parser the final URL and the Content-Type', async () => {
    const parse = recordingParser();
    expectOk(await fetchWith({ url: server.url('/redirect?codes=302&to=/charset/windows-1252') }, {}, parse));
    expect(parse.calls[0]).toMatchObject({
      url: server.url('/charset/windows-1252'),
      contentType: 'application/rss+xml; charset=windows-1252',
    });
  });
});

describe('network failures', () => {
  it('reports a refused connection in words', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const { port } = closed.address() as AddressInfo;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const error = expectError(await fetchWith({ url: `http://127.0.0.1:${port}/feed.xml` }));
    expect(error).toMatchObject({
      kind: 'network',
      message: 'Could not reach the server: the connection was refused.',
      code: 'errors.net.unreachableBecause',
      values: { reason: { code: 'errors.net.reasons.refused' } },
    });
  });

  it('reports a reset before the headers', async () => {
    const error = expectError(await fetchWith({ url: server.url('/reset/before-headers') }));
    expect(error.kind).toBe('network');
    expect(error.message).toMatch(/^Could not reach the server/);
    expect(error.message).not.toMatch(/fetch failed|at |Error/);
  });

  it('reports a reset in the middle of the body', async () => {
    const error = expectError(await fetchWith({ url: server.url('/reset/mid-body') }));
    expect(error.kind).toBe('network');
    expect(error.message).toMatch(/^The connection broke during the download/);
  });

  it('resolves with an error when fetch itself throws', async () => {
    const broken = (() => {
      throw new TypeError('boom');
    }) as unknown as typeof fetch;
    const error = expectError(await fetchWith({ url: server.url('/feed.xml') }, { fetch: broken }));
    expect(error.kind).toBe('network');
  });

  it('resolves with an error when the parser has a bug', async () => {
    const parse = Object.assign(
      () => {
        throw new RangeError('parser bug');
      },
      { calls: [] },
    );
    const error = expectError(await fetchWith({ url: server.url('/feed.xml') }, {}, parse));
    expect(error.kind).toBe('parse');
  });
});
