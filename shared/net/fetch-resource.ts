/**
 * What fetching a page and fetching an image share: the deadline, the request headers, redirects followed by hand,
 * and a non-2xx answer turned into a typed error. `read` takes over a 2xx response. Never throws, never rejects.
 */
import type { HostResult } from '../host';
import { err } from '../result';
import type { Deadline } from './deadline';
import { fetchFollowingRedirects } from './follow-redirects';
import { startFetchDeadline, type FetchOptions } from './options';
import { errorForStatus } from './status-error';
import { ACCEPT_ENCODING } from './user-agent';
import { coded } from '../i18n/errors';
import { FETCH_FAILED, type DownloadKind } from './download-kind';

export async function fetchResource<T>(
  url: string,
  options: FetchOptions,
  request: { accept: string; what: DownloadKind },
  read: (response: Response, finalUrl: string, deadline: Deadline) => Promise<HostResult<T>>,
): Promise<HostResult<T>> {
  const now = options.now ?? Date.now;
  const deadline = startFetchDeadline(options);
  try {
    const headers = { 'user-agent': options.userAgent, accept: request.accept, 'accept-encoding': ACCEPT_ENCODING };
    const arrived = await fetchFollowingRedirects(options.fetch, url, headers, deadline);
    if (!arrived.ok) return arrived;
    const { response, finalUrl } = arrived.value;
    if (response.status < 200 || response.status > 299) return err(await errorForStatus(response, deadline, now()));
    return await read(response, finalUrl, deadline);
  } catch {
    // Only a bug gets here; the caller still gets a value, not a rejection.
    return err({ kind: 'network', ...coded(FETCH_FAILED[request.what], `The ${request.what} could not be fetched.`) });
  } finally {
    deadline.dispose();
  }
}
