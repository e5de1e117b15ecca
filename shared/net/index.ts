/**
 * HTTP fetching for feeds and pages, shared by both hosts (Electron's net.fetch, Node's fetch in the
 * browser host). Pure web-standard code: fetch is passed in, nothing here imports Node.
 */
import type { FeedRequest, FeedResponse, HostResult } from '../host';
import { parseFeed } from '../feeds';
import { fetchFeedWith } from './fetch-feed';
import type { FetchOptions } from './options';

export type { FetchOptions } from './options';
export { fetchPage } from './fetch-page';
export { fetchImage, DEFAULT_IMAGE_MAX_BYTES } from './fetch-image';
export { fetchEnclosureRange, MAX_ENCLOSURE_CHUNK_BYTES, MAX_WHOLE_ENCLOSURE_BYTES } from './fetch-range';
export { userAgentFor, FEED_ACCEPT, PAGE_ACCEPT, PROJECT_URL } from './user-agent';
export { bodyHashOf } from './body-hash';
export { MAX_REDIRECTS } from './follow-redirects';
export { DEFAULT_RETRY_DELAY_MS } from './retry-after';

/** Fetches and parses one feed; never throws, every failure is a typed HostError. */
export function fetchFeed(request: FeedRequest, options: FetchOptions): Promise<HostResult<FeedResponse>> {
  return fetchFeedWith(parseFeed, request, options);
}
