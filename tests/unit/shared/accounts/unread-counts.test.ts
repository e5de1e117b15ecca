/**
 * Incremental syncs skip the full unread id list when FreshRSS's per-feed unread counts equal the library's, and still
 * see what another device read: a changed count brings the list back, and so does the hourly full reconciliation
 * (which catches what counts cannot: one item read and another unread in the same feed). Real FreshRSS.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accountArticleId } from '../../../../shared/accounts/ids';
import { addAccount } from '../../../../shared/accounts/manage';
import { FULL_STATES_EVERY_MS } from '../../../../shared/accounts/sync';
import { markRead } from '../../../../shared/db/read-state';
import type { AccountRow } from '../../../../shared/db/schema';
import type { AccountRequest } from '../../../../shared/host';
import { startFeedServer, type FeedServer } from '../../../support/feed-server';
import { freshRssMissing, startFreshRss, type FreshRss } from '../../../support/freshrss';
import { expectUnreadCountsTrue } from '../db/test-db';
import { accountTestHost, library, publish, rawGReader, syncer, type AccountTestHost, type Library } from './account-harness';

const missing = freshRssMissing();
const READ = 'user/-/state/com.google/read';

describe.skipIf(missing !== null)('unread counts instead of the unread list, against a real FreshRSS', () => {
  let server: FreshRss;
  let feeds: FeedServer;
  let host: AccountTestHost;
  let lib: Library;
  let account: AccountRow;
  const requests: AccountRequest[] = [];
  let clockNow = Date.now();
  const sync = () => syncer(lib, { ...host, accountRequest: (id, request) => (requests.push(request), host.accountRequest(id, request)) }, { now: () => clockNow }).syncAccount(account.id);
  const askedForUnreadList = () => requests.some((r) => r.path.endsWith('stream/items/ids') && (r.query ?? []).some(([k, v]) => k === 'xt' && v === READ));
  const mark = async (itemId: string, action: 'a' | 'r') => {
    expect(await (await rawGReader(server)).post('edit-tag', [['i', `tag:google.com,2005:reader/item/${itemId}`], [action, READ]])).toBe('OK');
  };
  const serverItemIds = async () => [...(await (await rawGReader(server)).unread())].sort();

  beforeAll(async () => {
    [server, feeds] = await Promise.all([startFreshRss(), startFeedServer()]);
    host = accountTestHost();
    lib = library();
    const raw = await rawGReader(server);
    await raw.post('subscription/quickadd', [['quickadd', publish(feeds, '/one.xml', 'One', 6)]]);
    await raw.post('subscription/quickadd', [['quickadd', publish(feeds, '/two.xml', 'Two', 4)]]);
    await server.refresh();
    const created = await addAccount(lib.db, host, { service: 'freshrss', serverUrl: server.url, userName: server.user, password: server.apiPassword }, Date.now());
    if (!created.ok) throw new Error(created.error.message);
    account = created.value;
  }, 60_000);

  afterAll(async () => {
    await Promise.all([server?.stop(), feeds?.close()]);
  });

  it('reads the full unread list on the first sync, and skips it when the counts show nothing changed', async () => {
    expect(await sync()).toMatchObject({ status: 'ok', added: 10 });
    expect(askedForUnreadList()).toBe(true);
    requests.length = 0;
    expect(await sync()).toMatchObject({ status: 'ok', added: 0 });
    expect(requests.map((r) => r.path)).toContain('reader/api/0/unread-count');
    expect(askedForUnreadList()).toBe(false);
  });

  it('sees an article read on another device (its feed\'s count changed) and one made unread there again', async () => {
    const [first] = await serverItemIds();
    await mark(first!, 'a');
    requests.length = 0;
    expect(await sync()).toMatchObject({ status: 'ok' });
    // (Unless the item came back on the page of new items with its read state, the changed count brought the list.)
    expect(await lib.db.articles.get(accountArticleId(account.id, first!))).toMatchObject({ read: 1 });
    await mark(first!, 'r');
    requests.length = 0;
    expect(await sync()).toMatchObject({ status: 'ok' });
    expect(await lib.db.articles.get(accountArticleId(account.id, first!))).toMatchObject({ read: 0 });
    await expectUnreadCountsTrue(lib.db);
  });

  it('keeps a local read sent after a failed push: the counts agree once the server has it, so the list stays skipped', async () => {
    const [, second] = await serverItemIds();
    await markRead(lib.db, [accountArticleId(account.id, second!)]);
    const refused = await syncer(lib, { ...host, accountRequest: async (id, request) => (request.path.endsWith('edit-tag') ? { ok: false, error: { kind: 'network', message: 'down' } } : host.accountRequest(id, request)) }).syncAccount(account.id);
    expect(refused).toMatchObject({ status: 'error' });
    requests.length = 0;
    expect(await sync()).toMatchObject({ status: 'ok', pushed: 1 });
    expect(askedForUnreadList()).toBe(false);
    expect((await (await rawGReader(server)).unread()).has(second!)).toBe(false);
    expect(await lib.db.articles.get(accountArticleId(account.id, second!))).toMatchObject({ read: 1 });
    await expectUnreadCountsTrue(lib.db);
  });

  it('catches a swap the counts cannot see (one read, another unread, same feed) at the hourly full reconciliation', async () => {
    await sync();
    // The one read article (read here and sent above), and an unread one of the same feed.
    const rows = await lib.db.articles.where('id').startsWith(`${account.id}/`).toArray();
    const readInFeed = rows.find((a) => a.read === 1);
    expect(readInFeed).toBeDefined();
    const unreadInFeed = rows.find((a) => a.read === 0 && a.feedId === readInFeed!.feedId);
    expect(unreadInFeed).toBeDefined();
    const readOne = unreadInFeed!.guid ?? '';
    const otherItemId = readInFeed!.guid ?? '';
    await mark(readOne, 'a');
    await mark(otherItemId, 'r');
    await sync();
    clockNow += FULL_STATES_EVERY_MS + 1;
    requests.length = 0;
    await sync();
    expect(askedForUnreadList()).toBe(true);
    expect(await lib.db.articles.get(accountArticleId(account.id, readOne))).toMatchObject({ read: 1 });
    expect(await lib.db.articles.get(readInFeed!.id)).toMatchObject({ read: 0 });
    await expectUnreadCountsTrue(lib.db);
  });
});
