/** Test helpers: a fresh in-memory database per test, and the unread-counter invariant check. */
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { expect } from 'vitest';
import { BroadsheetDb } from '../../../../shared/db/schema';
import type { ParsedFeed, ParsedItem } from '../../../../shared/feeds/types';

let counter = 0;

export function freshDb(factory: IDBFactory = new IDBFactory(), name = `test-${++counter}`): BroadsheetDb {
  return new BroadsheetDb({ name, indexedDB: factory, IDBKeyRange });
}

/** Recounts unread rows by a full scan and compares with every feed's stored counter. */
export async function expectUnreadCountsTrue(db: BroadsheetDb): Promise<void> {
  const real = new Map<string, number>();
  await db.articles.each((a) => {
    if (a.read === 0) real.set(a.feedId, (real.get(a.feedId) ?? 0) + 1);
  });
  const feeds = await db.feeds.toArray();
  const stored = Object.fromEntries(feeds.map((f) => [f.id, f.unreadCount]));
  const counted = Object.fromEntries(feeds.map((f) => [f.id, real.get(f.id) ?? 0]));
  expect(stored).toEqual(counted);
  // No unread article may belong to a feed that no longer exists (nothing would count it).
  const orphans = [...real.keys()].filter((id) => !(id in stored));
  expect(orphans).toEqual([]);
}

export const T0 = Date.UTC(2025, 0, 15, 12, 0, 0);
export const MIN = 60_000;
export const HOUR = 60 * MIN;
export const DAY = 24 * HOUR;

export function item(n: number, patch: Partial<ParsedItem> = {}): ParsedItem {
  return {
    guid: `guid-${n}`,
    url: `https://example.com/posts/${n}`,
    title: `Post ${n}`,
    summary: `<p>Summary of post ${n}</p>`,
    content: `<p>Body of post ${n}</p>`,
    published: T0 - n * HOUR,
    categories: [],
    enclosures: [],
    ...patch,
  };
}

export function parsedFeed(items: ParsedItem[], patch: Partial<ParsedFeed> = {}): ParsedFeed {
  return { format: 'rss', title: 'Example feed', siteUrl: 'https://example.com/', items, ...patch };
}

export function items(count: number, from = 0): ParsedItem[] {
  return Array.from({ length: count }, (_, i) => item(from + i));
}
