/**
 * Feed discovery on an HTML page: `<link rel="alternate">` feeds first, in document order, then candidates the sync
 * engine should try (a YouTube channel's feed, then well-known paths on the page's origin) marked `type: 'candidate'`.
 */
import { readTags } from './tag-reader';
import { collapseWhitespace, decodeAttributeEntities } from './text';
import type { DiscoveredFeed } from './types';
import { isWebUrl, resolveUrl } from './urls';

const FEED_TYPES = new Set([
  'application/rss+xml', 'application/atom+xml', 'application/rdf+xml', 'application/feed+json',
  'application/x.atom+xml', 'application/x-atom+xml', 'text/xml', 'application/xml', 'application/json',
]);

const WELL_KNOWN_PATHS = ['/feed', '/rss.xml', '/atom.xml', '/index.xml', '/feed.xml', '/feed.json'];

const YOUTUBE_CHANNEL_ID = /^UC[\w-]{22}$/;

function youtubeCandidate(pageUrl: URL, channelIdInPage: string | undefined): string | undefined {
  if (!/(^|\.)youtube\.com$/i.test(pageUrl.hostname)) return undefined;
  const fromPath = /^\/channel\/(UC[\w-]{22})/.exec(pageUrl.pathname)?.[1];
  const channelId = fromPath ?? channelIdInPage;
  if (channelId) return `https://www.youtube.com/feeds/videos.xml?channel_id=${channelId}`;
  const user = /^\/user\/([\w.-]+)/.exec(pageUrl.pathname)?.[1];
  if (user) return `https://www.youtube.com/feeds/videos.xml?user=${encodeURIComponent(user)}`;
  return undefined;
}

export function discoverFeeds(html: string, pageUrl: string): DiscoveredFeed[] {
  const found: DiscoveredFeed[] = [];
  const seen = new Set<string>();
  const add = (feed: DiscoveredFeed): void => {
    if (seen.has(feed.url)) return;
    seen.add(feed.url);
    found.push(feed);
  };

  let base = pageUrl;
  let baseSet = false;
  let channelId: string | undefined;
  const alternates: { href: string; title?: string; type: string }[] = [];

  // Tokens only, no element stack: a page's nesting costs nothing, however deep.
  readTags(html, false, {
    onOpen(name, raw) {
      if (name !== 'base' && name !== 'link' && name !== 'a' && name !== 'meta') return;
      const attrs: Record<string, string> = {};
      for (const key in raw) attrs[key] = decodeAttributeEntities(raw[key]!);
      if (name === 'base') {
        if (!baseSet && attrs.href) {
          base = resolveUrl(attrs.href, pageUrl) ?? pageUrl;
          baseSet = true;
        }
        return;
      }
      if (name === 'meta') {
        if (attrs.itemprop === 'channelId' && attrs.content && YOUTUBE_CHANNEL_ID.test(attrs.content)) channelId ??= attrs.content;
        return;
      }
      const rel = (attrs.rel ?? '').toLowerCase().split(/\s+/);
      const type = (attrs.type ?? '').toLowerCase().split(';')[0]!.trim();
      if (!rel.includes('alternate') || rel.includes('stylesheet') || !FEED_TYPES.has(type) || !attrs.href) return;
      // rel=alternate application/json is usually a REST API (WordPress), not a feed, unless it says so.
      if (type === 'application/json' && !/feed/i.test(attrs.href + (attrs.title ?? ''))) return;
      const title = attrs.title ? collapseWhitespace(attrs.title) : undefined;
      alternates.push({ href: attrs.href, type, ...(title ? { title } : {}) });
    },
    onClose() {},
  });

  for (const alternate of alternates) {
    const url = resolveUrl(alternate.href, base);
    if (url === undefined) continue;
    add({ url, type: alternate.type, ...(alternate.title ? { title: alternate.title } : {}) });
  }

  let page: URL;
  try {
    page = new URL(pageUrl);
  } catch {
    return found;
  }
  if (!isWebUrl(page.href)) return found;
  if (channelId === undefined && /(^|\.)youtube\.com$/i.test(page.hostname)) {
    const inScript = /"(?:channelId|externalId)"\s*:\s*"(UC[\w-]{22})"/.exec(html);
    channelId = inScript?.[1];
  }
  const youtube = youtubeCandidate(page, channelId);
  if (youtube) add({ url: youtube, type: 'candidate' });
  for (const path of WELL_KNOWN_PATHS) add({ url: `${page.origin}${path}`, type: 'candidate' });
  return found;
}
