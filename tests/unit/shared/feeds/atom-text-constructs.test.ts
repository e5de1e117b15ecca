/**
 * Atom text constructs and content beyond the fixtures (tests/fixtures/feeds/atom-*): what must be absent, and
 * base64 that is broken or not text.
 */
import { describe, expect, it } from 'vitest';
import { parseFeed, type ParsedItem } from '../../../../shared/feeds';

function entry(inner: string, root = '<feed xmlns="http://www.w3.org/2005/Atom">'): ParsedItem {
  return parseFeed(`${root}<title>F</title><entry><id>e</id>${inner}</entry></feed>`, { url: 'https://example.com/feed' }).items[0]!;
}

describe('Atom text constructs', () => {
  it('shows the tags written in a plain-text title as text, and escapes them in the summary', () => {
    const item = entry('<title type="text">a &lt;b&gt; c</title><summary type="text">a &lt;b&gt; c</summary>');
    expect(item.title).toBe('a <b> c');
    expect(item.summary).toBe('<p>a &lt;b&gt; c</p>');
  });

  it('drops base64 content that is not text (an image) and base64 that does not decode, without failing', () => {
    const gif = entry('<title>GIF</title><content type="image/gif">R0lGODlhAQABAID/AP7+</content>');
    expect(gif.title).toBe('GIF');
    expect(gif).not.toHaveProperty('content');
    const broken = entry('<title>Broken</title><content type="application/octet-stream">%%% not base64 %%%</content>');
    expect(broken).not.toHaveProperty('content');
    const old = entry('<title mode="base64">!!!</title><content type="text/html" mode="base64">@@@</content>', '<feed version="0.3" xmlns="http://purl.org/atom/ns#">');
    expect(old).not.toHaveProperty('title');
    expect(old).not.toHaveProperty('content');
  });

  it('keeps escaped markup escaped inside xhtml content, and real elements as elements', () => {
    const item = entry('<content type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml">&lt;script&gt;x&lt;/script&gt; <em>y</em></div></content>');
    expect(item.content).toBe('&lt;script&gt;x&lt;/script&gt; <em>y</em>');
  });

  it('reads a <feed> under an unknown namespace as Atom, but not one of a known other vocabulary', () => {
    const feed = parseFeed('<feed xmlns="http://example.com/ns"><title>Mine</title><entry><title>E</title></entry></feed>', { url: 'https://example.com/f' });
    expect(feed).toMatchObject({ format: 'atom', title: 'Mine', items: [{ title: 'E' }] });
    expect(() => parseFeed('<feed xmlns="http://search.yahoo.com/mrss/"><title>M</title></feed>', { url: 'https://example.com/f' })).toThrow();
  });
});
