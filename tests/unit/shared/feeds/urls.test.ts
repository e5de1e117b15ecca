import { describe, expect, it } from 'vitest';
import { resolveHtmlUrls } from '../../../../shared/feeds/html-urls';
import { resolveUrl, urlResolver } from '../../../../shared/feeds/urls';

describe('resolveUrl', () => {
  it('resolves relative references against the base', () => {
    expect(resolveUrl('../a?b=1#c', 'https://example.com/x/y/z')).toBe('https://example.com/x/a?b=1#c');
    expect(resolveUrl('//cdn.example/p', 'http://example.com/')).toBe('http://cdn.example/p');
  });

  it('strips surrounding whitespace and embedded line breaks', () => {
    expect(resolveUrl('\n  https://example.com/a\nb  ', undefined)).toBe('https://example.com/ab');
  });

  it('refuses script-capable schemes whatever their case', () => {
    expect(resolveUrl('javascript:alert(1)', 'https://example.com/')).toBeUndefined();
    expect(resolveUrl(' JavaScript:alert(1)', 'https://example.com/')).toBeUndefined();
    expect(resolveUrl('java\nscript:alert(1)', 'https://example.com/')).toBeUndefined();
    expect(resolveUrl('data:text/html,x', 'https://example.com/')).toBeUndefined();
    expect(resolveUrl('VBScript:x', 'https://example.com/')).toBeUndefined();
  });

  it('keeps other absolute schemes as given', () => {
    expect(resolveUrl('mailto:a@example.com', undefined)).toBe('mailto:a@example.com');
    expect(resolveUrl('magnet:?xt=urn:btih:abc', undefined)).toBe('magnet:?xt=urn:btih:abc');
  });

  it('turns feed: subscription links into http(s)', () => {
    expect(resolveUrl('feed://example.com/rss', undefined)).toBe('http://example.com/rss');
    expect(resolveUrl('feed:https://example.com/rss', undefined)).toBe('https://example.com/rss');
  });

  it('returns plain http(s) links exactly as URL parsing would, with or without parsing them', () => {
    const links = ['https://a.example/x/y-1.html', 'https://a.example', 'https://a.example/x?', 'https://a.example/x#', 'http://1.2.3/x', 'https://a.example/é', 'https://a.example/a/../b'];
    for (const link of links) expect([link, resolveUrl(link, undefined)]).toEqual([link, new URL(link).href]);
  });

  it('returns undefined for what cannot be made absolute', () => {
    expect(resolveUrl('relative/path', undefined)).toBeUndefined();
    expect(resolveUrl('http://[oops', 'https://example.com/')).toBeUndefined();
    expect(resolveUrl('', 'https://example.com/')).toBeUndefined();
  });
});

describe('urlResolver', () => {
  it('gives exactly what resolveUrl gives, plain paths joined without URL parsing included', () => {
    const bases = [
      'https://Example.COM:443/dir/page.html?q=1#f', 'http://example.com', 'https://u:p@example.com/a/', 'https://example.com/a%20b/c',
      'not a url', 'file:///tmp/x', 'https://site.example/2024/post?x=/a/b#/c', 'http://1.2.3/x/', 'http://a.0x10/x', 'https://xn--caf-dma.example/a/b',
      'https://xn--zz.example/a', 'https://example.com./a/', 'https://example.com/a/./b/c', 'https://example.com/a b/c', 'https://café.example/a/',
    ];
    const hrefs = ['a.png', '/2024/post-1', 'images/x-2x.jpg', './a', '../b', 'a/./b', 'a/..', '.', '..', '//cdn.example/x', 'a b', 'é', 'a%2e', '?q', '#f', 'a\\b', '', ' a ', "it's", 'a:b', 'x/y;z=1,2@3!$()*+~_'];
    for (const base of bases) {
      const resolve = urlResolver(base);
      for (const href of hrefs) expect([base, href, resolve(href)]).toEqual([base, href, resolveUrl(href, base)]);
      expect(resolve(undefined)).toBeUndefined();
    }
  });
});

describe('resolveHtmlUrls', () => {
  const base = 'https://example.com/posts/1/';

  it('rewrites only relative URL attributes and keeps the rest of the markup byte for byte', () => {
    const html = '<p class=x>Text &amp; <a href="../2/" title="t">two</a> <img src=pic.png alt=\'a\'> <a href="https://abs.example/">abs</a></p>';
    expect(resolveHtmlUrls(html, base)).toBe(
      '<p class=x>Text &amp; <a href="https://example.com/posts/2/" title="t">two</a> <img src="https://example.com/posts/1/pic.png" alt=\'a\'> <a href="https://abs.example/">abs</a></p>',
    );
  });

  it('decodes entities in the value before resolving and escapes the result', () => {
    expect(resolveHtmlUrls('<a href="q?a=1&amp;b=2">q</a>', base)).toBe('<a href="https://example.com/posts/1/q?a=1&amp;b=2">q</a>');
  });

  it('leaves fragment links, comments and script text alone', () => {
    const html = '<a href="#top">t</a><!-- <img src="x.png"> --><script>var s = "<img src=y.png>";</script>';
    expect(resolveHtmlUrls(html, base)).toBe(html);
  });

  it('resolves each candidate of a srcset', () => {
    expect(resolveHtmlUrls('<img srcset="a.png 1x,b.png 2x">', base)).toBe(
      '<img srcset="https://example.com/posts/1/a.png 1x, https://example.com/posts/1/b.png 2x">',
    );
  });

  it('returns the same string when nothing is relative', () => {
    const html = '<p><a href="https://a.example/">a</a></p>';
    expect(resolveHtmlUrls(html, base)).toBe(html);
  });
});

describe('resolveHtmlUrls, awkward markup', () => {
  const base = 'https://example.com/a/';

  it('rewrites single-quoted and unquoted values, quoting the unquoted ones', () => {
    expect(resolveHtmlUrls("<a href='x?q=\"1\"'>x</a><img src=y.png alt=y>", base)).toBe(
      '<a href=\'https://example.com/a/x?q=%221%22\'>x</a><img src="https://example.com/a/y.png" alt=y>',
    );
  });

  it('reads the attributes of URL-carrying tags only, and not inside textarea or style text', () => {
    const html = '<p data-x="src=no.png"><textarea><img src="t.png"></textarea><style>a{background:url(s.png)}</style><video poster="p.jpg" src="v.mp4"></video>';
    expect(resolveHtmlUrls(html, base)).toBe(
      '<p data-x="src=no.png"><textarea><img src="t.png"></textarea><style>a{background:url(s.png)}</style><video poster="https://example.com/a/p.jpg" src="https://example.com/a/v.mp4"></video>',
    );
  });

  it('does not rewrite absolute, javascript: or unresolvable values', () => {
    const html = '<a href="javascript:void(0)">j</a><a href="mailto:x@example.com">m</a><a href="http://[x">b</a>';
    expect(resolveHtmlUrls(html, base)).toBe(html);
  });

  it('matches tag and attribute names as the HTML rules do: any case, a tag name ended by any space', () => {
    expect(resolveHtmlUrls('<IMG\u00a0SRC="x.png"><TD BAC\u212AGROUND="b.png"><Ab href="no.png">', base)).toBe(
      '<IMG\u00a0SRC="x.png"><TD BAC\u212AGROUND="https://example.com/a/b.png"><Ab href="no.png">',
    );
    expect(resolveHtmlUrls('<a\u00a0href="x.png"><a\thref="y.png">', base)).toBe('<a\u00a0href="x.png"><a\thref="https://example.com/a/y.png">');
  });
});
