import { coded } from '../i18n/errors';
import type { DescribableError } from '../i18n/errors';
/**
 * Anti-bot interstitials (Cloudflare, DDoS-Guard, Imperva, DataDome...) answer a feed reader with an
 * HTML "checking your browser" page. Telling the user so beats a vague "HTTP 403" or "not a feed".
 */
const bodyMarkers = [
  '<title>just a moment...</title>',
  'cf-browser-verification',
  '/cdn-cgi/challenge-platform/',
  'cf_chl_opt',
  'attention required! | cloudflare',
  'checking your browser before accessing',
  'ddos-guard',
  '_incapsula_resource',
  'captcha-delivery.com',
];

/** How much of a body is enough to spot a challenge page (the markers sit in the head). */
export const CHALLENGE_SNIFF_BYTES = 64 * 1024;

export function isChallengeHeader(headers: Headers): boolean {
  return (headers.get('cf-mitigated') ?? '').toLowerCase().includes('challenge');
}

export function isChallengeBody(bodyStart: string): boolean {
  const lower = bodyStart.toLowerCase();
  return bodyMarkers.some((marker) => lower.includes(marker));
}

export function challengeError(status: number): DescribableError {
  return coded('errors.net.challenge', `The request was blocked by an anti-bot challenge (HTTP ${status}): the site only lets browsers through.`, { status });
}
