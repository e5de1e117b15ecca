/**
 * What the HTTP response says about a feed document, end to end: fetchFeed hands Content-Location and Content-Language
 * to the parser, which takes the first as the document's base and the second as the language of a feed that names
 * none. Real HTTP against the project's feed server, the real parser.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseFeed, type ParsedFeed } from '../../../../shared/feeds';
import { fetchFeed } from '../../../../shared/net';
import { fetchFeedWith, type FeedParserOptions } from '../../../../shared/net/fetch-feed';
import { startFeedServer, type FeedServer } from '../../../support/feed-server';
import { baseOptions } from '../net/helpers';

const RELATIVE_RSS = `<?xml version="1.0"?><rss version="2.0"><channel><title>Relative links</title>
<item><title>One</title><link>posts/1.html</link><description>&lt;img src="img/a.png"&gt;</description></item></channel></rss>`;
const NO_LANGUAGE_RSS = '<rss version="2.0"><channel><title>Sans langue</title><link>https://example.fr/</link></channel></rss>';

let server: FeedServer;
beforeAll(async () => {
  server = await startFeedServer();
});
afterAll(async () => {
  await server.close();
});

async function feedAt(path: string): Promise<ParsedFeed> {
  const result = await fetchFeed({ url: server.url(path) }, baseOptions());
  if (!result.ok) throw new Error(`expected a feed at ${path}, got ${result.error.kind}: ${result.error.message}`);
  if (result.value.status !== 'ok') throw new Error(`expected a body at ${path}`);
  return result.value.feed;
}

describe('HTTP context of a feed', () => {
  it('resolves relative links against Content-Location, itself resolved against the URL the feed came from', async () => {
    server.setFeed('/served/cache-7f3a', RELATIVE_RSS, { headers: { 'content-location': '/blog/feeds/main.xml' } });
    const item = (await feedAt('/served/cache-7f3a')).items[0]!;
    expect(item.url).toBe(server.url('/blog/feeds/posts/1.html'));
    expect(item.summary).toBe(`<img src="${server.url('/blog/feeds/posts/img/a.png')}">`);
  });

  it('resolves against the final URL after redirects when Content-Location is relative, and ignores one that is not http(s)', async () => {
    server.setFeed('/moved/here/feed.xml', RELATIVE_RSS, { headers: { 'content-location': 'archive/feed.xml' } });
    const feed = await feedAt('/redirect?codes=301&to=/moved/here/feed.xml');
    expect(feed.items[0]!.url).toBe(server.url('/moved/here/archive/posts/1.html'));

    server.setFeed('/script-location.xml', RELATIVE_RSS, { headers: { 'content-location': 'javascript:alert(1)' } });
    expect((await feedAt('/script-location.xml')).items[0]!.url).toBe(server.url('/posts/1.html'));
    server.setFeed('/ftp-location.xml', RELATIVE_RSS, { headers: { 'content-location': 'ftp://files.example/feed.xml' } });
    expect((await feedAt('/ftp-location.xml')).items[0]!.url).toBe(server.url('/posts/1.html'));
  });

  it('takes the language from Content-Language only when the feed names none', async () => {
    server.setFeed('/lang/none.xml', NO_LANGUAGE_RSS, { headers: { 'content-language': 'fr_CA, en' } });
    expect((await feedAt('/lang/none.xml')).language).toBe('fr-CA');
    server.setFeed('/lang/own.xml', NO_LANGUAGE_RSS.replace('</title>', '</title><language>de</language>'), { headers: { 'content-language': 'fr' } });
    expect((await feedAt('/lang/own.xml')).language).toBe('de');
    server.setFeed('/lang/no-header.xml', NO_LANGUAGE_RSS);
    expect((await feedAt('/lang/no-header.xml')).language).toBeUndefined();
  });

  it('passes both headers to the parser it is given, and neither when the response has none', async () => {
    const seen: FeedParserOptions[] = [];
    const recording = (body: Uint8Array, options: FeedParserOptions): ParsedFeed => {
      seen.push(options);
      return parseFeed(body, options);
    };
    server.setFeed('/headers/both.xml', NO_LANGUAGE_RSS, { headers: { 'content-location': '/x/y.xml', 'content-language': 'nl' } });
    await fetchFeedWith(recording, { url: server.url('/headers/both.xml') }, baseOptions());
    await fetchFeedWith(recording, { url: server.url('/feed.xml') }, baseOptions());
    expect(seen[0]).toMatchObject({ url: server.url('/headers/both.xml'), contentLocation: '/x/y.xml', contentLanguage: 'nl' });
    expect(seen[1]).not.toHaveProperty('contentLocation');
    expect(seen[1]).not.toHaveProperty('contentLanguage');
  });
});
