/**
 * Article HTML is written by strangers: DOMPurify removes scripts, handlers and dangerous URLs, and these rules
 * go further for a reader: no forms, frames, plugins, <base>, <meta> or stylesheets; links and media only over
 * http(s); images lazy. Every id and name gets a `user-content-` prefix (and in-page links follow it), so an
 * article cannot clobber names on the frame's window or document (`<a id="__proto__">`, `<img name="x">`).
 */
import DOMPurify from 'dompurify';
import { absoluteImageUrl, bestSrcsetCandidate, isTrackingImage, parseSrcset } from '../../shared/offline';

const FORBIDDEN_TAGS = ['style', 'link', 'meta', 'base', 'form', 'input', 'button', 'select', 'textarea', 'iframe', 'frame', 'frameset', 'object', 'embed', 'applet', 'script', 'noscript', 'template', 'portal'];
const FORBIDDEN_ATTRIBUTES = ['style', 'srcdoc', 'formaction', 'action', 'ping', 'background', 'poster'];
const URL_ATTRIBUTES = ['href', 'src', 'cite', 'longdesc'];
const SAFE_URL = /^(https?:|#)/i;
/** DOMPurify's SANITIZE_NAMED_PROPS prefix. */
const NAMED_PROPS_PREFIX = 'user-content-';

/** A srcset is a list of URLs: DOMPurify checks only its start, so `x 1x, javascript:… 2x` would pass. */
function isSafeSrcset(value: string): boolean {
  return value.split(',').every((candidate) => {
    const url = candidate.trim().split(/\s+/)[0] ?? '';
    return url === '' || /^https?:/i.test(url);
  });
}

let purifier: ReturnType<typeof DOMPurify> | null = null;

export interface SanitizeOptions {
  /** Web URL → object URL of its stored copy: those images are shown from the store, offline too. */
  storedImages?: ReadonlyMap<string, string>;
  /** Resolves relative image URLs for the lookup in storedImages (the article's URL). */
  baseUrl?: string;
}

/** The options of the sanitize call running now (sanitize is synchronous, the hooks read them). */
let current: SanitizeOptions = {};

/** Shows an <img> from the store when its chosen source (best srcset candidate, else src) or its src is stored. */
function showStoredImage(node: Element): void {
  const stored = current.storedImages;
  if (!stored || stored.size === 0) return;
  const lookup = (raw: string | null | undefined) => {
    const url = raw ? absoluteImageUrl(raw, current.baseUrl) : null;
    return url ? stored.get(url) : undefined;
  };
  const srcset = node.getAttribute('srcset');
  const candidates = srcset ? [bestSrcsetCandidate(srcset), node.getAttribute('src'), ...parseSrcset(srcset).map((c) => c.url)] : [node.getAttribute('src')];
  for (const candidate of candidates) {
    const objectUrl = lookup(candidate);
    if (objectUrl) {
      node.setAttribute('src', objectUrl);
      node.removeAttribute('srcset');
      node.removeAttribute('sizes');
      return;
    }
  }
}

function articlePurifier(): ReturnType<typeof DOMPurify> {
  if (purifier) return purifier;
  const instance = DOMPurify(window);
  // Tracking pixels are neither stored nor shown (shared/offline/trackers).
  instance.addHook('uponSanitizeElement', (node, data) => {
    if (data.tagName !== 'img' || !(node instanceof Element)) return;
    const src = node.getAttribute('src') ?? '';
    if (isTrackingImage(absoluteImageUrl(src, current.baseUrl) ?? src, node.getAttribute('width'), node.getAttribute('height'))) node.remove();
  });
  instance.addHook('uponSanitizeAttribute', (_node, data) => {
    if (URL_ATTRIBUTES.includes(data.attrName) && !SAFE_URL.test(data.attrValue.trim())) data.keepAttr = false;
    if (data.attrName === 'srcset' && !isSafeSrcset(data.attrValue)) data.keepAttr = false;
  });
  instance.addHook('afterSanitizeAttributes', (node) => {
    if (node.tagName === 'A') {
      const href = node.getAttribute('href');
      if (href && href.length > 1 && href.startsWith('#') && !href.startsWith(`#${NAMED_PROPS_PREFIX}`)) {
        node.setAttribute('href', `#${NAMED_PROPS_PREFIX}${href.slice(1)}`);
      }
      node.setAttribute('rel', 'noopener noreferrer');
      node.removeAttribute('target');
    }
    if (node.tagName === 'IMG') {
      node.setAttribute('loading', 'lazy');
      node.setAttribute('decoding', 'async');
      node.setAttribute('referrerpolicy', 'no-referrer');
      // After the URL checks above: object URLs (blob:) are ours, not the article's.
      showStoredImage(node);
    }
    if (node.tagName === 'AUDIO' || node.tagName === 'VIDEO') {
      node.setAttribute('controls', '');
      node.setAttribute('preload', 'none');
      node.removeAttribute('autoplay');
    }
  });
  purifier = instance;
  return instance;
}

export function sanitizeArticleHtml(html: string, options: SanitizeOptions = {}): string {
  current = options;
  try {
    return articlePurifier().sanitize(html, {
      FORBID_TAGS: FORBIDDEN_TAGS,
      FORBID_ATTR: FORBIDDEN_ATTRIBUTES,
      ALLOW_DATA_ATTR: false,
      ALLOW_UNKNOWN_PROTOCOLS: false,
      USE_PROFILES: { html: true },
      SANITIZE_NAMED_PROPS: true,
    });
  } finally {
    current = {};
  }
}
