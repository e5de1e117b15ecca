import { Dexie } from 'dexie';
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { describe, expect, it } from 'vitest';
import { listArticles } from '../../../../shared/db/queries';
import { CURRENT_DB_VERSION, SCHEMA_V1, SCHEMA_V2, SCHEMA_V3, SCHEMA_V4, SCHEMA_V5 } from '../../../../shared/db/schema';
import { subscribe } from '../../../../shared/db/feeds';
import { freshDb, T0 } from './test-db';

/** Writes a database exactly as version 1 of the schema did (no Broadsheet code involved). */
async function writeV1(factory: IDBFactory, name: string): Promise<void> {
  const v1 = new Dexie(name, { indexedDB: factory, IDBKeyRange });
  v1.version(1).stores(SCHEMA_V1);
  await v1.open();
  await v1.table('folders').put({ id: 'f1', title: 'News', position: 0 });
  const feed = (id: string, folderId: string | null, position: number) => ({
    id, url: `https://${id}.example/feed`, folderId, title: id, userTitled: 0, siteUrl: null, position, etag: 'e', lastModified: null,
    bodyHash: null, lastFetchedAt: T0, lastSuccessAt: T0, nextCheckAt: T0, intervalMinutes: null, retentionDays: null,
    lastError: null, errorCount: 0, gone: 0, unreadCount: 1, createdAt: T0,
  });
  // v1 rows: sparse positions, no purgedBefore / options.
  await v1.table('feeds').bulkPut([feed('a', 'f1', 10), feed('b', 'f1', 3), feed('c', null, 7)]);
  await v1.table('articles').bulkPut(['a', 'b', 'c'].map((feedId, i) => ({
    id: `${feedId}:1`, feedId, guid: 'g', url: null, title: `T${i}`, author: null, summary: '', imageUrl: null, published: T0 - i,
    updated: null, fetchedAt: T0, sortTime: T0 - i, read: 0, starred: i === 0 ? 1 : 0, starredAt: i === 0 ? T0 : 0, contentHash: 'h',
  })));
  await v1.table('contents').put({ articleId: 'a:1', html: '<p>x</p>', enclosures: [], categories: [] });
  await v1.table('settings').put({ key: 'theme', value: 'dark' });
  v1.close();
}

