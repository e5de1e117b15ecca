/** The small header rules: Retry-After, freshness, User-Agent, network error wording. */
import { describe, expect, it } from 'vitest';
import { maxAgeSecondsFrom } from '../../../../shared/net/freshness';
import { networkError } from '../../../../shared/net/network-error';
import { DEFAULT_RETRY_DELAY_MS, retryAtFrom } from '../../../../shared/net/retry-after';
import { userAgentFor } from '../../../../shared/net/user-agent';

const now = Date.UTC(2030, 5, 1, 12);

describe('retryAtFrom', () => {
  it('adds delta-seconds to the clock', () => {
    expect(retryAtFrom('120', now)).toBe(now + 120_000);
  });
  it('reads an HTTP date, and a past date as now', () => {
    expect(retryAtFrom('Sat, 01 Jun 2030 13:00:00 GMT', now)).toBe(now + 3_600_000);
    expect(retryAtFrom('Mon, 01 Jan 2029 00:00:00 GMT', now)).toBe(now);
  });
  it('waits ten minutes when the header is missing or unreadable', () => {
    expect(retryAtFrom(null, now)).toBe(now + DEFAULT_RETRY_DELAY_MS);
    expect(retryAtFrom('soon', now)).toBe(now + 10 * 60_000);
  });
});

describe('maxAgeSecondsFrom', () => {
  it('reads max-age among other directives', () => {
    expect(maxAgeSecondsFrom(new Headers({ 'cache-control': 'public, max-age=300, must-revalidate' }), now)).toBe(300);
  });
  it('ignores freshness when caching is forbidden', () => {
    expect(maxAgeSecondsFrom(new Headers({ 'cache-control': 'no-cache, max-age=300' }), now)).toBeUndefined();
  });
  it('measures Expires against the server Date, not the local clock', () => {
    const headers = new Headers({ date: 'Mon, 01 Jan 2024 00:00:00 GMT', expires: 'Mon, 01 Jan 2024 00:30:00 GMT' });
    expect(maxAgeSecondsFrom(headers, now)).toBe(1800);
  });
  it('is undefined without headers', () => {
    expect(maxAgeSecondsFrom(new Headers(), now)).toBeUndefined();
  });
});

describe('userAgentFor', () => {
  it('names the app, version and project URL', () => {
    expect(userAgentFor('0.1.0')).toBe('Broadsheet/0.1.0 (+https://github.com/broadsheet-app/broadsheet)');
  });
});

describe('networkError', () => {
  it.each([
    [Object.assign(new TypeError('fetch failed'), { cause: Object.assign(new Error('getaddrinfo ENOTFOUND x.invalid'), { code: 'ENOTFOUND' }) }), /host name could not be found/],
    [new Error('net::ERR_INTERNET_DISCONNECTED'), /offline/],
    [Object.assign(new TypeError('fetch failed'), { cause: new AggregateError([Object.assign(new Error('x'), { code: 'ECONNREFUSED' })]) }), /refused/],
    [new Error('net::ERR_CERT_DATE_INVALID'), /certificate/],
  ])('words %s for a user', (thrown, message) => {
    const error = networkError(thrown);
    expect(error.kind).toBe('network');
    expect(error.message).toMatch(message);
  });

  it('never shows a raw message or stack', () => {
    const error = networkError(new Error('Something weird\n    at foo (bar.js:1:1)'));
    expect(error.message).toBe('Could not reach the server.');
  });
});
