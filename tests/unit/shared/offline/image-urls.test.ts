import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { mentionsImg } from '../../../../shared/offline/image-urls';
import { bestSrcsetCandidate, collectImageUrls, isTrackerUrl, isTrackingImage, parseSrcset, referencedImageUrls } from '../../../../shared/offline';

describe('bestSrcsetCandidate', () => {
  it('picks the smallest width that is sharp in the reader', () => {
    expect(bestSrcsetCandidate('a-320.jpg 320w, a-2400.jpg 2400w, a-1600.jpg 1600w, a-800.jpg 800w')).toBe('a-1600.jpg');
  });
  it('falls back to the widest when none is wide enough', () => {
    expect(bestSrcsetCandidate('a-320.jpg 320w, a-640.jpg 640w')).toBe('a-640.jpg');
  });
  it('picks 2x among densities, a bare URL counting as 1x', () => {
    expect(bestSrcsetCandidate('a.jpg, a@3x.jpg 3x, a@2x.jpg 2x')).toBe('a@2x.jpg');
  });
  it('keeps commas inside URLs', () => {
    expect(parseSrcset('https://cdn.example/i/w_640,q_80/a.jpg 640w, https://cdn.example/i/w_1600,q_80/a.jpg 1600w').map((c) => c.url)).toEqual([
      'https://cdn.example/i/w_640,q_80/a.jpg',
      'https://cdn.example/i/w_1600,q_80/a.jpg',
    ]);
  });
  it('returns null for an empty srcset', () => {
    expect(bestSrcsetCandidate(' , ')).toBeNull();
  });
});

describe('tracking pixels', () => {
  it.each([
    'https://feeds.feedburner.com/~r/example/~4/abc',
    'https://pixel.wp.com/b.gif?host=x',
    'https://stats.wordpress.com/b.gif',
    'https://www.google-analytics.com/collect?v=1',
    'https://ad.doubleclick.net/ddm/x',
    'https://assets.feedblitz.com/i/fblike20.png',
    'http://mf.feeds.reuters.com/c/x/f/y/mf.gif',
  ])('knows %s as a tracker', (url) => {
    expect(isTrackerUrl(url)).toBe(true);
  });
  it('leaves ordinary images and the rest of feedburner alone', () => {
    expect(isTrackerUrl('https://feeds.feedburner.com/example')).toBe(false);
    expect(isTrackerUrl('https://images.example.com/bridge.jpg')).toBe(false);
  });
  it('treats 1×1 and 0-sized images as pixels, whatever their host', () => {
    expect(isTrackingImage('https://example.com/p.gif', '1', '1')).toBe(true);
    expect(isTrackingImage('https://example.com/p.gif', '0', null)).toBe(true);
    expect(isTrackingImage('https://example.com/p.gif', '600', '1')).toBe(false);
    expect(isTrackingImage('https://example.com/p.gif')).toBe(false);
  });
});

describe('collectImageUrls', () => {
  it('collects img sources, best srcset candidates, image enclosures and the item image, resolved and deduplicated', () => {
    const urls = collectImageUrls({
      html: `<p><img src="/a.png"><img src="b-small.jpg" srcset="b-small.jpg 400w, b-large.jpg 1600w">
        <img src="/a.png"><img src="data:image/png;base64,AAAA"><img src="javascript:alert(1)"></p>`,
      baseUrl: 'https://news.example/2024/story',
      enclosures: [
        { url: 'https://news.example/cover.webp', type: 'image/webp' },
        { url: 'https://news.example/episode.mp3', type: 'audio/mpeg' },
        { url: 'https://news.example/logo.svg', type: 'image/svg+xml' },
      ],
      imageUrl: 'https://news.example/thumb.jpg',
    });
    expect(urls).toEqual([
      'https://news.example/a.png',
      'https://news.example/2024/b-large.jpg',
      'https://news.example/cover.webp',
      'https://news.example/thumb.jpg',
    ]);
  });
  it('skips tracking pixels by size and by host', () => {
    const urls = collectImageUrls({
      html: '<img src="https://x.example/a.jpg"><img src="https://x.example/p.gif" width="1" height="1"><img src="https://pixel.wp.com/g.gif">',
    });
    expect(urls).toEqual(['https://x.example/a.jpg']);
  });
  it('reads entity-encoded attributes', () => {
    expect(collectImageUrls({ html: '<img src="https://x.example/a.jpg?w=1&amp;h=2">' })).toEqual(['https://x.example/a.jpg?w=1&h=2']);
  });

  it('finds img tags in any case, and nothing in HTML without one (still giving enclosures and the item image)', () => {
    expect(collectImageUrls({ html: '<P>x<IMG SRC="https://x.example/up.png"></P>' })).toEqual(['https://x.example/up.png']);
    expect(collectImageUrls({ html: '<p>no pictures, just <b>words</b> &lt;img&gt;</p>' })).toEqual([]);
    expect(collectImageUrls({ html: '<p>text</p>', enclosures: [{ url: 'https://x.example/e.jpg', type: 'image/jpeg' }], imageUrl: 'https://x.example/i.jpg' })).toEqual([
      'https://x.example/e.jpg',
      'https://x.example/i.jpg',
    ]);
  });
});

describe('referencedImageUrls', () => {
  it('lists src and every srcset candidate, for the lookup of stored copies', () => {
    expect(referencedImageUrls('<img src="a.jpg" srcset="a.jpg 1x, a2.jpg 2x">', 'https://x.example/')).toEqual(['https://x.example/a.jpg', 'https://x.example/a2.jpg']);
  });
});

describe('mentionsImg', () => {
  it('says what /<img/i says, on any text', () => {
    for (const html of ['<img src=x>', '<IMG>', '<iMg', 'a<im', '<', '', 'img', '< img', '<ımg', '<İMG', '<p><i>m</i>g', '<<img']) expect(mentionsImg(html)).toBe(/<img/i.test(html));
    const unit = fc.constantFrom('<', 'i', 'I', 'm', 'M', 'g', 'G', 'ı', 'İ', 'K', ' ', 'p', '>', '\u0149', '\u0169');
    fc.assert(fc.property(fc.oneof(fc.string({ unit }), fc.string()), (html) => mentionsImg(html) === /<img/i.test(html)), { numRuns: 2000 });
  });
});
