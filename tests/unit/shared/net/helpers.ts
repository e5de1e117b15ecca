import type { ParsedFeed } from '../../../../shared/feeds/types';
import type { FeedParser } from '../../../../shared/net/fetch-feed';
import type { FetchOptions } from '../../../../shared/net/options';

/** Stands in for shared/feeds in tests of HTTP rules whose outcome does not depend on parsing. */
export function recordingParser(): FeedParser & { calls: { body: Uint8Array; url: string; contentType?: string }[] } {
  const calls: { body: Uint8Array; url: string; contentType?: string }[] = [];
  const parse = (body: Uint8Array, options: { url: string; contentType?: string }): ParsedFeed => {
    calls.push({ body, url: options.url, ...(options.contentType !== undefined ? { contentType: options.contentType } : {}) });
    return { format: 'rss', title: 'parsed by the stub', items: [] };
  };
  return Object.assign(parse, { calls });
}

export function baseOptions(overrides: Partial<FetchOptions> = {}): FetchOptions {
  return { fetch: globalThis.fetch, userAgent: 'Broadsheet/9.9.9 (+https://github.com/broadsheet-app/broadsheet)', ...overrides };
}

export const text = (bytes: Uint8Array): string => new TextDecoder().decode(bytes);
