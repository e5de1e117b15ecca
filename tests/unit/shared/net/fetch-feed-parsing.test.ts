/** fetchFeed with the real parser (shared/feeds): decoding, charsets, and bodies that are not feeds. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FeedResponse, HostError, HostResult } from '../../../../shared/host';
import { fetchFeed } from '../../../../shared/net';
import {
  charsetFeeds,
  cloudflareChallengeHtml,
  sampleFeed,
  startFeedServer,
  type FeedServer,
} from '../../../support/feed-server';
import { baseOptions } from './helpers';

let server: FeedServer;
beforeAll(async () => {
  server = await startFeedServer();
});
afterAll(async () => {
  await server.close();
});

async function feedAt(path: string) {
  const result = await fetchFeed({ url: server.url(path) }, baseOptions());
  if (!result.ok) throw new Error(`expected a feed at ${path}, got ${result.error.kind}: ${result.error.message}`);
  if (result.value.status !== 'ok') throw new Error(`expected a body at ${path}`);
  return result.value.feed;
}

async function errorAt(path: string): Promise<HostError> {
  const result: HostResult<FeedResponse> = await fetchFeed({ url: server.url(path) }, baseOptions());
  if (result.ok) throw new Error(`expected an error at ${path}, got ${result.value.status}`);
  return result.error;
}

describe('fetchFeed with the real parser', () => {
  it.each(['/feed.xml', '/atom.xml', '/feed.json'])('parses %s', async (path) => {
    const feed = await feedAt(path);
    expect(feed.title).toMatch(/^Broadsheet Test Feed/);
    expect(feed.items.map((item) => item.title)).toEqual(sampleFeed().items.map((item) => item.title));
  });

  it.each(['gzip', 'br', 'deflate'])('parses a %s-encoded feed', async (encoding) => {
    const feed = await feedAt(`/encoded/${encoding}`);
    expect(feed.title).toBe('Broadsheet Test Feed');
    expect(feed.items).toHaveLength(3);
  });

  it.each(Object.entries(charsetFeeds))('decodes the %s title', async (name, fixture) => {
    const feed = await feedAt(`/charset/${name}`);
    expect(feed.title).toBe(fixture.title);
  });

  it.each(['/wrong-type/text-html', '/wrong-type/octet-stream'])('parses a feed served with a wrong type (%s)', async (path) => {
    const feed = await feedAt(path);
    expect(feed.title).toBe('Broadsheet Test Feed');
  });

  it('resolves relative item links against the final URL after redirects', async () => {
    server.setFeed(
      '/relative/feed.xml',
      '<rss version="2.0"><channel><title>Relative</title><item><title>One</title><link>posts/1</link></item></channel></rss>',
    );
    const result = await fetchFeed({ url: server.url('/redirect?codes=301&to=/relative/feed.xml') }, baseOptions());
    expect(result.ok && result.value.status === 'ok' && result.value.feed.items[0]?.url).toBe(server.url('/relative/posts/1'));
  });

  it('says an HTML page is not a feed and suggests discovery', async () => {
    const error = await errorAt('/html/with-alternate');
    expect(error).toMatchObject({ kind: 'not-a-feed', message: 'This URL is a web page, not a feed: try discovery.', code: 'errors.feed.webPage' });
  });

  it('names a challenge page served with 200 as blocked', async () => {
    server.setFeed('/challenge/200', cloudflareChallengeHtml, { contentType: 'text/html' });
    const error = await errorAt('/challenge/200');
    expect(error.kind).toBe('http');
    expect(error.message).toMatch(/blocked by an anti-bot challenge/);
  });

  it('reports a body that is neither a feed nor a page as a parse error', async () => {
    const error = await errorAt('/garbage');
    expect(error.kind).toBe('parse');
    expect(error.message.length).toBeGreaterThan(10);
  });

  it('reports an empty body as a parse error', async () => {
    server.setFeed('/empty', '', { contentType: 'application/rss+xml' });
    const error = await errorAt('/empty');
    expect(error.kind).toBe('parse');
  });
});
