import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FeedParseError, MAX_FEED_CHARS, parseFeed } from '../../../../shared/feeds';
import { htmlToText } from '../../../../shared/feeds/text';

const URL_ = 'https://example.com/feed.xml';

function reasonOf(run: () => unknown): string | undefined {
  try {
    run();
  } catch (error) {
    if (error instanceof FeedParseError) return error.reason;
    throw error;
  }
  return undefined;
}

describe('parseFeed', () => {
  it('keeps the seed article text intact when it is served inside an RSS item', () => {
    const seed = readFileSync(join(__dirname, '../../../fixtures/seed-article.txt'), 'utf8');
    const escaped = seed.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
    const paragraphs = seed
      .split(/\n\s*\n/)
      .map((p) => p.trim())
      .filter((p) => p !== '')
      .map((p) => `<p>${p.replace(/&/g, '&amp;').replace(/</g, '&lt;')}</p>`)
      .join('\n');
    const xml = `<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel><title>Seed</title>
      <item><title>Seed</title><description>${escaped}</description><content:encoded><![CDATA[${paragraphs}]]></content:encoded></item></channel></rss>`;
    const item = parseFeed(new TextEncoder().encode(xml), { url: URL_ }).items[0]!;
    const expected = htmlToText(escaped);
    expect(expected.length).toBeGreaterThan(1500);
    expect(htmlToText(item.content ?? '')).toBe(expected);
    expect(htmlToText(item.summary ?? '')).toBe(expected);
    // the fixture copy of the same case parses to the same text
    const fixture = readFileSync(join(__dirname, '../../../fixtures/feeds/seed-article.xml'));
    expect(htmlToText(parseFeed(new Uint8Array(fixture), { url: URL_ }).items[0]?.content ?? '')).toBe(expected);
  });

  it('reads a billion-laughs document in linear time without expanding its entities', () => {
    const levels = Array.from({ length: 10 }, (_, i) => `<!ENTITY l${i + 1} "${`&l${i};`.repeat(10)}">`).join('\n');
    const xml = `<?xml version="1.0"?><!DOCTYPE r [<!ENTITY l0 "lol">${levels}]><rss><channel><title>&l10;</title></channel></rss>`;
    const started = performance.now();
    const feed = parseFeed(xml, { url: URL_ });
    expect(performance.now() - started).toBeLessThan(1000);
    expect(feed.title).toBe('&l10;');
  });

  it('drops content nested deeper than the cap without overflowing the stack', () => {
    const deep = `${'<x>'.repeat(200_000)}y${'</x>'.repeat(200_000)}`;
    const feed = parseFeed(`<rss><channel><title>T</title><item><title>A</title><description>${deep}</description></item><item><title>B</title></item></channel></rss>`, { url: URL_ });
    expect(feed.items.map((i) => i.title)).toEqual(['A', 'B']);
    expect(reasonOf(() => parseFeed(`${'<x>'.repeat(1000)}`, { url: URL_ }))).toBe('too-deep');
  });

  it('reads at most 100,000 items', () => {
    const xml = `<rss><channel><title>Many</title>${'<item><guid>g</guid></item>'.repeat(100_010)}</channel></rss>`;
    expect(parseFeed(xml, { url: URL_ }).items).toHaveLength(100_000);
  });

  it('reads many unclosed items as siblings, quickly', () => {
    const xml = `<rss><channel><title>Open</title>${'<item><title>t</title>'.repeat(20_000)}`;
    const started = performance.now();
    const feed = parseFeed(xml, { url: URL_ });
    expect(performance.now() - started).toBeLessThan(2000);
    expect(feed.items).toHaveLength(20_000);
  });

  it('strips control characters from byte bodies in UTF-8 and UTF-16 alike', () => {
    const xml = '<rss><channel><title>A\u0001B\u000bC</title></channel></rss>';
    expect(parseFeed(new TextEncoder().encode(xml), { url: URL_ }).title).toBe('ABC');
    const utf16 = new Uint8Array(2 + xml.length * 2);
    utf16.set([0xff, 0xfe]);
    for (let i = 0; i < xml.length; i++) utf16[2 + 2 * i] = xml.charCodeAt(i);
    expect(parseFeed(utf16, { url: URL_ }).title).toBe('ABC');
    // U+0100 is the bytes 00 01 in UTF-16LE: no control byte scan may be trusted there
    const clean = '<rss><channel><title>\u0100\u0a01</title></channel></rss>';
    const bytes = new Uint8Array(2 + clean.length * 2);
    bytes.set([0xff, 0xfe]);
    for (let i = 0; i < clean.length; i++) {
      bytes[2 + 2 * i] = clean.charCodeAt(i) & 0xff;
      bytes[3 + 2 * i] = clean.charCodeAt(i) >> 8;
    }
    expect(parseFeed(bytes, { url: URL_ }).title).toBe('\u0100\u0a01');
  });

  it('refuses bodies over the size cap before reading them', () => {
    expect(reasonOf(() => parseFeed(new Uint8Array(MAX_FEED_CHARS + 1), { url: URL_ }))).toBe('too-large');
  });

  it('throws FeedParseError with a reason and a readable message for things that are not feeds', () => {
    expect(reasonOf(() => parseFeed('<!DOCTYPE html><p>hello', { url: URL_ }))).toBe('html-page');
    expect(reasonOf(() => parseFeed(new Uint8Array(0), { url: URL_ }))).toBe('empty');
    expect(reasonOf(() => parseFeed('{"version":"2"}', { url: URL_, contentType: 'application/json' }))).toBe('not-a-feed');
    const error = (() => {
      try {
        parseFeed('<html><body>x</body></html>', { url: URL_ });
      } catch (e) {
        return e;
      }
      return undefined;
    })();
    expect(error).toBeInstanceOf(Error);
    expect((error as Error).message).toMatch(/web page/);
  });

  it('drops relative links it cannot resolve when the feed URL itself is unusable', () => {
    const feed = parseFeed('<rss><channel><title>T</title><link>/home</link><item><link>/a</link><guid>g</guid></item></channel></rss>', { url: 'not a url' });
    expect(feed.siteUrl).toBeUndefined();
    expect(feed.items[0]?.url).toBeUndefined();
    expect(feed.items[0]?.guid).toBe('g');
  });

  it('uses the fetch time given in options for the future-date clamp', () => {
    const xml = '<rss><channel><item><pubDate>Mon, 01 Jan 2035 00:00:00 GMT</pubDate></item></channel></rss>';
    expect(parseFeed(xml, { url: URL_, now: 1_000_000 }).items[0]?.published).toBe(1_000_000);
  });

  it('parses JSON Feed served as text with a json Content-Type even after leading whitespace', () => {
    const feed = parseFeed('\n  {"version":"https://jsonfeed.org/version/1.1","title":"J","items":[]}', { url: URL_, contentType: 'application/feed+json' });
    expect(feed).toEqual({ format: 'json', title: 'J', items: [] });
  });
});
