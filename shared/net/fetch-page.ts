import type { HostResult, PageResponse } from '../host';
import { err, ok } from '../result';
import { startDeadline } from './deadline';
import { fetchFollowingRedirects } from './follow-redirects';
import { decodeHtml } from './html-charset';
import {
  DEFAULT_FIRST_BYTE_TIMEOUT_MS,
  DEFAULT_PAGE_MAX_BYTES,
  DEFAULT_TOTAL_TIMEOUT_MS,
  type FetchOptions,
} from './options';
import { discardBody, readBody } from './read-body';
import { errorForStatus } from './status-error';
import { ACCEPT_ENCODING, PAGE_ACCEPT } from './user-agent';

const htmlTypes = new Set(['text/html', 'application/xhtml+xml']);

/**
 * Fetches a web page (for full-text extraction and feed discovery) with the same redirect, timeout and
 * size rules as feeds, and decodes it by its charset. Never throws and never rejects.
 */
export async function fetchPage(url: string, options: FetchOptions): Promise<HostResult<PageResponse>> {
  const now = options.now ?? Date.now;
  const deadline = startDeadline({
    firstByteTimeoutMs: options.firstByteTimeoutMs ?? DEFAULT_FIRST_BYTE_TIMEOUT_MS,
    totalTimeoutMs: options.totalTimeoutMs ?? DEFAULT_TOTAL_TIMEOUT_MS,
    ...(options.signal ? { signal: options.signal } : {}),
  });
  try {
    const headers = { 'user-agent': options.userAgent, accept: PAGE_ACCEPT, 'accept-encoding': ACCEPT_ENCODING };
    const arrived = await fetchFollowingRedirects(options.fetch, url, headers, deadline);
    if (!arrived.ok) return arrived;
    const { response, finalUrl } = arrived.value;
    if (response.status < 200 || response.status > 299) {
      return err(await errorForStatus(response, deadline, now()));
    }

    const headerType = response.headers.get('content-type');
    const mediaType = (headerType ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
    // No Content-Type at all is common on small sites; the body is then taken as HTML.
    if (mediaType !== '' && !htmlTypes.has(mediaType)) {
      discardBody(response);
      return err({ kind: 'http', status: response.status, message: `This URL is not a web page (it is ${mediaType}).` });
    }

    const body = await readBody(response, {
      limit: options.maxBytes ?? DEFAULT_PAGE_MAX_BYTES,
      overflow: 'error',
      deadline,
      what: 'page',
    });
    if (!body.ok) return body;
    return ok({ finalUrl, contentType: headerType || 'text/html', html: decodeHtml(body.value, headerType) });
  } catch {
    // Only a bug gets here; the caller still gets a value, not a rejection.
    return err({ kind: 'network', message: 'The page could not be fetched.' });
  } finally {
    deadline.dispose();
  }
}
