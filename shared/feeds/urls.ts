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
  if (isPlainAbsolute(value)) return value;
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

/** Where a plain relative path lands under an http(s) base: `origin` + `directory` + path. */
interface BaseParts {
  origin: string;
  directory: string;
}

/**
 * `scheme://host/path` with a lower-case ASCII host whose last label starts with a letter (so it is no IPv4 number and
 * no punycode to check), no port or credentials: the form feeds and items almost always have, which URL parsing
 * would return unchanged up to the query.
 */
const SIMPLE_BASE = /^(https?:\/\/(?!xn--)[a-z0-9-]+(?:\.(?!xn--)[a-z0-9-]+)*)(\/[^?#\\%\s]*)?(?:[?#]|$)/;

/** SIMPLE_BASE's origin and path, when its host is no IPv4 number (last label starting with a letter) and its path plain. */
function simpleParts(value: string): { origin: string; path: string; whole: boolean } | undefined {
  const simple = SIMPLE_BASE.exec(value);
  if (!simple) return undefined;
  const [matched, origin = '', path = '/'] = simple;
  const first = origin.charCodeAt(origin.lastIndexOf('.') + 1);
  if (first < 0x61 || first > 0x7a || !isPlainPath(path)) return undefined;
  const last = value.charCodeAt(value.length - 1);
  return { origin, path, whole: matched.length === value.length && simple[2] !== undefined && last !== 0x3f && last !== 0x23 };
}

/** An http(s) URL that URL parsing returns exactly as written (most feed and item links): no need to parse it. */
function isPlainAbsolute(value: string): boolean {
  return value.charCodeAt(0) === 0x68 /* h */ && simpleParts(value)?.whole === true;
}

function baseParts(base: string | undefined): BaseParts | undefined {
  if (base === undefined) return undefined;
  const simple = simpleParts(base);
  if (simple) return { origin: simple.origin, directory: simple.path.slice(0, simple.path.lastIndexOf('/') + 1) };
  let url: URL;
  try {
    url = new URL(base);
  } catch {
    return undefined;
  }
  if ((url.protocol !== 'http:' && url.protocol !== 'https:') || url.username !== '' || url.password !== '') return undefined;
  const path = url.pathname;
  return { origin: `${url.protocol}//${url.host}`, directory: path.slice(0, path.lastIndexOf('/') + 1) };
}

/** Characters a URL path keeps as they are (no percent-encoding, no backslash or scheme, query or fragment). */
function isPlainPathChar(c: number): boolean {
  return (
    (c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a) || (c >= 0x2f && c <= 0x39) /* / and digits */ ||
    c === 0x2d || c === 0x2e || c === 0x5f || c === 0x7e || c === 0x21 || c === 0x24 || c === 0x28 || c === 0x29 ||
    c === 0x2a || c === 0x2b || c === 0x2c || c === 0x3b || c === 0x3d || c === 0x40
  );
}

/** A relative path (`images/a.jpg`, `/2024/post`) that URL parsing would copy unchanged: no dot segments, no `//` start. */
function isPlainPath(value: string): boolean {
  const n = value.length;
  if (n === 0 || (value.charCodeAt(0) === 0x2f && value.charCodeAt(1) === 0x2f)) return false;
  let segmentStart = 0;
  for (let i = 0; i <= n; i++) {
    const c = i < n ? value.charCodeAt(i) : 0x2f;
    if (c === 0x2f) {
      const length = i - segmentStart;
      if (length === 1 && value.charCodeAt(segmentStart) === 0x2e) return false;
      if (length === 2 && value.charCodeAt(segmentStart) === 0x2e && value.charCodeAt(segmentStart + 1) === 0x2e) return false;
      segmentStart = i + 1;
    } else if (!isPlainPathChar(c)) return false;
  }
  return true;
}

/**
 * `resolveUrl` against one base, for resolving many URLs (those in an article's HTML): the base is parsed once, and a
 * plain relative path is joined to it by concatenation, which gives what URL parsing gives without its cost.
 */
export function urlResolver(base: string | undefined): (href: string | undefined) => string | undefined {
  let parts: BaseParts | undefined | null = null;
  return (href) => {
    if (href !== undefined && isPlainPath(href)) {
      if (parts === null) parts = baseParts(base);
      if (parts !== undefined) return href.charCodeAt(0) === 0x2f ? parts.origin + href : parts.origin + parts.directory + href;
    }
    return resolveUrl(href, base);
  };
}
