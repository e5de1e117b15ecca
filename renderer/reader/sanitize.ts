/**
 * Article HTML is written by strangers: DOMPurify removes scripts, handlers and dangerous URLs, and these rules
 * go further for a reader: no forms, frames, plugins, <base>, <meta> or stylesheets; links and media only over
 * http(s); images lazy.
 */
import DOMPurify from 'dompurify';

const FORBIDDEN_TAGS = ['style', 'link', 'meta', 'base', 'form', 'input', 'button', 'select', 'textarea', 'iframe', 'frame', 'frameset', 'object', 'embed', 'applet', 'script', 'noscript', 'template', 'portal'];
const FORBIDDEN_ATTRIBUTES = ['style', 'srcdoc', 'formaction', 'action', 'ping', 'background', 'poster'];
const URL_ATTRIBUTES = ['href', 'src', 'cite', 'longdesc'];
const SAFE_URL = /^(https?:|#)/i;

/** A srcset is a list of URLs: DOMPurify checks only its start, so `x 1x, javascript:… 2x` would pass. */
function isSafeSrcset(value: string): boolean {
  return value.split(',').every((candidate) => {
    const url = candidate.trim().split(/\s+/)[0] ?? '';
    return url === '' || /^https?:/i.test(url);
  });
}

let purifier: ReturnType<typeof DOMPurify> | null = null;

function articlePurifier(): ReturnType<typeof DOMPurify> {
  if (purifier) return purifier;
  const instance = DOMPurify(window);
  instance.addHook('uponSanitizeAttribute', (_node, data) => {
    if (URL_ATTRIBUTES.includes(data.attrName) && !SAFE_URL.test(data.attrValue.trim())) data.keepAttr = false;
    if (data.attrName === 'srcset' && !isSafeSrcset(data.attrValue)) data.keepAttr = false;
  });
  instance.addHook('afterSanitizeAttributes', (node) => {
    if (node.tagName === 'A') {
      node.setAttribute('rel', 'noopener noreferrer');
      node.removeAttribute('target');
    }
    if (node.tagName === 'IMG') {
      node.setAttribute('loading', 'lazy');
      node.setAttribute('decoding', 'async');
      node.setAttribute('referrerpolicy', 'no-referrer');
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

export function sanitizeArticleHtml(html: string): string {
  return articlePurifier().sanitize(html, {
    FORBID_TAGS: FORBIDDEN_TAGS,
    FORBID_ATTR: FORBIDDEN_ATTRIBUTES,
    ALLOW_DATA_ATTR: false,
    ALLOW_UNKNOWN_PROTOCOLS: false,
    USE_PROFILES: { html: true },
  });
}
