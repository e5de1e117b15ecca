import type { HostError } from '../host';
import { err, ok, type Result } from '../result';
import type { Deadline } from './deadline';
import { networkError } from './network-error';
import { discardBody } from './read-body';
import { coded } from '../i18n/errors';

export const MAX_REDIRECTS = 10;

const followed = new Set([301, 302, 303, 307, 308]);
const permanent = new Set([301, 308]);

export interface Arrival {
  /** The final response (not a redirect); its body is unread. */
  response: Response;
  finalUrl: string;
  /** Set when at least one redirect was followed and every one was 301/308. */
  permanentUrl?: string;
}

/** Parses a URL the user or a server gave us, allowing only http(s). */
export function httpUrl(raw: string): Result<URL, HostError> {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return err({ kind: 'invalid-argument', ...coded('errors.net.invalidAddress', `"${raw}" is not a valid web address.`, { address: raw }) });
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    return err({ kind: 'invalid-argument', ...coded('errors.net.notHttp', `Only http and https addresses can be fetched, not ${url.protocol.replace(':', '')}.`, { scheme: url.protocol.replace(':', '') }) });
  }
  return ok(url);
}

/**
 * GETs `startUrl`, following redirects by hand (`redirect: 'manual'`) so that we know every hop's status:
 * only an all-permanent chain may move a subscription. Relative Locations resolve against the current
 * URL; every target must be http(s); a URL seen twice is a loop; more than MAX_REDIRECTS hops fail.
 * Credentials in the URL become a Basic Authorization header, sent only to the original origin.
 */
export async function fetchFollowingRedirects(
  fetchFn: typeof fetch,
  startUrl: string,
  headers: Record<string, string>,
  deadline: Deadline,
): Promise<Result<Arrival, HostError>> {
  const start = httpUrl(startUrl);
  if (!start.ok) return start;
  const auth = basicAuth(start.value);
  let url = withoutCredentials(start.value);
  const origin = url.origin;
  const seen = new Set<string>([url.href]);
  let allPermanent = true;

  for (let hops = 0; ; hops++) {
    const hopHeaders = auth && url.origin === origin ? { ...headers, authorization: auth } : headers;
    const answered = await fetchOnce(fetchFn, url.href, hopHeaders, deadline);
    if (!answered.ok) return answered;
    const response = answered.value;

    if (response.type === 'opaqueredirect') {
      return err({ kind: 'network', ...coded('errors.net.redirectHidden', 'The server redirected, but this fetch cannot see where to.') });
    }
    if (!followed.has(response.status)) {
      const arrival: Arrival = { response, finalUrl: url.href };
      if (hops > 0 && allPermanent) arrival.permanentUrl = url.href;
      return ok(arrival);
    }

    discardBody(response);
    const location = response.headers.get('location');
    if (!location) {
      return err({ kind: 'http', status: response.status, ...coded('errors.net.redirectNoLocation', `The server redirected (HTTP ${response.status}) without saying where to.`, { status: response.status }) });
    }
    let next: URL;
    try {
      next = new URL(location, url);
    } catch {
      return err({ kind: 'http', status: response.status, ...coded('errors.net.redirectInvalid', `The server redirected to an invalid address ("${location}").`, { location }) });
    }
    const checked = httpUrl(next.href);
    if (!checked.ok) {
      return err({
        kind: 'invalid-argument',
        ...coded('errors.net.redirectNotHttp', `The server redirected to a non-web address (${next.protocol.replace(':', '')}); only http and https are followed.`, { scheme: next.protocol.replace(':', '') }),
      });
    }
    next = withoutCredentials(next);
    next.hash = '';
    if (seen.has(next.href)) {
      return err({ kind: 'network', ...coded('errors.net.redirectLoop', `The server sends Broadsheet round in a redirect loop (back to ${next.href}).`, { url: next.href }) });
    }
    if (hops + 1 > MAX_REDIRECTS) {
      return err({ kind: 'network', ...coded('errors.net.tooManyRedirects', `The server redirected more than ${MAX_REDIRECTS} times (a redirect loop?).`, { max: MAX_REDIRECTS }) });
    }
    if (!permanent.has(response.status)) allPermanent = false;
    seen.add(next.href);
    url = next;
  }
}

async function fetchOnce(
  fetchFn: typeof fetch,
  url: string,
  headers: Record<string, string>,
  deadline: Deadline,
): Promise<Result<Response, HostError>> {
  if (deadline.reason() !== undefined) return err(deadline.error());
  const stopFirstByte = deadline.startFirstByte();
  let pending: Promise<Response>;
  try {
    pending = fetchFn(url, { method: 'GET', headers, redirect: 'manual', signal: deadline.signal });
  } catch (thrown) {
    stopFirstByte();
    return err(networkError(thrown));
  }
  try {
    // Raced, so a fetch that ignores its signal still cannot outlive the deadline.
    const outcome = await Promise.race([pending, deadline.fired.then(() => undefined)]);
    if (outcome === undefined) {
      pending.then(discardBody, () => undefined);
      return err(deadline.error());
    }
    if (deadline.reason() !== undefined) {
      discardBody(outcome);
      return err(deadline.error());
    }
    return ok(outcome);
  } catch (thrown) {
    if (deadline.reason() !== undefined) return err(deadline.error());
    return err(networkError(thrown));
  } finally {
    stopFirstByte();
  }
}

function basicAuth(url: URL): string | undefined {
  if (!url.username && !url.password) return undefined;
  const user = decodeURIComponent(url.username);
  const password = decodeURIComponent(url.password);
  const bytes = new TextEncoder().encode(`${user}:${password}`);
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return `Basic ${btoa(binary)}`;
}

function withoutCredentials(url: URL): URL {
  const copy = new URL(url.href);
  copy.username = '';
  copy.password = '';
  return copy;
}
