/**
 * Which images of an article to keep offline, read from its HTML text (shared/ has no DOM: htmlparser2 tokenises).
 * Per <img>: the best srcset candidate, else src. Tracking pixels are skipped, as are non-http(s) URLs.
 */
import { Parser } from 'htmlparser2';
import { isTrackingImage } from './trackers';
import { bestSrcsetCandidate, parseSrcset } from './srcset';

export interface ArticleImageSource {
  /** The HTML shown (full text when there is one, else the feed's content). */
  html: string;
  /** The article's own URL: relative image URLs resolve against it. */
  baseUrl?: string | null;
  enclosures?: readonly { url: string; type?: string }[];
  /** The item image the feed named (media:thumbnail, itunes:image...). */
  imageUrl?: string | null;
}

function absoluteHttp(raw: string | undefined, base: string | null | undefined): string | null {
  if (!raw) return null;
  try {
    const url = base ? new URL(raw.trim(), base) : new URL(raw.trim());
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
    url.hash = '';
    return url.href;
  } catch {
    return null;
  }
}

/**
 * Whether "<img" occurs in the HTML, in any case (as /<img/i tests, which is ASCII-only case folding): a look at the
 * letters after each "<". The pattern scanned every character of every new article of a sync, ~9× as long.
 */
export function mentionsImg(html: string): boolean {
  for (let at = html.indexOf('<'); at >= 0; at = html.indexOf('<', at + 1)) {
    // c | 0x20 is "i", "m", "g" for exactly the upper- and lower-case letter (past the end: NaN | 0x20 = 0x20).
    if ((html.charCodeAt(at + 1) | 0x20) === 0x69 && (html.charCodeAt(at + 2) | 0x20) === 0x6d && (html.charCodeAt(at + 3) | 0x20) === 0x67) return true;
  }
  return false;
}

function eachImg(html: string, visit: (attributes: Record<string, string>) => void): void {
  // No "<img" (in any case) means no img tag: most articles of a sync, whose HTML need not be tokenised at all
  // (tokenising every new article's HTML was ~10 % of the sync worker's time in a cold sync).
  if (!mentionsImg(html)) return;
  const parser = new Parser(
    {
      onopentag(name, attributes) {
        if (name === 'img') visit(attributes);
      },
    },
    { decodeEntities: true, lowerCaseTags: true, lowerCaseAttributeNames: true },
  );
  parser.write(html);
  parser.end();
}

/** The image URLs to store for one article, absolute and deduplicated, in document order. */
export function collectImageUrls(source: ArticleImageSource): string[] {
  const urls = new Set<string>();
  eachImg(source.html, (attributes) => {
    const src = attributes.src;
    if (src && isTrackingImage(absoluteHttp(src, source.baseUrl) ?? src, attributes.width, attributes.height)) return;
    const best = attributes.srcset ? bestSrcsetCandidate(attributes.srcset) : null;
    const chosen = absoluteHttp(best ?? undefined, source.baseUrl) ?? absoluteHttp(src, source.baseUrl);
    if (chosen && !isTrackingImage(chosen)) urls.add(chosen);
  });
  for (const enclosure of source.enclosures ?? []) {
    if (!enclosure.type?.startsWith('image/') || enclosure.type === 'image/svg+xml') continue;
    const url = absoluteHttp(enclosure.url, source.baseUrl);
    if (url && !isTrackingImage(url)) urls.add(url);
  }
  const item = absoluteHttp(source.imageUrl ?? undefined, source.baseUrl);
  if (item && !isTrackingImage(item)) urls.add(item);
  return [...urls];
}

/** Every image URL the HTML may load (src and all srcset candidates): the ones to look up in the store when shown. */
export function referencedImageUrls(html: string, baseUrl?: string | null): string[] {
  const urls = new Set<string>();
  eachImg(html, (attributes) => {
    const src = absoluteHttp(attributes.src, baseUrl);
    if (src) urls.add(src);
    for (const candidate of parseSrcset(attributes.srcset ?? '')) {
      const url = absoluteHttp(candidate.url, baseUrl);
      if (url) urls.add(url);
    }
  });
  return [...urls];
}

export { absoluteHttp as absoluteImageUrl };
