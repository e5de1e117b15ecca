/**
 * An account's server misbehaving: answers played by the project's feed server standing in for a Google Reader API
 * (FreshRSS cannot be made to answer 503 or cut a body off on demand).
 */
import type { ServerResponse } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addAccount } from '../../../../shared/accounts/manage';
import { startFeedServer, type FeedServer } from '../../../support/feed-server';
import { accountTestHost, library, syncer } from './account-harness';

const API = '/greader/reader/api/0';
const json = (res: ServerResponse, value: unknown) => {
  res.writeHead(200, { 'content-type': 'application/json' });
  res.end(JSON.stringify(value));
};

describe('an account whose server misbehaves', () => {
  let feeds: FeedServer;
  let tokens = 0;
  let contents: 'ok' | 'cut-off' | 'unavailable' = 'ok';

  beforeAll(async () => {
    feeds = await startFeedServer();
    feeds.route('/greader/accounts/ClientLogin', (_req, res) => {
      tokens++;
      res.writeHead(200, { 'content-type': 'text/plain' });
      res.end(`SID=x\nAuth=token-${tokens}\n`);
    });
    // Only the newest sign-in is honoured: an older token gets 401, as after a server restart.
    const authorised = (req: { headers: Record<string, unknown> }) => req.headers.authorization === `GoogleLogin auth=token-${tokens}`;
    feeds.route(`${API}/subscription/list`, (req, res) => {
      if (!authorised(req)) return void res.writeHead(401).end();
      json(res, { subscriptions: [{ id: 'feed/1', title: 'One', url: 'https://one.example/feed', htmlUrl: 'https://one.example/', categories: [] }] });
    });
    feeds.route(`${API}/tag/list`, (_req, res) => json(res, { tags: [] }));
    feeds.route(`${API}/stream/contents/user/-/state/com.google/reading-list`, (_req, res) => {
      if (contents === 'unavailable') return void res.writeHead(503, { 'retry-after': '120', 'content-type': 'text/plain' }).end('busy');
      const body = JSON.stringify({
        items: Array.from({ length: 3 }, (_, i) => ({
          id: `tag:google.com,2005:reader/item/000000000000000${i + 1}`,
          title: `Item ${i + 1}`,
          crawlTimeMsec: String(Date.UTC(2026, 0, 1) + i),
          published: Date.UTC(2026, 0, 1) / 1000 + i,
          categories: [],
          origin: { streamId: 'feed/1' },
          summary: { content: '<p>x</p>' },
        })),
      });
      if (contents === 'cut-off') {
        res.writeHead(200, { 'content-type': 'application/json', 'content-length': String(body.length) });
        res.write(body.slice(0, body.length / 2));
        res.socket?.destroy();
        return;
      }
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(body);
    });
    feeds.route(`${API}/stream/items/ids`, (_req, res) => json(res, { itemRefs: [] }));
  });

  afterAll(() => feeds.close());

  it('signs in once more on a 401, then carries on', async () => {
    const host = accountTestHost();
    const lib = library();
    const added = await addAccount(lib.db, host, { service: 'greader', serverUrl: feeds.url('/greader'), userName: 'ann', password: 'pw-secret-1' }, Date.now());
    if (!added.ok) throw new Error(added.error.message);
    tokens++; // the server forgot the token the host holds
    expect(await syncer(lib, host).syncAccount(added.value.id)).toMatchObject({ status: 'ok', added: 3 });
    expect(feeds.requestsTo('/greader/accounts/ClientLogin')).toHaveLength(2);
  });

  it('writes nothing of a body cut off mid-way, says so on the account, and the next sync completes', async () => {
    const host = accountTestHost();
    const lib = library();
    const added = await addAccount(lib.db, host, { service: 'greader', serverUrl: feeds.url('/greader'), userName: 'ann', password: 'pw-secret-1' }, Date.now());
    if (!added.ok) throw new Error(added.error.message);
    contents = 'cut-off';
    const cut = await syncer(lib, host).syncAccount(added.value.id);
    expect(cut).toMatchObject({ status: 'error', error: { kind: 'network' } });
    expect(await lib.db.articles.count()).toBe(0);
    expect((await lib.db.accounts.get(added.value.id))?.lastError?.kind).toBe('network');
    contents = 'ok';
    expect(await syncer(lib, host).syncAccount(added.value.id)).toMatchObject({ status: 'ok', added: 3 });
    expect((await lib.db.accounts.get(added.value.id))?.lastError).toBeNull();
  });

  it('honours Retry-After: the account waits, and no request is made before then', async () => {
    const host = accountTestHost();
    const lib = library();
    const added = await addAccount(lib.db, host, { service: 'greader', serverUrl: feeds.url('/greader'), userName: 'ann', password: 'pw-secret-1' }, Date.now());
    if (!added.ok) throw new Error(added.error.message);
    contents = 'unavailable';
    const before = Date.now();
    expect(await syncer(lib, host).syncAccount(added.value.id)).toMatchObject({ status: 'error', error: { kind: 'rate-limited' } });
    expect((await lib.db.accounts.get(added.value.id))?.retryAt).toBeGreaterThanOrEqual(before + 120_000);
    feeds.clearRequests();
    expect(await syncer(lib, host).syncAccount(added.value.id)).toMatchObject({ status: 'skipped', reason: 'rate-limited' });
    expect(feeds.requests).toHaveLength(0);
    // Two minutes later (by the injected clock) it asks again.
    contents = 'ok';
    expect(await syncer(lib, host, { now: () => Date.now() + 121_000 }).syncAccount(added.value.id)).toMatchObject({ status: 'ok' });
  });
});
