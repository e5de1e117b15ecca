/**
 * Accounts against a real FreshRSS, over both protocols it speaks: the Google Reader API and Fever. Each protocol gets
 * its own server; the tests in a block run in order over it, as a person's account would live.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { accountArticleId, accountFeedId } from '../../../../shared/accounts/ids';
import { addAccount, removeAccount, subscriptionEditor } from '../../../../shared/accounts/manage';
import { exportLibrary } from '../../../../shared/db/backup';
import { markRead, setStarred } from '../../../../shared/db/read-state';
import type { AccountRow, ArticleRow } from '../../../../shared/db/schema';
import type { RemoteService } from '../../../../shared/host';
import { startFeedServer, type FeedServer } from '../../../support/feed-server';
import { freshRssMissing, startFreshRss, type FreshRss } from '../../../support/freshrss';
import { expectUnreadCountsTrue } from '../db/test-db';
import { accountTestHost, dumpDatabase, library, publish, rawFever, rawGReader, syncer, type AccountTestHost, type Library } from './account-harness';

const missing = freshRssMissing();

interface Protocol {
  name: string;
  service: RemoteService;
  apiUrl: (server: FreshRss) => string;
  /** Ids of the server's unread and starred items, in Broadsheet's item-id form. */
  unread: (server: FreshRss) => Promise<Set<string>>;
  starred: (server: FreshRss) => Promise<Set<string>>;
  /** Marks on the server, as another device would. */
  mark: (server: FreshRss, itemId: string, as: 'read' | 'saved') => Promise<void>;
}

const protocols: Protocol[] = [
  {
    name: 'Google Reader API',
    service: 'freshrss',
    apiUrl: (server) => server.url,
    unread: async (server) => (await rawGReader(server)).unread(),
    starred: async (server) => (await rawGReader(server)).starred(),
    mark: async (server, itemId, as) => {
      const tag = as === 'read' ? 'user/-/state/com.google/read' : 'user/-/state/com.google/starred';
      expect(await (await rawGReader(server)).post('edit-tag', [['i', `tag:google.com,2005:reader/item/${itemId}`], ['a', tag]])).toBe('OK');
    },
  },
  {
    name: 'Fever API',
    service: 'fever',
    apiUrl: (server) => server.feverUrl,
    unread: (server) => rawFever(server).unread(),
    starred: (server) => rawFever(server).saved(),
    mark: async (server, itemId, as) => void (await rawFever(server).mark(as, itemId)),
  },
];

const consoleLines: string[] = [];

