import type { HostError } from '../host';
import { CHALLENGE_SNIFF_BYTES, challengeError, isChallengeBody, isChallengeHeader } from './challenge';
import type { Deadline } from './deadline';
import { discardBody, readBody } from './read-body';
import { retryAtFrom } from './retry-after';
import { coded } from '../i18n/errors';

const reasonPhrases: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  402: 'Payment Required',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  406: 'Not Acceptable',
  408: 'Request Timeout',
  410: 'Gone',
  429: 'Too Many Requests',
  451: 'Unavailable For Legal Reasons',
  500: 'Internal Server Error',
  502: 'Bad Gateway',
  503: 'Service Unavailable',
  504: 'Gateway Timeout',
};

/** Over HTTP/2 statusText is empty, so the phrase comes from our table first. */
export function statusLabel(status: number, statusText: string): string {
  const phrase = reasonPhrases[status] ?? statusText.trim();
  return phrase ? `${status} ${phrase}` : String(status);
}

/**
 * The HostError for a final (non-redirect, non-2xx, non-304) response. Consumes or cancels the body.
 * Order matters: an anti-bot challenge often comes as 403 or 503, and must not read as rate limiting.
 */
export async function errorForStatus(response: Response, deadline: Deadline, now: number): Promise<HostError> {
  const { status } = response;
  if (isChallengeHeader(response.headers)) {
    discardBody(response);
    return { kind: 'http', status, ...challengeError(status) };
  }
  if ((status === 403 || status === 429 || status === 503) && isHtml(response.headers)) {
    const start = await readBody(response, { limit: CHALLENGE_SNIFF_BYTES, overflow: 'truncate', deadline, what: 'page' });
    if (start.ok && isChallengeBody(new TextDecoder().decode(start.value))) {
      return { kind: 'http', status, ...challengeError(status) };
    }
  } else {
    discardBody(response);
  }

  const label = statusLabel(status, response.statusText);
  if (status === 410) {
    return { kind: 'gone', status, ...coded('errors.net.gone', `The server says this address is gone for good (${label}).`, { label }) };
  }
  if (status === 429 || status === 503) {
    const retryAt = retryAtFrom(response.headers.get('retry-after'), now);
    const wording =
      status === 429
        ? coded('errors.net.rateLimited', `The server is limiting how often it can be asked (${label}); Broadsheet will wait before trying again.`, { label })
        : coded('errors.net.unavailable', `The server is temporarily unavailable (${label}); Broadsheet will wait before trying again.`, { label });
    return { kind: 'rate-limited', status, retryAt, ...wording };
  }
  if (status === 401) {
    return { kind: 'http', status, ...coded('errors.net.needsPassword', `The server wants a user name and password (${label}).`, { label }) };
  }
  if (status >= 500) {
    return { kind: 'http', status, ...coded('errors.net.serverProblem', `The server had a problem (${label}).`, { label }) };
  }
  return { kind: 'http', status, ...coded('errors.net.status', `The server answered ${label}.`, { label }) };
}

function isHtml(headers: Headers): boolean {
  const type = headers.get('content-type') ?? '';
  return type === '' || /html/i.test(type);
}
