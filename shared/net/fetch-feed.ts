import type { ParsedFeed } from '../feeds/types';
import type { FeedRequest, FeedResponse, HostError, HostResult } from '../host';
import { err, ok } from '../result';
import { bodyHashOf } from './body-hash';
import { challengeError, isChallengeBody, isChallengeHeader } from './challenge';
import { fetchFollowingRedirects } from './follow-redirects';
import { maxAgeSecondsFrom } from './freshness';
import { DEFAULT_FEED_MAX_BYTES, startFetchDeadline, type FetchOptions } from './options';
import { discardBody, readBody } from './read-body';
import { errorForStatus } from './status-error';
import { ACCEPT_ENCODING, FEED_ACCEPT } from './user-agent';
import { coded } from '../i18n/errors';
import { FeedParseError } from '../feeds/errors';

/** What the parser is told about a body besides its bytes (shared/feeds ParseFeedOptions). */
export interface FeedParserOptions {
  url: string;
  contentType?: string;
  now?: number;
  /** Content-Location: the document's own address, the base of its relative links. */
  contentLocation?: string;
  /** Content-Language: the feed's language when it names none. */
  contentLanguage?: string;
}

/** The parser's shape (shared/feeds parseFeed): throws when the body is not a feed. */
export type FeedParser = (body: Uint8Array, options: FeedParserOptions) => ParsedFeed;

/**
 * Fetches and parses one feed with the rules of issue 4 (anchors: Miniflux, NetNewsWire): conditional
 * GET, hand-followed redirects, timeouts, a size limit, Retry-After, anti-bot and HTML-page detection.
 * Never throws and never rejects: every failure is a HostError a user can read.
 */
export async function fetchFeedWith(
  parse: FeedParser,
  request: FeedRequest,
  options: FetchOptions,
): Promise<HostResult<FeedResponse>> {
  const now = options.now ?? Date.now;
  const deadline = startFetchDeadline(options);
  try {
    const headers: Record<string, string> = {
      'user-agent': options.userAgent,
      accept: FEED_ACCEPT,
      'accept-encoding': ACCEPT_ENCODING,
    };
    if (request.etag && isHeaderSafe(request.etag)) headers['if-none-match'] = request.etag;
    if (request.lastModified && isHeaderSafe(request.lastModified)) headers['if-modified-since'] = request.lastModified;

    const arrived = await fetchFollowingRedirects(options.fetch, request.url, headers, deadline);
    if (!arrived.ok) return arrived;
    const { response, finalUrl, permanentUrl } = arrived.value;

    const base: Omit<FeedResponse, 'status'> = { finalUrl };
    if (permanentUrl !== undefined) base.permanentUrl = permanentUrl;
    const etag = response.headers.get('etag') ?? undefined;
    const lastModified = response.headers.get('last-modified') ?? undefined;
    const maxAgeSeconds = maxAgeSecondsFrom(response.headers, now());
    if (maxAgeSeconds !== undefined) base.maxAgeSeconds = maxAgeSeconds;

    if (response.status === 304) {
      discardBody(response);
      // A 304 may omit the validators; the ones we sent are still the current ones.
      const keptEtag = etag ?? request.etag;
      const keptLastModified = lastModified ?? request.lastModified;
      if (keptEtag !== undefined) base.etag = keptEtag;
      if (keptLastModified !== undefined) base.lastModified = keptLastModified;
      return ok({ ...base, status: 'not-modified' });
    }
    if (etag !== undefined) base.etag = etag;
    if (lastModified !== undefined) base.lastModified = lastModified;

    if (response.status < 200 || response.status > 299) {
      return err(await errorForStatus(response, deadline, now()));
    }
    if (isChallengeHeader(response.headers)) {
      discardBody(response);
      return err({ kind: 'http', status: response.status, ...challengeError(response.status) });
    }

    const body = await readBody(response, {
      limit: options.maxBytes ?? DEFAULT_FEED_MAX_BYTES,
      overflow: 'error',
      deadline,
      what: 'feed',
    });
    if (!body.ok) return body;

    const bodyHash = await bodyHashOf(body.value);
    if (request.bodyHash !== undefined && request.bodyHash === bodyHash) {
      return ok({ ...base, status: 'not-modified' });
    }

    const contentType = response.headers.get('content-type') ?? undefined;
    const parserOptions: FeedParserOptions = { url: finalUrl };
    if (contentType !== undefined) parserOptions.contentType = contentType;
    const nowMs = options.now?.();
    if (nowMs !== undefined) parserOptions.now = nowMs;
    const contentLocation = response.headers.get('content-location');
    if (contentLocation !== null) parserOptions.contentLocation = contentLocation;
    const contentLanguage = response.headers.get('content-language');
    if (contentLanguage !== null) parserOptions.contentLanguage = contentLanguage;
    const parsed = parseSafely(parse, body.value, parserOptions, response.status);
    if (!parsed.ok) return parsed;
    return ok({ ...base, status: 'ok', feed: parsed.value, bodyHash });
  } catch (thrown) {
    // Only a bug gets here; the caller still gets a value, not a rejection.
    return err({ kind: 'network', ...coded('errors.feed.fetchFailed', `The feed could not be fetched (${describe(thrown)}).`, { reason: describe(thrown) }) });
  } finally {
    deadline.dispose();
  }
}

function parseSafely(parse: FeedParser, bytes: Uint8Array, options: FeedParserOptions, status: number): HostResult<ParsedFeed> {
  try {
    return ok(parse(bytes, options));
  } catch (thrown) {
    return err(parseFailure(thrown, bytes, options.contentType, status));
  }
}

/** Why a body that arrived fine is still not a feed. */
function parseFailure(thrown: unknown, bytes: Uint8Array, contentType: string | undefined, status: number): HostError {
  const start = new TextDecoder().decode(bytes.subarray(0, 64 * 1024));
  const reason = typeof thrown === 'object' && thrown !== null && 'reason' in thrown ? thrown.reason : undefined;
  if (reason === 'html-page' || looksLikeHtml(start, contentType)) {
    if (isChallengeBody(start)) return { kind: 'http', status, ...challengeError(status) };
    return { kind: 'not-a-feed', ...coded('errors.feed.webPage', 'This URL is a web page, not a feed: try discovery.') };
  }
  // FeedParseError messages are written for users; anything else thrown is a parser bug.
  const wording = thrown instanceof FeedParseError ? thrown.wording : undefined;
  if (reason === 'too-large') return { kind: 'too-large', ...(wording ?? coded('errors.feed.tooLarge', 'The feed is too large to read.')) };
  return { kind: 'parse', ...(wording ?? coded('errors.feed.unreadable', `This feed could not be read (${describe(thrown)}).`, { reason: describe(thrown) })) };
}

function looksLikeHtml(start: string, contentType: string | undefined): boolean {
  const head = start.replace(/^\uFEFF/, '').trimStart().slice(0, 512).toLowerCase();
  if (head.startsWith('<!doctype html') || head.startsWith('<html')) return true;
  // An XML prolog or a JSON body served as text/html is a misconfigured feed, not a page.
  return /html/i.test(contentType ?? '') && !head.startsWith('<?xml') && !head.startsWith('{') && head.includes('<html');
}

function describe(thrown: unknown): string {
  if (thrown instanceof Error && thrown.message) return thrown.message.split('\n')[0] ?? thrown.name;
  return 'unknown error';
}

/** A validator with a line break would make fetch throw; a mangled stored value is simply not sent. */
function isHeaderSafe(value: string): boolean {
  return !/[\r\n\0]/.test(value);
}
