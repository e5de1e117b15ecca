/** The fault-injecting feed server itself: publishing, conditional GET, the request log, and a close() that never hangs. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SAMPLE_ETAG, startFeedServer, type FeedServer } from '../../support/feed-server';

let server: FeedServer;
beforeAll(async () => {
  server = await startFeedServer();
});
afterAll(async () => {
  await server.close();
});

describe('startFeedServer', () => {
  it('listens on 127.0.0.1 and builds absolute URLs', () => {
    expect(server.origin).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(server.url('/feed.xml')).toBe(`${server.origin}/feed.xml`);
  });

  it('publishes and replaces a feed body, with validators', async () => {
    server.setFeed('/mine.xml', '<rss version="2.0"><channel><title>One</title></channel></rss>', { etag: '"1"' });
    const first = await fetch(server.url('/mine.xml'));
    expect(first.headers.get('content-type')).toMatch(/rss\+xml/);
    expect(await first.text()).toContain('One');
    server.setFeed('/mine.xml', '{"version":"https://jsonfeed.org/version/1.1","title":"Two","items":[]}', { etag: '"2"' });
    const second = await fetch(server.url('/mine.xml'), { headers: { 'if-none-match': '"1"' } });
    expect(second.status).toBe(200);
    expect(second.headers.get('etag')).toBe('"2"');
    expect(second.headers.get('content-type')).toBe('application/feed+json');
    expect(await second.text()).toContain('Two');
    server.removeFeed('/mine.xml');
    expect((await fetch(server.url('/mine.xml'))).status).toBe(404);
  });

  it('answers 304 to a matching If-None-Match and logs the request headers', async () => {
    server.clearRequests();
    const response = await fetch(server.url('/feed.xml'), { headers: { 'if-none-match': SAMPLE_ETAG, 'x-test': 'yes' } });
    expect(response.status).toBe(304);
    expect(server.requests).toHaveLength(1);
    expect(server.requests[0]).toMatchObject({ method: 'GET', pathname: '/feed.xml', headers: { 'if-none-match': SAMPLE_ETAG, 'x-test': 'yes' } });
    expect(await server.requests[0]?.done).toEqual({ bytesSent: 0, complete: true });
  });

  it('lets a custom route override a built-in path', async () => {
    server.route('/status/500', (_req, res) => void res.writeHead(200).end('fine'));
    expect(await (await fetch(server.url('/status/500'))).text()).toBe('fine');
  });

  it('closes promptly while slow and hanging responses are in flight', async () => {
    const other = await startFeedServer({ firstByteDelayMs: 60_000, trickleIntervalMs: 60_000 });
    const inFlight = ['/hang/headers', '/hang/body', '/slow/first-byte', '/slow/body'].map((path) =>
      fetch(other.url(path)).then((r) => r.text()).then(
        () => 'finished',
        () => 'failed',
      ),
    );
    while (other.requests.length < 4) await new Promise((resolve) => setTimeout(resolve, 5));
    const started = performance.now();
    await other.close();
    expect(performance.now() - started).toBeLessThan(1_000);
    expect(await Promise.all(inFlight)).toEqual(['failed', 'failed', 'failed', 'failed']);
  });
});
