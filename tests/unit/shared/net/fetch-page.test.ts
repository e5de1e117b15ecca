/** fetchPage over real HTTP: charset decoding, non-HTML refusal, and the shared redirect/timeout/size rules. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HostError, HostResult, PageResponse } from '../../../../shared/host';
import { fetchPage } from '../../../../shared/net/fetch-page';
import { PAGE_ACCEPT } from '../../../../shared/net/user-agent';
import { charsetPages, startFeedServer, type FeedServer } from '../../../support/feed-server';
import { baseOptions } from './helpers';

let server: FeedServer;
beforeAll(async () => {
  server = await startFeedServer();
  server.route('/page/big', (_req, res) => {
    // 6 MB of HTML with a Content-Length: over the 5 MiB default.
    res.writeHead(200, { 'content-type': 'text/html', 'content-length': String(6_000_000) });
    res.end('<p>' + 'x'.repeat(6_000_000 - 3));
  });
  server.setFeed('/page/untyped', '<html><body><p>No content type</p></body></html>', { contentType: '' });
});
afterAll(async () => {
  await server.close();
});

function expectOk(result: HostResult<PageResponse>): PageResponse {
  if (!result.ok) throw new Error(`expected ok, got ${result.error.kind}: ${result.error.message}`);
  return result.value;
}

function expectError(result: HostResult<PageResponse>): HostError {
  if (result.ok) throw new Error('expected an error');
  return result.error;
}

describe('fetchPage', () => {
  it.each(Object.entries(charsetPages))('decodes the %s page', async (name, fixture) => {
    const page = expectOk(await fetchPage(server.url(`/page/${name}`), baseOptions()));
    expect(page.html).toContain(fixture.text);
    expect(page.contentType).toBe(fixture.contentType);
  });

  it('asks for HTML with our User-Agent', async () => {
    expectOk(await fetchPage(server.url('/page/utf-8'), baseOptions()));
    const headers = server.requestsTo('/page/utf-8').at(-1)?.headers ?? {};
    expect(headers.accept).toBe(PAGE_ACCEPT);
    expect(headers['user-agent']).toMatch(/^Broadsheet\//);
  });

  it('follows redirects and returns the final URL', async () => {
    const page = expectOk(await fetchPage(server.url('/redirect?codes=302,301&to=/page/utf-8'), baseOptions()));
    expect(page.finalUrl).toBe(server.url('/page/utf-8'));
  });

  it('takes a page without a Content-Type as HTML', async () => {
    const page = expectOk(await fetchPage(server.url('/page/untyped'), baseOptions()));
    expect(page.html).toContain('No content type');
  });

  it('refuses a non-HTML document as "not a web page"', async () => {
    const error = expectError(await fetchPage(server.url('/page/pdf'), baseOptions()));
    expect(error).toMatchObject({ kind: 'http', status: 200 });
    expect(error.message).toMatch(/not a web page \(it is application\/pdf\)/);
  });

  it('limits pages to 5 MiB by default', async () => {
    const error = expectError(await fetchPage(server.url('/page/big'), baseOptions()));
    expect(error.kind).toBe('too-large');
    expect(error.message).toMatch(/5 MiB/);
  });

  it('honours a smaller maxBytes', async () => {
    const error = expectError(await fetchPage(server.url('/page/utf-8'), baseOptions({ maxBytes: 20 })));
    expect(error.kind).toBe('too-large');
  });

  it('times out at the configured first-byte limit', async () => {
    const started = performance.now();
    const error = expectError(await fetchPage(server.url('/slow/first-byte?ms=5000'), baseOptions({ firstByteTimeoutMs: 300 })));
    expect(error.kind).toBe('timeout');
    expect(performance.now() - started).toBeLessThan(2_000);
  });

  it('reports HTTP errors and refuses non-http URLs', async () => {
    expect(expectError(await fetchPage(server.url('/status/404'), baseOptions()))).toMatchObject({ kind: 'http', status: 404 });
    expect(expectError(await fetchPage(server.url('/status/410'), baseOptions()))).toMatchObject({ kind: 'gone' });
    expect(expectError(await fetchPage('file:///etc/hosts', baseOptions()))).toMatchObject({ kind: 'invalid-argument' });
  });
});