describe('schema migrations', () => {
  it('upgrades a version 1 database to the current version without losing anything', async () => {
    const factory = new IDBFactory();
    await writeV1(factory, 'lib');
    const db = freshDb(factory, 'lib');
    await db.open();
    expect(db.verno).toBe(CURRENT_DB_VERSION);
    expect(await db.folders.count()).toBe(1);
    expect(await db.articles.count()).toBe(3);
    expect(await db.contents.get('a:1')).toMatchObject({ html: '<p>x</p>' });
    expect(await db.settings.get('theme')).toEqual({ key: 'theme', value: 'dark' });
    const feeds = await db.feeds.orderBy('id').toArray();
    expect(feeds.map((f) => [f.id, f.folderId, f.position, f.purgedBefore, f.options, f.etag])).toEqual([
      ['a', 'f1', 1, 0, {}, 'e'],
      ['b', 'f1', 0, 0, {}, 'e'],
      ['c', null, 0, 0, {}, 'e'],
    ]);
    // The index added in v2 answers.
    expect((await db.feeds.where('[folderId+position]').between(['f1', -Infinity], ['f1', Infinity]).toArray()).map((f) => f.id)).toEqual(['b', 'a']);
    expect((await listArticles(db, { kind: 'starred' })).articles.map((a) => a.id)).toEqual(['a:1']);
    expect(await db.pendingStates.count()).toBe(0);
    db.close();
  });

  it('opens a new database at the current version', async () => {
    const db = freshDb();
    await db.open();
    expect(db.verno).toBe(CURRENT_DB_VERSION);
    expect(db.tables.map((t) => t.name).sort()).toEqual(['accounts', 'articles', 'contents', 'enclosures', 'feeds', 'folders', 'images', 'outbox', 'pendingStates', 'rules', 'searchSnapshots', 'settings']);
    expect((await db.accounts.toArray()).map((a) => [a.id, a.kind, a.title])).toEqual([['local', 'local', 'On this computer']]);
  });

  it('upgrades a version 2 database: every row kept, articles findable by fetch time, snapshots storable', async () => {
    const factory = new IDBFactory();
    const v2 = new Dexie('lib2', { indexedDB: factory, IDBKeyRange });
    v2.version(2).stores(SCHEMA_V2);
    await v2.open();
    const articles = Array.from({ length: 30 }, (_, i) => ({
      id: `a:${i}`, feedId: 'a', guid: `g${i}`, url: null, title: `T${i}`, author: null, summary: 's', imageUrl: null, published: T0 + i,
      updated: null, fetchedAt: T0 + i * 1000, sortTime: T0 + i, read: i % 2, starred: i === 3 ? 1 : 0, starredAt: i === 3 ? T0 : 0, contentHash: 'h',
    }));
    await v2.table('articles').bulkPut(articles);
    await v2.table('pendingStates').put({ id: 'x:1', read: 1, starred: 0, starredAt: 0 });
    await v2.table('settings').put({ key: 'theme', value: 'light' });
    v2.close();

    const db = freshDb(factory, 'lib2');
    await db.open();
    expect(db.verno).toBe(CURRENT_DB_VERSION);
    expect(await db.articles.toArray()).toEqual([...articles].sort((a, b) => (a.id < b.id ? -1 : 1)));
    expect(await db.pendingStates.get('x:1')).toEqual({ id: 'x:1', read: 1, starred: 0, starredAt: 0 });
    expect(await db.settings.get('theme')).toEqual({ key: 'theme', value: 'light' });
    expect(await db.articles.where('fetchedAt').above(T0 + 27_000).primaryKeys()).toEqual(['a:28', 'a:29']);
    await db.searchSnapshots.put({ key: 'main', bytes: new Uint8Array([1, 2, 3]), coversFetchedAt: T0, savedAt: T0 });
    expect((await db.searchSnapshots.get('main'))?.bytes).toEqual(new Uint8Array([1, 2, 3]));
    db.close();
  });

  it('upgrades a version 3 database: every row kept, episodes storable and found by article', async () => {
    const factory = new IDBFactory();
    const v3 = new Dexie('lib3', { indexedDB: factory, IDBKeyRange });
    v3.version(3).stores(SCHEMA_V3);
    await v3.open();
    const articles = Array.from({ length: 5 }, (_, i) => ({
      id: `a:${i}`, feedId: 'a', guid: `g${i}`, url: null, title: `T${i}`, author: null, summary: 's', imageUrl: null, published: T0 + i,
      updated: null, fetchedAt: T0 + i, sortTime: T0 + i, read: 0, starred: 0, starredAt: 0, contentHash: 'h',
    }));
    await v3.table('articles').bulkPut(articles);
    const enclosures = [{ url: 'https://e.com/1.mp3', type: 'audio/mpeg', length: 10 }];
    await v3.table('contents').put({ articleId: 'a:1', html: '<p>x</p>', enclosures, categories: [] });
    await v3.table('images').put({ url: 'https://e.com/i.png', articleId: 'a:1', blob: new Blob(['png']), type: 'image/png', bytes: 3, storedAt: T0 });
    await v3.table('searchSnapshots').put({ key: 'main', bytes: new Uint8Array([9]), coversFetchedAt: T0, savedAt: T0 });
    await v3.table('settings').put({ key: 'theme', value: 'dark' });
    v3.close();

    const db = freshDb(factory, 'lib3');
    await db.open();
    expect(db.verno).toBe(CURRENT_DB_VERSION);
    expect(await db.articles.toArray()).toEqual(articles);
    expect(await db.contents.get('a:1')).toEqual({ articleId: 'a:1', html: '<p>x</p>', enclosures, categories: [] });
    expect(await db.images.get('https://e.com/i.png')).toMatchObject({ articleId: 'a:1', bytes: 3 });
    expect((await db.searchSnapshots.get('main'))?.bytes).toEqual(new Uint8Array([9]));
    expect(await db.settings.get('theme')).toEqual({ key: 'theme', value: 'dark' });
    expect(await db.articles.where('fetchedAt').above(T0 + 3).primaryKeys()).toEqual(['a:4']);
    await db.enclosures.put({ url: 'https://e.com/1.mp3', articleId: 'a:1', blob: new Blob(['mp3']), type: 'audio/mpeg', bytes: 3, storedAt: T0 });
    expect(await db.enclosures.where('articleId').equals('a:1').primaryKeys()).toEqual(['https://e.com/1.mp3']);
    db.close();
  });

  it('upgrades a version 4 database: its feeds and folders become "On this computer"\'s, and the same URL can then be in an account', async () => {
    const factory = new IDBFactory();
    const v4 = new Dexie('lib4', { indexedDB: factory, IDBKeyRange });
    v4.version(4).stores(SCHEMA_V4);
    await v4.open();
    await v4.table('folders').put({ id: 'folder-1', title: 'News', position: 0 });
    const feed = {
      id: 'f1', url: 'https://one.example/feed', folderId: 'folder-1', title: 'One', userTitled: 0 as const, siteUrl: null, position: 0, etag: null,
      lastModified: null, bodyHash: null, lastFetchedAt: T0, lastSuccessAt: T0, nextCheckAt: T0, intervalMinutes: null, retentionDays: null,
      lastError: null, errorCount: 0, gone: 0 as const, unreadCount: 1, purgedBefore: 0, options: {}, createdAt: T0,
    };
    await v4.table('feeds').put(feed);
    await v4.table('articles').put({
      id: 'f1:1', feedId: 'f1', guid: 'g', url: null, title: 'T', author: null, summary: '', imageUrl: null, published: T0, updated: null,
      fetchedAt: T0, sortTime: T0, read: 0, starred: 0, starredAt: 0, contentHash: 'h',
    });
    await v4.table('enclosures').put({ url: 'https://e.com/1.mp3', articleId: 'f1:1', blob: new Blob(['mp3']), type: 'audio/mpeg', bytes: 3, storedAt: T0 });
    v4.close();

    const db = freshDb(factory, 'lib4');
    await db.open();
    expect(db.verno).toBe(CURRENT_DB_VERSION);
    expect(await db.feeds.get('f1')).toEqual({ ...feed, accountId: 'local' });
    expect(await db.folders.get('folder-1')).toEqual({ id: 'folder-1', title: 'News', position: 0, accountId: 'local' });
    expect(await db.articles.count()).toBe(1);
    expect(await db.enclosures.count()).toBe(1);
    expect((await db.accounts.toArray()).map((a) => [a.id, a.kind])).toEqual([['local', 'local']]);
    expect(await db.outbox.count()).toBe(0);
    // Subscribing again to the same URL on this computer finds the feed; an account may hold the same URL.
    const again = await subscribe(db, 'https://one.example/feed');
    expect(again.ok && again.value).toMatchObject({ created: false, feed: { id: 'f1' } });
    await db.feeds.add({ ...feed, id: 'acct-x/feed/1', accountId: 'acct-x', remoteId: 'feed/1' });
    await expect(db.feeds.add({ ...feed, id: 'acct-x/feed/2', accountId: 'acct-x' })).rejects.toThrow();
    expect(await db.feeds.where('url').equals(feed.url).count()).toBe(2);
    db.close();
  });

  it('upgrades a version 5 database: every row kept, rules storable, hidden articles found by is:hidden\'s index', async () => {
    const factory = new IDBFactory();
    const v5 = new Dexie('lib5', { indexedDB: factory, IDBKeyRange });
    v5.version(5).stores(SCHEMA_V5);
    await v5.open();
    const articles = Array.from({ length: 4 }, (_, i) => ({
      id: `a:${i}`, feedId: 'a', guid: `g${i}`, url: null, title: `T${i}`, author: null, summary: 's', imageUrl: null, published: T0 + i,
      updated: null, fetchedAt: T0 + i, sortTime: T0 + i, read: i % 2, starred: 0, starredAt: 0, contentHash: 'h',
    }));
    await v5.table('articles').bulkPut(articles);
    await v5.table('enclosures').put({ url: 'https://e.com/1.mp3', articleId: 'a:1', blob: new Blob(['mp3']), type: 'audio/mpeg', bytes: 3, storedAt: T0 });
    await v5.table('settings').put({ key: 'theme', value: 'sepia' });
    v5.close();

    const db = freshDb(factory, 'lib5');
    await db.open();
    expect(db.verno).toBe(CURRENT_DB_VERSION);
    expect(await db.articles.toArray()).toEqual(articles);
    expect(await db.enclosures.get('https://e.com/1.mp3')).toMatchObject({ articleId: 'a:1', bytes: 3 });
    expect(await db.settings.get('theme')).toEqual({ key: 'theme', value: 'sepia' });
    // No v5 row is hidden: the new sparse index is empty until a rule hides one.
    expect(await db.articles.where('hidden').equals(1).count()).toBe(0);
    await db.articles.update('a:2', { hidden: 1, read: 1 });
    expect(await db.articles.where('hidden').equals(1).primaryKeys()).toEqual(['a:2']);
    const rule = {
      id: 'r1', name: 'Mute', position: 0, enabled: 1 as const, scope: { kind: 'all' as const }, condition: 'sponsored',
      actions: { markRead: false, bookmark: false, hide: true, notify: false, keep: false }, createdAt: T0, updatedAt: T0,
    };
    await db.rules.put(rule);
    expect(await db.rules.orderBy('position').toArray()).toEqual([rule]);
    db.close();
  });
});
