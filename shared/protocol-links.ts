/**
 * Feed links handed to the app by the OS or a second launch: `feed:` and `broadsheet:` URLs, a plain http(s) URL
 * or an .opml file path on the command line. Everything else (javascript:, file:, data:, …) is refused.
 *
 * `feed://example.com/rss` becomes `http://example.com/rss`: the feed: scheme predates HTTPS and names no
 * transport, readers (NetNewsWire among them) map it to http, and the fetcher follows the site's redirect to https
 * when there is one. Guessing https instead would break feeds on plain-http hosts. A transport stated inside the
 * link wins (`feed:https://…`, `feed://https://…`), and `feeds://` means https.
 */
import { isHttpUrl, MAX_URL_LENGTH } from './host-schema';

export type FeedLink = { kind: 'subscribe'; url: string } | { kind: 'opml-file'; path: string };

/** The URL schemes the app registers itself for. */
export const FEED_LINK_SCHEMES = ['feed', 'broadsheet'] as const;

const SCHEME = /^([a-z][a-z0-9+.-]*):(.*)$/is;
const WINDOWS_DRIVE_PATH = /^[a-z]:[\\/]/i;
const INNER_HTTP = /^(https?):\/\/(.+)$/is;
/** Some browsers hand over `feed://https//host/…`, having eaten the colon of the inner scheme. */
const MANGLED_INNER_HTTP = /^(https?)\/\/(.+)$/is;

/** What one command-line argument, `open-url` or `open-file` value asks for; null when it is not a feed link. */
export function parseFeedLink(raw: string): FeedLink | null {
  const value = raw.trim();
  if (value === '' || value.length > MAX_URL_LENGTH) return null;
  if (looksLikeOpmlPath(value)) return { kind: 'opml-file', path: value };
  const url = feedUrlOf(value, 0);
  return url === null ? null : { kind: 'subscribe', url };
}

/**
 * The feed links in a process's argv (the first entry is the executable; Chromium's and our own `--switches`
 * are skipped), each once, in order.
 */
export function feedLinksFromArgv(argv: readonly unknown[]): FeedLink[] {
  const links: FeedLink[] = [];
  const seen = new Set<string>();
  for (const arg of argv.slice(1)) {
    if (typeof arg !== 'string' || arg.startsWith('-')) continue;
    const link = parseFeedLink(arg);
    if (link === null) continue;
    const key = link.kind === 'subscribe' ? `url:${link.url}` : `path:${link.path}`;
    if (seen.has(key)) continue;
    seen.add(key);
    links.push(link);
  }
  return links;
}

function looksLikeOpmlPath(value: string): boolean {
  if (!/\.opml$/i.test(value)) return false;
  if (WINDOWS_DRIVE_PATH.test(value) || value.startsWith('\\\\')) return true;
  // Anything with a URL scheme (file:, http:, …) is not a path; a relative or absolute path has none.
  return !SCHEME.test(value) || value.startsWith('/');
}

/** The http(s) URL a link subscribes to. `depth` stops `broadsheet://subscribe?url=broadsheet://…` loops. */
function feedUrlOf(value: string, depth: number): string | null {
  const match = SCHEME.exec(value);
  if (!match) return null;
  const scheme = (match[1] ?? '').toLowerCase();
  const rest = match[2] ?? '';
  switch (scheme) {
    case 'http':
    case 'https':
      return httpUrl(value);
    case 'feed':
      return fromFeedScheme(rest, 'http');
    case 'feeds':
      return fromFeedScheme(rest, 'https');
    case 'broadsheet':
      return depth === 0 ? fromBroadsheetScheme(value) : null;
    default:
      return null;
  }
}

function fromFeedScheme(rest: string, transport: 'http' | 'https'): string | null {
  const inner = INNER_HTTP.exec(rest);
  if (inner) return httpUrl(`${inner[1]}://${inner[2]}`);
  if (!rest.startsWith('//')) return null;
  const afterSlashes = rest.slice(2);
  const nested = INNER_HTTP.exec(afterSlashes) ?? MANGLED_INNER_HTTP.exec(afterSlashes);
  if (nested) return httpUrl(`${(nested[1] ?? '').toLowerCase()}://${nested[2]}`);
  return httpUrl(`${transport}://${afterSlashes}`);
}

/** `broadsheet://subscribe?url=…` (also `broadsheet:subscribe?url=…`); the url may itself be a feed: link. */
function fromBroadsheetScheme(value: string): string | null {
  let parsed: URL;
  try {
    parsed = new URL(value);
  } catch {
    return null;
  }
  const action = `${parsed.host}${parsed.pathname}`.replace(/^\/+|\/+$/g, '').toLowerCase();
  if (action !== 'subscribe') return null;
  const target = parsed.searchParams.get('url');
  return target === null ? null : feedUrlOf(target.trim(), 1);
}

function httpUrl(candidate: string): string | null {
  if (candidate.length > MAX_URL_LENGTH || !isHttpUrl(candidate)) return null;
  return new URL(candidate).href;
}
