import type { HostResult, PageResponse } from '../host';
import { err, ok } from '../result';
import { fetchResource } from './fetch-resource';
import { decodeHtml } from './html-charset';
import { DEFAULT_PAGE_MAX_BYTES, type FetchOptions } from './options';
import { discardBody, readBody } from './read-body';
import { PAGE_ACCEPT } from './user-agent';
import { coded } from '../i18n/errors';

const htmlTypes = new Set(['text/html', 'application/xhtml+xml']);

/**
 * Fetches a web page (for full-text extraction and feed discovery) with the same redirect, timeout and
 * size rules as feeds, and decodes it by its charset. Never throws and never rejects.
 */
export function fetchPage(url: string, options: FetchOptions): Promise<HostResult<PageResponse>> {
  return fetchResource(url, options, { accept: PAGE_ACCEPT, what: 'page' }, async (response, finalUrl, deadline) => {
    const headerType = response.headers.get('content-type');
    const mediaType = (headerType ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
    // No Content-Type at all is common on small sites; the body is then taken as HTML.
    if (mediaType !== '' && !htmlTypes.has(mediaType)) {
      discardBody(response);
      return err({ kind: 'http', status: response.status, ...coded('errors.net.notPage', `This URL is not a web page (it is ${mediaType}).`, { type: mediaType }) });
    }

    const body = await readBody(response, {
      limit: options.maxBytes ?? DEFAULT_PAGE_MAX_BYTES,
      overflow: 'error',
      deadline,
      what: 'page',
    });
    if (!body.ok) return body;
    return ok({ finalUrl, contentType: headerType || 'text/html', html: decodeHtml(body.value, headerType) });
  });
}
