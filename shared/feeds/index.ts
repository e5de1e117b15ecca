/** The feed engine: parse every feed the web serves, discover feeds on pages, read and write OPML. */
export { parseFeed, MAX_FEED_CHARS, type ParseFeedOptions } from './parse-feed';
export { FeedParseError, type FeedParseErrorReason } from './errors';
export { discoverFeeds } from './discover';
export { parseOpml, writeOpml, type OpmlImport, type WriteOpmlOptions } from './opml';
export { parseDate } from './dates';
export { decodeBody } from './decode';
export type * from './types';
