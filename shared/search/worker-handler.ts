/**
 * What the search Worker does with each message, apart from the Worker wiring itself
 * (renderer/search/search-worker.ts), so it runs and is tested in Node as well.
 * Messages arrive as `unknown` from another thread: they are checked before use.
 */
import type { SearchRequest, SearchResponse } from './protocol';
import { createSearchIndex } from './search-index';
import { loadSearchIndex, serializeSearchIndex } from './snapshot';
import type { SearchDoc, SearchIndex } from './types';

export interface HandlerReply {
  response: SearchResponse;
  /** Buffers to transfer with the response (the snapshot bytes). */
  transfer: ArrayBuffer[];
}

function isObject(v: unknown): v is { [key: string]: unknown } {
  return typeof v === 'object' && v !== null;
}

function isStringArray(v: unknown): v is string[] {
  return Array.isArray(v) && v.every((s) => typeof s === 'string');
}

function isDoc(v: unknown): v is SearchDoc {
  if (!isObject(v)) return false;
  const optString = (k: string): boolean => v[k] === undefined || typeof v[k] === 'string';
  return (
    typeof v.id === 'string' &&
    typeof v.feedId === 'string' &&
    typeof v.title === 'string' &&
    optString('author') &&
    optString('summary') &&
    optString('text') &&
    (v.markup === undefined || typeof v.markup === 'boolean') &&
    (v.published === undefined || (typeof v.published === 'number' && Number.isFinite(v.published)))
  );
}

export function parseSearchRequest(message: unknown): SearchRequest | string {
  if (!isObject(message) || typeof message.requestId !== 'number') return 'message has no requestId';
  const requestId = message.requestId;
  switch (message.type) {
    case 'add':
      return Array.isArray(message.docs) && message.docs.every(isDoc)
        ? { type: 'add', requestId, docs: message.docs }
        : 'add: docs must be SearchDoc[]';
    case 'remove':
      return isStringArray(message.ids) ? { type: 'remove', requestId, ids: message.ids } : 'remove: ids must be string[]';
    case 'search': {
      const { query, limit, feedIds, allowedIds, pageRows } = message;
      if (typeof query !== 'string') return 'search: query must be a string';
      if (limit !== undefined && (typeof limit !== 'number' || !(limit >= 0))) return 'search: bad limit';
      if (feedIds !== undefined && !isStringArray(feedIds)) return 'search: feedIds must be string[]';
      if (allowedIds !== undefined && !isStringArray(allowedIds)) return 'search: allowedIds must be string[]';
      if (pageRows !== undefined && (typeof pageRows !== 'number' || !(pageRows >= 0))) return 'search: bad pageRows';
      return { type: 'search', requestId, query, limit, feedIds, allowedIds, pageRows };
    }
    case 'snapshot':
      return { type: 'snapshot', requestId };
    case 'load':
      return message.bytes instanceof Uint8Array || (Array.isArray(message.bytes) && message.bytes.every((b) => b instanceof Uint8Array))
        ? { type: 'load', requestId, bytes: message.bytes }
        : 'load: bytes must be a Uint8Array or Uint8Array[]';
    default:
      return `unknown message type ${String(message.type)}`;
  }
}

/**
 * Body words kept per article for phrase checks: measured at 100,000 articles × 800 words, the full body costs
 * ~300 MB of heap and a 250 MB snapshot, the first 200 words ~190 MB and 150 MB; words past the cap are still
 * found, only phrases spanning them are not (bench/search.ts).
 */
export const APP_BODY_TOKENS = 200;

/** Returns the Worker's message handler, holding one index (empty until docs are added or a snapshot loaded). */
export function createSearchWorkerHandler(options: { bodyTokens?: number } = {}): (message: unknown) => HandlerReply {
  let index: SearchIndex = createSearchIndex(options);
  return (message) => {
    const request = parseSearchRequest(message);
    const requestId = isObject(message) && typeof message.requestId === 'number' ? message.requestId : -1;
    if (typeof request === 'string') return { response: { type: 'error', requestId, message: request }, transfer: [] };
    try {
      switch (request.type) {
        case 'add':
          index.add(request.docs);
          return { response: { type: 'done', requestId, size: index.size }, transfer: [] };
        case 'remove':
          index.remove(request.ids);
          return { response: { type: 'done', requestId, size: index.size }, transfer: [] };
        case 'search': {
          const started = performance.now();
          const allowed = request.allowedIds ? new Set(request.allowedIds) : null;
          let matched = 0;
          const hits = index.search(request.query, {
            limit: request.limit,
            feedIds: request.feedIds,
            filter: allowed ? (id) => allowed.has(id) : undefined,
            onMatched: (count) => void (matched = count),
          });
          return { response: { type: 'hits', requestId, hits, matched: Math.max(matched, hits.length), tookMs: performance.now() - started, indexed: index.size }, transfer: [] };
        }
        case 'snapshot': {
          const bytes = serializeSearchIndex(index);
          return { response: { type: 'snapshot', requestId, bytes }, transfer: [bytes.buffer as ArrayBuffer] };
        }
        case 'load':
          index = loadSearchIndex(request.bytes);
          return { response: { type: 'done', requestId, size: index.size }, transfer: [] };
      }
    } catch (error) {
      const text = error instanceof Error ? error.message : String(error);
      return { response: { type: 'error', requestId, message: text }, transfer: [] };
    }
  };
}
