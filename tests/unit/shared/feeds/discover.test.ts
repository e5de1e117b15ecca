import { describe, expect, it } from 'vitest';
import { discoverFeeds } from '../../../../shared/feeds';

const WELL_KNOWN = ['/feed', '/rss.xml', '/atom.xml', '/index.xml', '/feed.xml', '/feed.json'];

describe('discoverFeeds', () => {
  it('lists rel=alternate feeds first, in document order, with relative hrefs resolved', () => {
    const html = `<!doctype html><html><head>
      <link rel="stylesheet" href="/s.css">
      <link rel="alternate" type="application/atom+xml" title="Atom &amp; more" href="atom.xml">
      <link rel="alternate" type="application/rss+xml" title="RSS" href="/rss">
      <link rel="alternate" type="application/feed+json" href="https://cdn.example/feed.json">
      <link rel="alternate" type="text/html" hreflang="fr" href="/fr/">
      <link rel="alternate" type="application/json" href="/wp-json/wp/v2/posts/1">
    </head><body></body></html>`;
    const found = discoverFeeds(html, 'https://example.com/blog/post');
    expect(found.slice(0, 3)).toEqual([
      { url: 'https://example.com/blog/atom.xml', type: 'application/atom+xml', title: 'Atom & more' },
      { url: 'https://example.com/rss', type: 'application/rss+xml', title: 'RSS' },
      { url: 'https://cdn.example/feed.json', type: 'application/feed+json' },
    ]);
    expect(found.slice(3).map((f) => f.url)).toEqual(WELL_KNOWN.map((p) => `https://example.com${p}`));
    expect(found.slice(3).every((f) => f.type === 'candidate')).toBe(true);
  });

  it('honours <base href> and rel lists in any case', () => {
    const html = '<head><base href="https://static.example/x/"><LINK REL="Alternate Home" TYPE="application/RSS+xml" HREF="f.xml"></head>';
    expect(discoverFeeds(html, 'https://example.com/')[0]).toEqual({ url: 'https://static.example/x/f.xml', type: 'application/rss+xml' });
  });

  it('offers the YouTube channel feed for a channel page, before the well-known paths', () => {
    const id = 'UC_x5XG1OV2P6uZZ5FSM9Ttw';
    const fromPath = discoverFeeds('<html></html>', `https://www.youtube.com/channel/${id}/videos`);
    expect(fromPath[0]).toEqual({ url: `https://www.youtube.com/feeds/videos.xml?channel_id=${id}`, type: 'candidate' });
    const fromPage = discoverFeeds(`<html><head><meta itemprop="channelId" content="${id}"></head></html>`, 'https://www.youtube.com/@handle');
    expect(fromPage[0]?.url).toBe(`https://www.youtube.com/feeds/videos.xml?channel_id=${id}`);
    const fromScript = discoverFeeds(`<script>var x = {"externalId":"${id}"}</script>`, 'https://m.youtube.com/@handle');
    expect(fromScript[0]?.url).toBe(`https://www.youtube.com/feeds/videos.xml?channel_id=${id}`);
  });

  it('never lists the same URL twice and never a script URL', () => {
    const html = '<link rel="alternate" type="application/rss+xml" href="/feed"><link rel="alternate" type="application/rss+xml" href="javascript:alert(1)">';
    const urls = discoverFeeds(html, 'https://example.com/').map((f) => f.url);
    expect(urls.filter((u) => u === 'https://example.com/feed')).toHaveLength(1);
    expect(urls.some((u) => u.startsWith('javascript:'))).toBe(false);
  });

  it('offers no well-known candidates for a page URL that is not http(s)', () => {
    expect(discoverFeeds('<p>x</p>', 'file:///tmp/page.html')).toEqual([]);
  });
});
