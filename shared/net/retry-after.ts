/** Without a Retry-After, a rate-limited or unavailable host is left alone this long. */
export const DEFAULT_RETRY_DELAY_MS = 10 * 60 * 1000;

/**
 * Epoch ms before which the host must not be asked again. Retry-After is either delta-seconds or an
 * HTTP date (RFC 9110 §10.2.3); a date in the past means "now".
 */
export function retryAtFrom(header: string | null, now: number): number {
  const value = header?.trim() ?? '';
  if (/^\d+$/.test(value)) return now + Number(value) * 1000;
  if (value !== '') {
    const date = Date.parse(value);
    if (!Number.isNaN(date)) return Math.max(date, now);
  }
  return now + DEFAULT_RETRY_DELAY_MS;
}
