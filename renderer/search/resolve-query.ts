/**
 * Turns the library-dependent words of a search (`feed:`, `folder:`, `is:`, including `is:hidden`) into the filters the Worker takes:
 * feed ids (feed names matched fuzzily, as people half-remember them) and allowed article ids read from indexes.
 */
import Fuse from 'fuse.js';
import type { BroadsheetDb, FeedRow, FolderRow } from '../../shared/db';
import type { ParsedQuery } from '../../shared/search';
import type { SearchRequestOptions } from './search-client';

export async function resolveQueryFilters(
  db: BroadsheetDb,
  query: ParsedQuery,
  feeds: readonly FeedRow[],
  folders: readonly FolderRow[],
): Promise<SearchRequestOptions> {
  const options: SearchRequestOptions = {};
  const feedIds = new Set<string>();
  if (query.feeds.length > 0) {
    const fuse = new Fuse(feeds, { keys: ['title', 'url'], threshold: 0.35, ignoreLocation: true });
    for (const name of query.feeds) for (const { item } of fuse.search(name)) feedIds.add(item.id);
  }
  if (query.folders.length > 0) {
    const fuse = new Fuse(folders, { keys: ['title'], threshold: 0.35, ignoreLocation: true });
    for (const name of query.folders) {
      for (const { item } of fuse.search(name)) for (const feed of feeds) if (feed.folderId === item.id) feedIds.add(feed.id);
    }
  }
  if (query.feeds.length > 0 || query.folders.length > 0) options.feedIds = [...feedIds];

  let allowed: Set<string> | null = null;
  const restrict = (ids: readonly string[]) => {
    allowed = allowed === null ? new Set(ids) : new Set(ids.filter((id) => allowed?.has(id)));
  };
  if (query.starred) restrict(await db.articles.where('[starred+starredAt]').between([1, -Infinity], [1, Infinity]).primaryKeys());
  if (query.unread !== undefined) {
    const read = query.unread ? 0 : 1;
    restrict(await db.articles.where('[read+sortTime]').between([read, -Infinity], [read, Infinity]).primaryKeys());
  }
  if (query.hidden) restrict(await db.articles.where('hidden').equals(1).primaryKeys());
  if (allowed !== null) options.allowedIds = [...(allowed as Set<string>)];
  return options;
}
