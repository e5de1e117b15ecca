/**
 * Feed icons for the sidebar: which URLs to try for a site's icon, read from its HTML text, and how the stored copy
 * is keyed. A feed's own image (RSS <image>, Atom <logo>) is a banner, not an icon, so the site page decides.
 *
 * The icon is kept in the `images` table under `favicon:<feedId>` with no article: eviction never plans it
 * (shared/offline/eviction) and it costs a few KB per feed. A row with no bytes records "looked, found none", so a
 * site without an icon is not asked again before FAVICON_REFRESH_MS.
 */
import { Parser } from 'htmlparser2';

export const FAVICON_KEY_PREFIX = 'favicon:';

/** An icon is looked up again after a week: sites change them rarely. */
export const FAVICON_REFRESH_MS = 7 * 24 * 60 * 60 * 1000;

/** The size the sidebar draws at 2x; the candidate nearest to it (not below 16 px) wins. */
const WANTED_PX = 32;

export function faviconKey(feedId: string): string {
  return FAVICON_KEY_PREFIX + feedId;
}

/** The feed id of a favicon key, or null for any other stored image URL. */
export function feedIdOfFaviconKey(key: string): string | null {
  return key.startsWith(FAVICON_KEY_PREFIX) ? key.slice(FAVICON_KEY_PREFIX.length) : null;
}

/** Whether a feed's icon should be looked up (again): never looked, or looked at least a week ago. */
export function isFaviconDue(lastCheckedAt: number | undefined, now: number): boolean {
  return lastCheckedAt === undefined || now - lastCheckedAt >= FAVICON_REFRESH_MS;
}

interface IconLink {
  url: string;
  /** Lower is better. */
  rank: number;
  order: number;
}

function resolveHttp(raw: string, base: string): string | null {
  try {
    const url = new URL(raw.trim(), base);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : null;
  } catch {
    return null;
  }
}

/** The largest square size a `sizes` attribute lists ("16x16 32x32", "any"); null when it gives none. */
function largestSize(sizes: string | undefined): number | null {
  let largest: number | null = null;
  for (const token of (sizes ?? '').toLowerCase().split(/\s+/)) {
    const match = /^(\d+)x(\d+)$/.exec(token);
    if (match) largest = Math.max(largest ?? 0, Math.min(Number(match[1]), Number(match[2])));
  }
  return largest;
}

/** SVG is never stored (shared/offline/image-type), so SVG icons are not candidates. */
function isSvg(href: string, type: string | undefined): boolean {
  return (type ?? '').toLowerCase().includes('svg') || /\.svgz?(?:[?#]|$)/i.test(href);
}

function rankOf(rel: readonly string[], sizes: string | undefined): number {
  // Touch icons are large and meant for home screens: a fallback after any real icon.
  const touch = rel.some((token) => token.startsWith('apple-touch-icon')) ? 1000 : 0;
  const size = largestSize(sizes);
  if (size === null) return touch + 100;
  if (size < 16) return touch + 500;
  return touch + Math.abs(size - WANTED_PX);
}

/**
 * The icon URLs to try for a site, best first: the page's `<link rel="icon">` (and `shortcut icon`, then
 * `apple-touch-icon`) nearest to 32 px, resolved against `<base href>` and the page URL, then `/favicon.ico` of the
 * page's origin. `html` may be null when the page could not be fetched. Duplicates are dropped.
 */
export function faviconCandidates(html: string | null, pageUrl: string): string[] {
  const links: IconLink[] = [];
  let base = pageUrl;
  let baseSet = false;
  if (html) {
    const parser = new Parser(
      {
        onopentag(name, attributes) {
          if (name === 'base' && !baseSet && attributes.href) {
            base = resolveHttp(attributes.href, pageUrl) ?? pageUrl;
            baseSet = true;
            return;
          }
          if (name !== 'link' || !attributes.href) return;
          const rel = (attributes.rel ?? '').toLowerCase().split(/\s+/).filter(Boolean);
          const isIcon = rel.includes('icon') || rel.some((token) => token.startsWith('apple-touch-icon'));
          if (!isIcon || rel.includes('mask-icon') || isSvg(attributes.href, attributes.type)) return;
          const url = resolveHttp(attributes.href, base);
          if (url) links.push({ url, rank: rankOf(rel, attributes.sizes), order: links.length });
        },
      },
      { decodeEntities: true, lowerCaseTags: true, lowerCaseAttributeNames: true },
    );
    parser.write(html);
    parser.end();
  }
  links.sort((a, b) => a.rank - b.rank || a.order - b.order);
  const fallback = resolveHttp('/favicon.ico', pageUrl);
  const urls = [...links.map((link) => link.url), ...(fallback ? [fallback] : [])];
  return [...new Set(urls)];
}