describe.skipIf(missing !== null).each(protocols)('an account over the $name of a real FreshRSS', (protocol) => {
  let server: FreshRss;
  let feeds: FeedServer;
  let host: AccountTestHost;
  let lib: Library;
  let account: AccountRow;
  const signIn = () => ({ service: protocol.service, serverUrl: protocol.apiUrl(server), userName: server.user, password: server.apiPassword });
  const articles = async (feedRemoteTitle?: string): Promise<ArticleRow[]> => {
    const rows = (await lib.db.articles.toArray()).filter((a) => a.id.startsWith(`${account.id}/`));
    if (!feedRemoteTitle) return rows;
    return rows.filter((a) => a.title.startsWith(feedRemoteTitle));
  };
  const itemIdOf = (article: ArticleRow) => article.id.slice(`${account.id}/item/`.length);
  const sync = (patch = {}) => syncer(lib, host, patch).syncAccount(account.id);

  beforeAll(async () => {
    for (const level of ['log', 'info', 'warn', 'error', 'debug'] as const) {
      vi.spyOn(console, level).mockImplementation((...args: unknown[]) => void consoleLines.push(args.map(String).join(' ')));
    }
    [server, feeds] = await Promise.all([startFreshRss(), startFeedServer()]);
    host = accountTestHost();
    lib = library();
  }, 60_000);

  afterAll(async () => {
    vi.restoreAllMocks();
    await Promise.all([server?.stop(), feeds?.close()]);
  });

  it('refuses a wrong password, and signs in with the right one without ever answering with it', async () => {
    const wrong = await host.testAccount({ ...signIn(), password: 'not-the-password' });
    expect(wrong).toMatchObject({ ok: false, error: { kind: 'unauthorized' } });
    expect(await host.addAccount({ ...signIn(), password: 'not-the-password' })).toMatchObject({ ok: false, error: { kind: 'unauthorized' } });
    expect(await host.testAccount(signIn())).toEqual({ ok: true, value: null });
    const added = await addAccount(lib.db, host, signIn(), Date.now());
    expect(added.ok).toBe(true);
    if (!added.ok) return;
    account = added.value;
    expect(account.id).toMatch(/^acct-/);
    expect(JSON.stringify(account)).not.toContain(server.apiPassword);
  });

  it('shows the server\'s feeds and folders, and their articles once FreshRSS has fetched them', async () => {
    const raw = await rawGReader(server);
    const url = publish(feeds, '/news.xml', 'News', 5);
    expect(await raw.post('subscription/quickadd', [['quickadd', url]])).toContain('streamId');
    await server.refresh();
    const outcome = await sync();
    expect(outcome).toMatchObject({ status: 'ok', added: 5 });
    const stored = await lib.db.feeds.where('accountId').equals(account.id).toArray();
    expect(stored.map((f) => [f.title, f.url])).toEqual([['News', url]]);
    expect(stored[0]?.unreadCount).toBe(5);
    expect((await articles()).map((a) => a.title).sort()).toEqual(['News 1', 'News 2', 'News 3', 'News 4', 'News 5']);
    expect(await lib.db.folders.where('accountId').equals(account.id).count()).toBeGreaterThan(0);
    await expectUnreadCountsTrue(lib.db);
  });

  it('gets new items after the feed publishes and FreshRSS refreshes, without fetching the old ones again', async () => {
    publish(feeds, '/news.xml', 'News', 8);
    await server.refresh();
    // Items published since the last sync are news (the run's notifications announce them).
    const announced: { ids: string[]; news: boolean }[] = [];
    expect(await sync({ onArticlesAdded: (ids: string[], news: boolean) => announced.push({ ids, news }) })).toMatchObject({ status: 'ok', added: 3 });
    expect(announced.flatMap((a) => a.ids)).toHaveLength(3);
    expect(announced.every((a) => a.news)).toBe(true);
    expect(await articles()).toHaveLength(8);
    expect(await sync()).toMatchObject({ status: 'ok', added: 0 });
    await expectUnreadCountsTrue(lib.db);
  });

  it('sends reading and starring to the server', async () => {
    const [first, second] = (await articles()).sort((a, b) => b.sortTime - a.sortTime);
    await markRead(lib.db, [first!.id]);
    await setStarred(lib.db, [second!.id], true);
    expect(await lib.db.outbox.count()).toBe(2);
    expect(await sync()).toMatchObject({ status: 'ok', pushed: 2 });
    expect(await lib.db.outbox.count()).toBe(0);
    expect((await protocol.unread(server)).has(itemIdOf(first!))).toBe(false);
    expect((await protocol.starred(server)).has(itemIdOf(second!))).toBe(true);
    // Still so here after the server's state was read back.
    expect(await lib.db.articles.get(first!.id)).toMatchObject({ read: 1 });
    expect(await lib.db.articles.get(second!.id)).toMatchObject({ starred: 1 });
  });

  it('shows changes made on the server by another device', async () => {
    const sorted = (await articles()).sort((a, b) => a.sortTime - b.sortTime);
    const [oldest, next] = sorted;
    await protocol.mark(server, itemIdOf(oldest!), 'read');
    await protocol.mark(server, itemIdOf(next!), 'saved');
    expect(await sync()).toMatchObject({ status: 'ok' });
    expect(await lib.db.articles.get(oldest!.id)).toMatchObject({ read: 1 });
    expect(await lib.db.articles.get(next!.id)).toMatchObject({ starred: 1 });
    await expectUnreadCountsTrue(lib.db);
  });

  it('keeps 20 articles read while the server is down, across a reload, and sends all 20 when it is back', async () => {
    publish(feeds, '/many.xml', 'Many', 30);
    const raw = await rawGReader(server);
    await raw.post('subscription/quickadd', [['quickadd', feeds.url('/many.xml')]]);
    await server.refresh();
    expect(await sync()).toMatchObject({ status: 'ok', added: 30 });
    const twenty = (await articles('Many')).filter((a) => a.read === 0).slice(0, 20);
    expect(twenty).toHaveLength(20);

    await server.halt();
    for (const article of twenty) await markRead(lib.db, [article.id]);
    const offline = await sync();
    expect(offline).toMatchObject({ status: 'error', error: { kind: 'network' } });
    expect((await lib.db.accounts.get(account.id))?.lastError?.kind).toBe('network');
    expect(await lib.db.outbox.count()).toBe(20);

    lib.reload();
    expect(await lib.db.outbox.count()).toBe(20);
    await server.resume();
    expect(await sync()).toMatchObject({ status: 'ok', pushed: 20 });
    expect(await lib.db.outbox.count()).toBe(0);
    const unread = await protocol.unread(server);
    expect(twenty.filter((a) => unread.has(itemIdOf(a)))).toEqual([]);
    expect((await lib.db.accounts.get(account.id))?.lastError).toBeNull();
    await expectUnreadCountsTrue(lib.db);
  });

  it('loses nothing when the server is killed in the middle of a first sync, and the next sync completes it', async () => {
    publish(feeds, '/big.xml', 'Big', 130);
    const raw = await rawGReader(server);
    await raw.post('subscription/quickadd', [['quickadd', feeds.url('/big.xml')]]);
    await server.refresh();
    // A second library signs in to the same server: its first sync pages through everything.
    const second = library();
    const added = await addAccount(second.db, host, signIn(), Date.now());
    if (!added.ok) throw new Error('sign-in failed');
    let killed = false;
    // A first sync's backlog is not news: signing in must not announce 168 "new" articles, even when resumed.
    const announced: boolean[] = [];
    const cut = await createSyncFor(second, added.value.id, announced, (items) => {
      if (items > 0 && !killed) {
        killed = true;
        server.killNow();
      }
    });
    expect(cut).toMatchObject({ status: 'error' });
    await server.halt();
    const partial = await second.db.articles.count();
    expect(partial).toBeGreaterThan(0);
    expect(partial).toBeLessThan(30 + 8 + 130);
    await expectUnreadCountsTrue(second.db);

    await server.resume();
    expect(await createSyncFor(second, added.value.id, announced)).toMatchObject({ status: 'ok' });
    const all = await second.db.articles.toArray();
    expect(all).toHaveLength(30 + 8 + 130);
    expect(announced.length).toBeGreaterThan(1);
    expect(announced).not.toContain(true);
    expect(new Set(all.map((a) => a.id)).size).toBe(all.length);
    await expectUnreadCountsTrue(second.db);
    second.db.close();
  }, 60_000);

  async function oldPasswordAccepted(): Promise<boolean> {
    const login = await fetch(`${server.greaderUrl}/accounts/ClientLogin`, { method: 'POST', body: new URLSearchParams({ Email: server.user, Passwd: server.apiPassword }) });
    await login.body?.cancel();
    return login.status === 200;
  }

  async function createSyncFor(lib2: Library, accountId: string, announced: boolean[], onItems?: (items: number) => void) {
    return syncer(lib2, host, {
      itemsPerPage: 20,
      onArticlesAdded: (_ids, news) => void announced.push(news),
      onProgress: (p) => {
        if (p.phase === 'items') onItems?.(p.items);
      },
    }).syncAccount(accountId);
  }

  it('puts the account in "sign in again" after the password changed, without asking the server again until then', async () => {
    const other = library();
    const added = await addAccount(other.db, host, signIn(), Date.now());
    if (!added.ok) throw new Error('sign-in failed');
    // The password changes on the server (FreshRSS's own command line, as its admin would).
    const { execFile } = await import('node:child_process');
    const { promisify } = await import('node:util');
    await promisify(execFile)('php', ['cli/update-user.php', '--user', server.user, '--api-password', 'Changed-api-2'], { cwd: server.dir });
    // PHP may serve its cached copy of the user's configuration for a moment: wait until the server refuses the old password.
    while (await oldPasswordAccepted()) await new Promise((resolve) => setTimeout(resolve, 100));
    const refused = await syncer(other, host).syncAccount(added.value.id);
    expect(refused).toMatchObject({ status: 'error', error: { kind: 'unauthorized' } });
    expect(await other.db.accounts.get(added.value.id)).toMatchObject({ needsSignIn: 1 });
    const before = host.answers.length;
    expect(await syncer(other, host).syncAccount(added.value.id)).toMatchObject({ status: 'skipped', reason: 'needs-sign-in' });
    expect(host.answers.length).toBe(before);
    await promisify(execFile)('php', ['cli/update-user.php', '--user', server.user, '--api-password', server.apiPassword], { cwd: server.dir });
    while (!(await oldPasswordAccepted())) await new Promise((resolve) => setTimeout(resolve, 100));
    other.db.close();
  });

  it('removes the account and keeps its bookmarks as articles', async () => {
    const starred = (await articles()).filter((a) => a.starred === 1);
    expect(starred.length).toBeGreaterThan(0);
    // The security check first, while everything is still there.
    const secret = server.apiPassword;
    const dump = await dumpDatabase(lib.db);
    expect(dump).toContain(account.id);
    expect(dump).not.toContain(secret);
    expect(JSON.stringify(await exportLibrary(lib.db))).not.toContain(secret);
    expect(host.answers.length).toBeGreaterThan(10);
    expect(host.answers.filter((a) => a.includes(secret))).toEqual([]);
    expect(consoleLines.filter((line) => line.includes(secret))).toEqual([]);

    expect(await removeAccount(lib.db, host, account.id)).toMatchObject({ ok: true, value: { keptBookmarks: starred.length } });
    expect(await lib.db.feeds.where('accountId').equals(account.id).count()).toBe(0);
    expect((await lib.db.articles.bulkGet(starred.map((a) => a.id))).map((a) => a?.starred)).toEqual(starred.map(() => 1));
    expect(await host.accountRequest(account.id, { method: 'GET', path: 'reader/api/0/tag/list' })).toMatchObject({ ok: false });
    await expectUnreadCountsTrue(lib.db);
  });
});

