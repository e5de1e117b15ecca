/**
 * URL resolution for feeds. Every URL the parser returns goes through `resolveUrl`, so the contract
 * "never a relative URL, never a script URL" holds in one place.
 */

const FORBIDDEN_SCHEMES = new Set(['javascript:', 'data:', 'vbscript:']);
// Whitespace and C0 controls inside URLs are stripped by browsers; feeds often wrap links in newlines.
const STRIP = /[\u0000-\u001F\u007F]/g;
const HAS_STRIPPABLE = /[\u0000-\u001F\u007F]/;

/** True when a string already starts with a scheme (so `new URL` needs no base). */
const HAS_SCHEME = /^[a-zA-Z][a-zA-Z0-9+.-]*:/;

/**
 * Resolves `href` against `base` and returns an absolute URL, or undefined when it cannot be resolved
 * or names a script-capable scheme.
 */
export function resolveUrl(href: string | undefined, base: string | undefined): string | undefined {
  if (href === undefined) return undefined;
  let value = href.trim();
  if (value === '') return undefined;
  if (HAS_STRIPPABLE.test(value)) value = value.replace(STRIP, '');
  // feed:// and feed:https:// are subscription hints, not fetchable schemes.
  if (value.startsWith('feed:')) {
    const rest = value.slice(5);
    value = rest.startsWith('//') ? `http:${rest}` : rest;
  }
  let url: URL;
  try {
    if (HAS_SCHEME.test(value)) url = new URL(value);
    else if (base === undefined) return undefined;
    else url = new URL(value, base);
  } catch {
    return undefined;
  }
  if (FORBIDDEN_SCHEMES.has(url.protocol)) return undefined;
  return url.href;
}

/** True for URLs that can be fetched over the web (http and https only). */
export function isWebUrl(value: string): boolean {
  return value.startsWith('http://') || value.startsWith('https://');
}
