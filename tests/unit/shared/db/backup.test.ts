import { describe, expect, it } from 'vitest';
import { exportLibrary, importLibrary } from '../../../../shared/db/backup';
import { createFolder } from '../../../../shared/db/folders';
import { renameFeed, setFeedSettings, subscribe, unsubscribe } from '../../../../shared/db/feeds';
import { importOpmlFolders, subscriptionsAsOpmlFolders } from '../../../../shared/db/opml';
import { markRead, setStarred } from '../../../../shared/db/read-state';
import { listRules, saveRule } from '../../../../shared/db/rules';
import { setSettings } from '../../../../shared/db/settings';
import { mergeParsedFeed } from '../../../../shared/sync/merge';
import { expectUnreadCountsTrue, freshDb, items, parsedFeed, T0 } from './test-db';

async function populated() {
  const db = freshDb();
  const folder = await createFolder(db, 'Tech');
  const a = await subscribe(db, 'https://a.example/feed', { folderId: folder.id, now: T0 });
  const b = await subscribe(db, 'https://b.example/feed', { now: T0 });
  const c = await subscribe(db, 'https://c.example/feed', { now: T0 });
  if (!a.ok || !b.ok || !c.ok) throw new Error('subscribe failed');
  const ma = await mergeParsedFeed(db, a.value.feed.id, parsedFeed(items(6)), T0, () => ({}));
  const mb = await mergeParsedFeed(db, b.value.feed.id, parsedFeed(items(4, 50)), T0, () => ({}));
  const mc = await mergeParsedFeed(db, c.value.feed.id, parsedFeed(items(2, 80)), T0, () => ({}));
  await markRead(db, [ma!.added[0]!, ma!.added[1]!, mb!.added[3]!]);
  await setStarred(db, [ma!.added[2]!, mb!.added[0]!, mc!.added[1]!], true, T0 + 5);
  await renameFeed(db, b.value.feed.id, 'Renamed B');
  await setFeedSettings(db, a.value.feed.id, { retentionDays: 30, intervalMinutes: 60, options: { fullText: true } });
  await setSettings(db, { theme: 'dark', retentionDays: 90 });
  // c's starred article survives as a bookmark of an unsubscribed feed.
  await unsubscribe(db, c.value.feed.id);
  return { db, ids: { a: ma!.added, b: mb!.added, c: mc!.added } };
}

describe('exportLibrary / importLibrary', () => {
  it('carries the rules: export → import → export gives the same rules, in order; an older backup without rules imports', async () => {
    const { db } = await populated();
    const none = { markRead: false, bookmark: false, hide: false, notify: false, keep: false };
    const feedId = (await db.feeds.toArray())[0]!.id;
    await saveRule(db, { name: 'Mute ads', enabled: true, scope: { kind: 'all' }, condition: 'title:/^sponsored/', actions: { ...none, hide: true } }, T0);
    await saveRule(db, { name: 'Watch', enabled: false, scope: { kind: 'feed', feedId }, condition: 'security "zero day"', actions: { ...none, notify: true, keep: true } }, T0 + 1);
    const backup = JSON.parse(JSON.stringify(await exportLibrary(db, T0))) as { rules?: unknown[] };
    expect(backup.rules).toHaveLength(2);
    const target = freshDb();
    const report = await importLibrary(target, backup, T0);
    expect(report).toMatchObject({ ok: true, value: { rules: 2 } });
    expect(await listRules(target)).toEqual(await listRules(db));
    expect(await exportLibrary(target, T0)).toEqual(backup);
    const older = { ...backup };
    delete older.rules;
    const plain = freshDb();
    expect((await importLibrary(plain, older, T0)).ok).toBe(true);
    expect(await listRules(plain)).toEqual([]);
  });


  it('round-trips: export → import into an empty library → export gives the same backup', async () => {
    const { db } = await populated();
    const backup = JSON.parse(JSON.stringify(await exportLibrary(db, T0))) as unknown;
    const target = freshDb();
    const report = await importLibrary(target, backup, T0);
    expect(report.ok).toBe(true);
    expect(await exportLibrary(target, T0)).toEqual(backup);
    await expectUnreadCountsTrue(target);
  });

  it('includes starred articles in full and applies parked read state when articles arrive', async () => {
    const { db, ids } = await populated();
    const backup = await exportLibrary(db, T0);
    expect(backup.starred.map((s) => s.article.id).sort()).toEqual([ids.a[2], ids.b[0], ids.c[1]].sort());
    expect(backup.starred.every((s) => s.content?.html.startsWith('<p>Body'))).toBe(true);
    const target = freshDb();
    await importLibrary(target, backup, T0);
    const feedA = (await target.feeds.where('url').equals('https://a.example/feed').first())!;
    expect(feedA).toMatchObject({ retentionDays: 30, intervalMinutes: 60, options: { fullText: true } });
    expect((await target.feeds.where('url').equals('https://b.example/feed').first())?.title).toBe('Renamed B');
    // The first sync brings a's articles: the two read in the old library arrive read.
    await mergeParsedFeed(target, feedA.id, parsedFeed(items(6)), T0 + 1, () => ({}));
    expect((await target.articles.get(ids.a[0]!))?.read).toBe(1);
    expect((await target.articles.get(ids.a[3]!))?.read).toBe(0);
    expect((await target.articles.get(ids.a[2]!))?.starred).toBe(1);
    expect(await target.pendingStates.where('id').anyOf(ids.a).count()).toBe(0);
    await expectUnreadCountsTrue(target);
  });

  it('rejects input that is not a backup, naming where it is wrong', async () => {
    const db = freshDb();
    expect(await importLibrary(db, { format: 'something' })).toMatchObject({ ok: false });
    const { db: source } = await populated();
    const backup = structuredClone(await exportLibrary(source, T0)) as unknown as { feeds: Array<{ url: unknown }> };
    backup.feeds[0]!.url = 42;
    const result = await importLibrary(db, backup);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error).toContain('feeds');
    expect(await db.feeds.count()).toBe(0);
  });

  it('reports feeds already subscribed as duplicates and keeps them', async () => {
    const { db } = await populated();
    const backup = await exportLibrary(db, T0);
    const report = await importLibrary(db, backup, T0);
    expect(report.ok && report.value.duplicates.length).toBe(2);
    expect(await db.feeds.count()).toBe(2);
    await expectUnreadCountsTrue(db);
  });
});

describe('OPML folders', () => {
  it('exports subscriptions as folders and imports them back, reporting duplicates', async () => {
    const { db } = await populated();
    const folders = await subscriptionsAsOpmlFolders(db);
    expect(folders).toEqual([
      { title: '', feeds: [{ xmlUrl: 'https://b.example/feed', title: 'Renamed B', htmlUrl: 'https://example.com/' }] },
      { title: 'Tech', feeds: [{ xmlUrl: 'https://a.example/feed', title: 'Example feed', htmlUrl: 'https://example.com/' }] },
    ]);
    const target = freshDb();
    const first = await importOpmlFolders(target, [...folders, { title: 'Tech', feeds: [{ xmlUrl: 'https://a.example/feed', title: 'again' }, { xmlUrl: 'notaurl://x', title: 'bad' }] }], T0);
    expect(first).toMatchObject({ added: 2, duplicates: ['https://a.example/feed'], foldersCreated: 1 });
    expect(first.invalid).toHaveLength(1);
    expect(await subscriptionsAsOpmlFolders(target)).toEqual(folders);
    expect((await target.feeds.toArray()).every((f) => f.nextCheckAt === 0 && f.lastFetchedAt === null)).toBe(true);
  });
});
