/**
 * Bodies served by the fault-injecting feed server (tests/support/feed-server.ts), exported so tests can
 * assert on exactly what was served. Charset fixtures are real bytes in their legacy encodings.
 */

export interface FixtureItem {
  title: string;
  guid: string;
  link: string;
  /** RFC 822 date. */
  pubDate?: string;
}

export interface FixtureFeed {
  title: string;
  link: string;
  items: FixtureItem[];
}

export function sampleFeed(title = 'Broadsheet Test Feed', count = 3): FixtureFeed {
  const items: FixtureItem[] = [];
  for (let i = 1; i <= count; i++) {
    items.push({
      title: `Article ${i}`,
      guid: `urn:broadsheet:test:${i}`,
      link: `https://example.com/articles/${i}`,
      pubDate: new Date(Date.UTC(2024, 0, i, 12)).toUTCString(),
    });
  }
  return { title, link: 'https://example.com/', items };
}

export function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** RSS 2.0 text; `encoding` only writes the XML declaration (the caller encodes the bytes). */
export function rssXml(feed: FixtureFeed, encoding?: string): string {
  const prolog = encoding ? `<?xml version="1.0" encoding="${encoding}"?>` : '<?xml version="1.0"?>';
  const items = feed.items
    .map(
      (item) =>
        `<item><title>${escapeXml(item.title)}</title><link>${escapeXml(item.link)}</link>` +
        `<guid isPermaLink="false">${escapeXml(item.guid)}</guid>` +
        (item.pubDate ? `<pubDate>${item.pubDate}</pubDate>` : '') +
        `<description>Summary of ${escapeXml(item.title)}</description></item>`,
    )
    .join('\n    ');
  return `${prolog}
<rss version="2.0">
  <channel>
    <title>${escapeXml(feed.title)}</title>
    <link>${escapeXml(feed.link)}</link>
    <description>A feed served by the Broadsheet test server</description>
    ${items}
  </channel>
</rss>
`;
}

export function atomXml(feed: FixtureFeed): string {
  const entries = feed.items
    .map(
      (item) =>
        `<entry><title>${escapeXml(item.title)}</title><id>${escapeXml(item.guid)}</id>` +
        `<link href="${escapeXml(item.link)}"/><updated>2024-01-01T12:00:00Z</updated></entry>`,
    )
    .join('\n  ');
  return `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
  <title>${escapeXml(feed.title)}</title>
  <id>urn:broadsheet:test-feed</id>
  <updated>2024-01-01T12:00:00Z</updated>
  <link href="${escapeXml(feed.link)}"/>
  ${entries}
</feed>
`;
}

export function jsonFeed(feed: FixtureFeed): string {
  return JSON.stringify({
    version: 'https://jsonfeed.org/version/1.1',
    title: feed.title,
    home_page_url: feed.link,
    items: feed.items.map((item) => ({ id: item.guid, url: item.link, title: item.title, content_text: item.title })),
  });
}

/** An HTML page that is not a feed but links to feeds (for discovery and the 'not-a-feed' error). */
export function htmlWithAlternate(): string {
  return `<!DOCTYPE html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <title>A Blog With Feeds</title>
  <link rel="alternate" type="application/rss+xml" title="RSS" href="/feed.xml">
  <link rel="alternate" type="application/atom+xml" title="Atom" href="/atom.xml">
</head>
<body><h1>A Blog With Feeds</h1><p>Posts go here.</p></body>
</html>
`;
}

/** Shaped like Cloudflare's managed challenge interstitial. */
export const cloudflareChallengeHtml = `<!DOCTYPE html>
<html lang="en-US">
<head><title>Just a moment...</title><meta http-equiv="refresh" content="390"></head>
<body><div class="main-wrapper"><noscript>Enable JavaScript and cookies to continue</noscript></div>
<script>(function(){window._cf_chl_opt={cvId: '3'};var a=document.createElement('script');
a.src='/cdn-cgi/challenge-platform/h/g/orchestrate/chl_page/v1';document.head.appendChild(a);}());</script>
</body></html>
`;

/** Latin-1 bytes; throws on a character outside it, so a fixture cannot silently lose one. */
export function latin1Bytes(text: string): Uint8Array {
  const out = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code > 0xff) throw new Error(`not Latin-1: ${text[i]}`);
    out[i] = code;
  }
  return out;
}

