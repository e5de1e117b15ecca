import { describe, expect, it } from 'vitest';
import { feedLinksFromArgv, parseFeedLink } from '../../../shared/protocol-links';

const subscribe = (url: string) => ({ kind: 'subscribe', url });

describe('feed links', () => {
  it.each([
    ['feed://example.com/rss', 'http://example.com/rss'],
    ['FEED://Example.com/rss?x=1#top', 'http://example.com/rss?x=1#top'],
    ['feed:https://example.com/feed.xml', 'https://example.com/feed.xml'],
    ['feed:http://example.com/feed.xml', 'http://example.com/feed.xml'],
    ['feed://https://example.com/feed.xml', 'https://example.com/feed.xml'],
    ['feed://http://example.com/feed.xml', 'http://example.com/feed.xml'],
    ['feed://https//example.com/feed.xml', 'https://example.com/feed.xml'],
    ['feeds://example.com/rss', 'https://example.com/rss'],
    ['feed://example.com:8080/a b', 'http://example.com:8080/a%20b'],
  ])('maps %s to %s', (link, url) => {
    expect(parseFeedLink(link)).toEqual(subscribe(url));
  });

  it('takes broadsheet://subscribe?url= with an http(s) or feed: target', () => {
    expect(parseFeedLink('broadsheet://subscribe?url=https%3A%2F%2Fexample.com%2Ffeed')).toEqual(subscribe('https://example.com/feed'));
    expect(parseFeedLink('broadsheet://subscribe/?url=https://example.com/feed?a=1')).toEqual(subscribe('https://example.com/feed?a=1'));
    expect(parseFeedLink('broadsheet:subscribe?url=feed://example.com/rss')).toEqual(subscribe('http://example.com/rss'));
    expect(parseFeedLink('BROADSHEET://Subscribe?url=http://example.com/')).toEqual(subscribe('http://example.com/'));
  });

  it('takes a plain http(s) URL as given', () => {
    expect(parseFeedLink('https://example.com/blog/')).toEqual(subscribe('https://example.com/blog/'));
    expect(parseFeedLink('  http://example.com/atom.xml  ')).toEqual(subscribe('http://example.com/atom.xml'));
  });

  it.each([
    'javascript:alert(1)',
    'feed:javascript:alert(1)',
    'feed://javascript:alert(1)//',
    'file:///etc/passwd',
    'feed:file:///etc/passwd',
    'data:text/html,<script>alert(1)</script>',
    'feed:data:text/html,x',
    'vbscript:msgbox',
    'ftp://example.com/feed',
    'about:blank',
    'broadsheet://subscribe?url=javascript:alert(1)',
    'broadsheet://subscribe?url=file:///etc/passwd',
    'broadsheet://subscribe',
    'broadsheet://delete-everything?url=https://example.com/',
    'broadsheet://subscribe?url=broadsheet://subscribe?url=https://example.com/',
    'feed:',
    'feed://',
    'feed:example.com/rss',
    'https://',
    'not a link',
    '',
    `https://example.com/${'a'.repeat(9000)}`,
  ])('refuses %s', (link) => {
    expect(parseFeedLink(link)).toBeNull();
  });

  it('recognises .opml paths, not .opml URLs of other schemes', () => {
    expect(parseFeedLink('/home/ada/subscriptions.opml')).toEqual({ kind: 'opml-file', path: '/home/ada/subscriptions.opml' });
    expect(parseFeedLink('C:\\Users\\Ada\\Feeds.OPML')).toEqual({ kind: 'opml-file', path: 'C:\\Users\\Ada\\Feeds.OPML' });
    expect(parseFeedLink('exports/feeds.opml')).toEqual({ kind: 'opml-file', path: 'exports/feeds.opml' });
    expect(parseFeedLink('file:///home/ada/subscriptions.opml')).toBeNull();
    expect(parseFeedLink('https://example.com/list.opml')).toEqual(subscribe('https://example.com/list.opml'));
    expect(parseFeedLink('/home/ada/notes.txt')).toBeNull();
  });
});

describe('feed links on a command line', () => {
  it('skips the executable and switches, keeps links in order, once each', () => {
    const argv = [
      '/opt/Broadsheet/broadsheet',
      '--no-sandbox',
      '--original-process-start-time=1234',
      'feed://example.com/rss',
      '/home/ada/feeds.opml',
      'feed://example.com/rss',
      'https://example.org/',
      'javascript:alert(1)',
    ];
    expect(feedLinksFromArgv(argv)).toEqual([
      subscribe('http://example.com/rss'),
      { kind: 'opml-file', path: '/home/ada/feeds.opml' },
      subscribe('https://example.org/'),
    ]);
  });

  it('finds nothing in a development launch (electron .)', () => {
    expect(feedLinksFromArgv(['/usr/lib/electron/electron', '.'])).toEqual([]);
    expect(feedLinksFromArgv([])).toEqual([]);
    expect(feedLinksFromArgv([42, null, 'x'])).toEqual([]);
  });
});