describe.skipIf(missing !== null)('subscriptions of a Google Reader API account on a real FreshRSS', () => {
  let server: FreshRss;
  let feeds: FeedServer;
  let host: AccountTestHost;
  let lib: Library;
  let account: AccountRow;

  beforeAll(async () => {
    [server, feeds] = await Promise.all([startFreshRss(), startFeedServer()]);
    host = accountTestHost();
    lib = library();
    const added = await addAccount(lib.db, host, { service: 'freshrss', serverUrl: server.url, userName: server.user, password: server.apiPassword }, Date.now());
    if (!added.ok) throw new Error(added.error.message);
    account = added.value;
  }, 60_000);

  afterAll(async () => {
    await Promise.all([server?.stop(), feeds?.close()]);
  });

  it('subscribes in Broadsheet and the server has it, in the folder asked for', async () => {
    const editor = await subscriptionEditor(lib.db, host, account.id, Date.now);
    if (!editor.ok) throw new Error(editor.error.message);
    const url = publish(feeds, '/tech.xml', 'Tech news', 3);
    const feed = await editor.value.subscribe(url, 'Tech');
    expect(feed).toMatchObject({ ok: true, value: { url, accountId: account.id } });
    const onServer = await (await rawGReader(server)).subscriptions();
    expect(onServer.map((s) => [s.url, s.categories[0]?.label])).toEqual([[url, 'Tech']]);
    const folder = await lib.db.folders.get(feed.ok ? (feed.value.folderId ?? '') : '');
    expect(folder?.title).toBe('Tech');
  });

  it('sees a subscription added on the server after the next sync', async () => {
    const url = publish(feeds, '/science.xml', 'Science', 2);
    const raw = await rawGReader(server);
    const answer = JSON.parse(await raw.post('subscription/quickadd', [['quickadd', url]])) as { streamId: string };
    expect(await syncer(lib, host).syncAccount(account.id)).toMatchObject({ status: 'ok' });
    expect(await lib.db.feeds.get(accountFeedId(account.id, answer.streamId))).toMatchObject({ url, title: expect.any(String) });
  });

  it('renames and moves a feed and renames a folder, on the server', async () => {
    const editor = await subscriptionEditor(lib.db, host, account.id, Date.now);
    if (!editor.ok) throw new Error(editor.error.message);
    const tech = (await lib.db.feeds.where('accountId').equals(account.id).toArray()).find((f) => f.url.endsWith('/tech.xml'))!;
    expect(await editor.value.renameFeed(tech.id, 'Technology')).toEqual({ ok: true, value: null });
    expect(await editor.value.moveFeed(tech.id, 'Reading')).toEqual({ ok: true, value: null });
    const moved = await lib.db.feeds.get(tech.id);
    expect(moved?.title).toBe('Technology');
    const folder = await lib.db.folders.get(moved?.folderId ?? '');
    expect(folder?.title).toBe('Reading');
    expect(await editor.value.renameFolder(folder!.id, 'Long reads')).toEqual({ ok: true, value: null });
    const onServer = await (await rawGReader(server)).subscriptions();
    expect(onServer.find((s) => s.url === tech.url)).toMatchObject({ title: 'Technology', categories: [{ label: 'Long reads' }] });
    const here = await lib.db.feeds.get(tech.id);
    expect((await lib.db.folders.get(here?.folderId ?? ''))?.title).toBe('Long reads');
  });

  it('unsubscribes on the server', async () => {
    const editor = await subscriptionEditor(lib.db, host, account.id, Date.now);
    if (!editor.ok) throw new Error(editor.error.message);
    const science = (await lib.db.feeds.where('accountId').equals(account.id).toArray()).find((f) => f.url.endsWith('/science.xml'))!;
    expect(await editor.value.unsubscribe(science.id)).toEqual({ ok: true, value: null });
    expect((await (await rawGReader(server)).subscriptions()).map((s) => s.url)).not.toContain(science.url);
    expect(await lib.db.feeds.get(science.id)).toBeUndefined();
  });

  it('a Fever account says it cannot edit subscriptions', async () => {
    const fever = await addAccount(lib.db, host, { service: 'fever', serverUrl: server.feverUrl, userName: server.user, password: server.apiPassword }, Date.now());
    if (!fever.ok) throw new Error(fever.error.message);
    expect(await subscriptionEditor(lib.db, host, fever.value.id, Date.now)).toMatchObject({ ok: false, error: { message: expect.stringContaining('Fever cannot') } });
    expect(accountArticleId(fever.value.id, '1')).not.toBe(accountArticleId(account.id, '1'));
  });
});