const cp1252High: Record<string, number> = {
  '€': 0x80, '‚': 0x82, 'ƒ': 0x83, '„': 0x84, '…': 0x85, '†': 0x86, '‡': 0x87, 'ˆ': 0x88, '‰': 0x89,
  'Š': 0x8a, '‹': 0x8b, 'Œ': 0x8c, 'Ž': 0x8e, '‘': 0x91, '’': 0x92, '“': 0x93, '”': 0x94, '•': 0x95,
  '–': 0x96, '—': 0x97, '˜': 0x98, '™': 0x99, 'š': 0x9a, '›': 0x9b, 'œ': 0x9c, 'ž': 0x9e, 'Ÿ': 0x9f,
};

export function windows1252Bytes(text: string): Uint8Array {
  const out = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) {
    const char = text[i] ?? '';
    const high = cp1252High[char];
    const code = char.charCodeAt(0);
    if (high !== undefined) out[i] = high;
    else if (code <= 0xff && (code < 0x80 || code > 0x9f)) out[i] = code;
    else throw new Error(`not windows-1252: ${char}`);
  }
  return out;
}

export function concatBytes(...parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((sum, part) => sum + part.byteLength, 0));
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.byteLength;
  }
  return out;
}

function hexBytes(hex: string): Uint8Array {
  const out = new Uint8Array(hex.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = parseInt(hex.slice(i * 2, i * 2 + 2), 16);
  return out;
}

export interface CharsetFixture {
  /** The feed title as it must read once decoded. */
  title: string;
  contentType: string;
  bytes: Uint8Array;
}

/** "日本語のニュース" ("Japanese news") in Shift_JIS. */
const shiftJisTitle = hexBytes('93fa967b8cea82cc836a8385815b8358');

function legacyFeed(title: string, encode: (text: string) => Uint8Array, encoding?: string): Uint8Array {
  const feed = sampleFeed(title, 2);
  return encode(rssXml(feed, encoding));
}

export const charsetFeeds: Record<'latin-1' | 'windows-1252' | 'shift_jis', CharsetFixture> = {
  // Declared only in the XML declaration.
  'latin-1': {
    title: 'Café déjà vu: naïve façade',
    contentType: 'application/rss+xml',
    bytes: legacyFeed('Café déjà vu: naïve façade', latin1Bytes, 'ISO-8859-1'),
  },
  // Declared only in the Content-Type header; the bytes 0x80-0x9F are where it differs from Latin-1.
  'windows-1252': {
    title: '“Smart” quotes – €5 … done',
    contentType: 'application/rss+xml; charset=windows-1252',
    bytes: legacyFeed('“Smart” quotes – €5 … done', windows1252Bytes),
  },
  // Declared in the XML declaration; multi-byte characters.
  shift_jis: {
    title: '日本語のニュース',
    contentType: 'application/xml',
    bytes: (() => {
      const marker = 'SJIS-TITLE';
      const [before, after] = rssXml(sampleFeed(marker, 2), 'Shift_JIS').split(marker);
      const ascii = new TextEncoder();
      return concatBytes(ascii.encode(before ?? ''), shiftJisTitle, ascii.encode(after ?? ''));
    })(),
  },
};

export interface PageFixture {
  /** Text that must appear in the decoded HTML. */
  text: string;
  contentType: string;
  bytes: Uint8Array;
}

export const charsetPages: Record<'utf-8' | 'meta-charset' | 'http-equiv' | 'header-charset', PageFixture> = {
  'utf-8': {
    text: 'Grüße aus Köln ✓',
    contentType: 'text/html; charset=utf-8',
    bytes: new TextEncoder().encode('<!DOCTYPE html><html><head><title>UTF-8</title></head><body><p>Grüße aus Köln ✓</p></body></html>'),
  },
  // No charset in the header: the <meta charset> decides.
  'meta-charset': {
    text: '“Quoted” – €10',
    contentType: 'text/html',
    bytes: windows1252Bytes('<!DOCTYPE html><html><head><meta charset="windows-1252"><title>cp1252</title></head><body><p>“Quoted” – €10</p></body></html>'),
  },
  // The old-style declaration.
  'http-equiv': {
    text: '日本語のニュース',
    contentType: 'text/html',
    bytes: (() => {
      const ascii = new TextEncoder();
      return concatBytes(
        ascii.encode('<html><head><meta http-equiv="Content-Type" content="text/html; charset=Shift_JIS"><title>sjis</title></head><body><p>'),
        shiftJisTitle,
        ascii.encode('</p></body></html>'),
      );
    })(),
  },
  // The header wins over a wrong <meta>.
  'header-charset': {
    text: 'Ça coûte très cher',
    contentType: 'text/html; charset=iso-8859-1',
    bytes: latin1Bytes('<html><head><meta charset="utf-8"><title>latin1</title></head><body><p>Ça coûte très cher</p></body></html>'),
  },
};
