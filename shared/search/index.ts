/** Full-text search over the library: a compact inverted index narrows, fuse.js ranks. */
export type { SearchDoc, SearchHit, SearchIndex, SearchOptions } from './types';
export { createSearchIndex, type SearchIndexOptions } from './search-index';
export { serializeSearchIndex, loadSearchIndex } from './snapshot';
export { parseSearchQuery, type ParsedQuery } from './query';
