import { describe, expect, it } from 'vitest';
import { FAVICON_REFRESH_MS, faviconCandidates, faviconKey, feedIdOfFaviconKey, isFaviconDue } from '../../../../shared/offline/favicon';

const page = 'https://news.example/blog/index.html';

describe('faviconCandidates', () => {
  it('tries the page icon first, then /favicon.ico of the origin', () => {
    const html = '<html><head><link rel="icon" href="/static/icon.png"></head><body></body></html>';
    expect(faviconCandidates(html, page)).toEqual(['https://news.example/static/icon.png', 'https://news.example/favicon.ico']);
  });

  it('falls back to /favicon.ico when the page could not be read or names no icon', () => {
    expect(faviconCandidates(null, page)).toEqual(['https://news.example/favicon.ico']);
    expect(faviconCandidates('<html><head><title>x</title></head></html>', page)).toEqual(['https://news.example/favicon.ico']);
  });

  it('prefers the size nearest to 32 px, then unsized icons, then touch icons', () => {
    const html = `
      <link rel="apple-touch-icon" href="/touch-180.png" sizes="180x180">
      <link rel="icon" href="/any.ico">
      <link rel="icon" type="image/png" sizes="192x192" href="/big.png">
      <link rel="icon" type="image/png" sizes="16x16 32x32" href="/small.png">`;
    expect(faviconCandidates(html, page)).toEqual([
      'https://news.example/small.png',
      'https://news.example/any.ico',
      'https://news.example/big.png',
      'https://news.example/touch-180.png',
      'https://news.example/favicon.ico',
    ]);
  });

  it('reads "shortcut icon", mixed case and entities in attributes', () => {
    const html = '<LINK REL="Shortcut Icon" HREF="icons/fav.ico?v=1&amp;x=2">';
    expect(faviconCandidates(html, page)[0]).toBe('https://news.example/blog/icons/fav.ico?v=1&x=2');
  });

  it('resolves against <base href>', () => {
    const html = '<base href="https://cdn.example/assets/"><link rel="icon" href="fav.png">';
    expect(faviconCandidates(html, page)[0]).toBe('https://cdn.example/assets/fav.png');
  });

  it('skips SVG and mask icons (SVG is never stored) and non-http URLs', () => {
    const html = `
      <link rel="icon" type="image/svg+xml" href="/icon.svg">
      <link rel="icon" href="/vector.svg?v=2">
      <link rel="mask-icon" href="/mask.png" color="#000">
      <link rel="icon" href="data:image/png;base64,AAAA">
      <link rel="icon" href="javascript:alert(1)">
      <link rel="stylesheet" href="/style.css">`;
    expect(faviconCandidates(html, page)).toEqual(['https://news.example/favicon.ico']);
  });

  it('lists each URL once', () => {
    const html = '<link rel="icon" href="/favicon.ico"><link rel="shortcut icon" href="/favicon.ico">';
    expect(faviconCandidates(html, page)).toEqual(['https://news.example/favicon.ico']);
  });

  it('survives malformed HTML', () => {
    expect(faviconCandidates('<link rel="icon" href="/a.png"<<<><link rel=icon href=/b.png', page)).toContain('https://news.example/favicon.ico');
  });
});

describe('favicon keys and refresh', () => {
  it('round-trips a feed id through its key and tells other image URLs apart', () => {
    expect(feedIdOfFaviconKey(faviconKey('feed-1'))).toBe('feed-1');
    expect(feedIdOfFaviconKey('https://news.example/photo.png')).toBeNull();
  });

  it('is due when never looked up or looked up a week ago, not sooner', () => {
    const now = 10 * FAVICON_REFRESH_MS;
    expect(isFaviconDue(undefined, now)).toBe(true);
    expect(isFaviconDue(now - FAVICON_REFRESH_MS, now)).toBe(true);
    expect(isFaviconDue(now - FAVICON_REFRESH_MS + 1, now)).toBe(false);
  });
});
