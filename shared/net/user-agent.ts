/** Request headers that identify Broadsheet and say what it can read. */

export const PROJECT_URL = 'https://github.com/broadsheet-app/broadsheet';

/** `Broadsheet/<version> (+<project url>)`: servers that block or throttle us can find who we are. */
export function userAgentFor(version: string): string {
  return `Broadsheet/${version} (+${PROJECT_URL})`;
}

/**
 * Feed types first, generic XML/JSON lower, anything last: some servers only serve the feed when the
 * Accept header names it, and a misconfigured one still answers something we can try to parse.
 */
export const FEED_ACCEPT = [
  'application/rss+xml',
  'application/atom+xml',
  'application/feed+json',
  'application/rdf+xml;q=0.9',
  'application/json;q=0.8',
  'application/xml;q=0.8',
  'text/xml;q=0.8',
  '*/*;q=0.5',
].join(', ');

export const PAGE_ACCEPT = 'text/html, application/xhtml+xml;q=0.9, */*;q=0.5';

/** fetch decodes these itself (undici in Node, Chromium's network stack in Electron). */
export const ACCEPT_ENCODING = 'gzip, br, deflate';
