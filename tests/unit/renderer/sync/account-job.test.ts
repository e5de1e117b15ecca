/**
 * Remote accounts synced by the sync worker (renderer/sync/account-job.ts), against a real FreshRSS: the window's
 * client asks over a real MessageChannel (every message structured-cloned, as across the Worker boundary), the worker's
 * core reaches the host's accountRequest (validated and dispatched as over IPC), and only the account id ever crosses.
 * "Sync now", refresh all (r / Shift+R), the timer/wake-up (due only), back online, and the first sync's progress.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { addAccount } from '../../../../shared/accounts/manage';
import type { AccountSyncProgress } from '../../../../shared/accounts/sync';
import { setSettings } from '../../../../shared/db';
import type { AccountRow } from '../../../../shared/db/schema';
import type { HostNotification } from '../../../../shared/host';
import { createTranslator } from '../../../../shared/i18n/translator';
import { wordNotification } from '../../../../shared/notifications';
import type { SyncClient } from '../../../../renderer/sync/sync-client';
import { syncHostOver } from '../../../../renderer/sync/worker-host';
import { startFeedServer, type FeedServer } from '../../../support/feed-server';
import { freshRssMissing, startFreshRss, type FreshRss } from '../../../support/freshrss';
import { accountTestHost, library, publish, rawGReader, type AccountTestHost, type Library } from '../../shared/accounts/account-harness';
import { workerOverChannel, type WorkerOverChannel } from './worker-over-channel';

const missing = freshRssMissing();

describe.skipIf(missing !== null)('remote accounts in the sync worker, against a real FreshRSS', () => {
  let server: FreshRss;
  let feeds: FeedServer;
  let host: AccountTestHost;
  let lib: Library;
  let account: AccountRow;
  let client: SyncClient;
  let worker: WorkerOverChannel | undefined;
  let clockNow = Date.now();
  const progress: AccountSyncProgress[] = [];
  const added: string[] = [];
  const notified: HostNotification[][] = [];
  const accountArticles = () => lib.db.articles.where('id').startsWith(`${account.id}/`).count();

  beforeAll(async () => {
    [server, feeds] = await Promise.all([startFreshRss(), startFeedServer()]);
    host = accountTestHost();
    lib = library();
    const raw = await rawGReader(server);
    await raw.post('subscription/quickadd', [['quickadd', publish(feeds, '/big.xml', 'Big', 45)]]);
    await server.refresh();
    const created = await addAccount(lib.db, host, { service: 'freshrss', serverUrl: server.url, userName: server.user, password: server.apiPassword }, Date.now());
    if (!created.ok) throw new Error(created.error.message);
    account = created.value;

    // The worker's host: no local feeds here, so only accountRequest is ever called.
    worker = workerOverChannel({
      db: lib.db,
      host: { ...syncHostOver(null), accountRequest: host.accountRequest },
      now: () => clockNow,
      progressEveryMs: 1,
      accounts: { itemsPerPage: 10 },
    });
    client = worker.client;
    client.onAccountProgress((p) => progress.push(p));
    client.onArticlesAdded((ids) => added.push(...ids));
    // The worker sends drafts; the window words them (here in English).
    const { t } = createTranslator();
    client.onNotifications((drafts) => notified.push(drafts.map((draft) => wordNotification(draft, t))));
  }, 60_000);

  afterEach(() => {
    progress.length = 0;
    added.length = 0;
    notified.length = 0;
  });

  afterAll(async () => {
    worker?.close();
    await Promise.all([server?.stop(), feeds?.close()]);
  });

  it('syncs an account in the worker on request, reporting the first sync as items stored of the server\'s total', async () => {
    expect(await client.syncAccount(account.id)).toMatchObject({ accountId: account.id, status: 'ok', added: 45 });
    expect(await accountArticles()).toBe(45);
    await expect.poll(() => progress.at(-1)?.phase).toBe('done');
    const pages = progress.filter((p) => p.phase === 'items');
    // Five pages of 10: each reports what is stored so far of the 45 the server holds.
    expect(pages.map((p) => p.items)).toEqual([10, 20, 30, 40, 45]);
    expect(pages.every((p) => p.total === 45 && p.accountId === account.id)).toBe(true);
    // New articles go to the window as for feeds (search index).
    await expect.poll(() => added.length).toBe(45);
    expect((await lib.db.accounts.get(account.id))?.lastSyncAt).toBeGreaterThan(0);
  });

  it('reports an incremental sync without a total (it is short), and the window\'s client answers a broken account safely', async () => {
    publish(feeds, '/big.xml', 'Big', 48);
    await server.refresh();
    expect(await client.syncAccount(account.id)).toMatchObject({ status: 'ok', added: 3 });
    expect(progress.filter((p) => p.phase === 'items').every((p) => p.total === null)).toBe(true);
    // Items published since the last sync are news, as a feed's are (the first sync's 45 were not).
    await expect.poll(() => notified.length).toBe(1);
    expect(notified[0]).toEqual([expect.objectContaining({ title: '3 new articles in Big', body: 'Big 48\nBig 47\nBig 46' })]);
    expect(await client.syncAccount('acct-00000000-0000-0000-0000-000000000000')).toMatchObject({ status: 'skipped', reason: 'missing' });
  });

  it('refreshes accounts with "refresh all" (Shift+R) beside the feeds', async () => {
    publish(feeds, '/big.xml', 'Big', 52);
    await server.refresh();
    await client.syncAll();
    expect(await accountArticles()).toBe(52);
    // The account's new items are news like a feed's: one notification when the run ends.
    await expect.poll(() => notified.length).toBe(1);
    expect(notified[0]).toEqual([expect.objectContaining({ title: '4 new articles in Big' })]);
  });

  it('on the timer or a wake-up syncs only accounts whose sync interval has passed', async () => {
    publish(feeds, '/big.xml', 'Big', 55);
    await server.refresh();
    await client.syncDue();
    expect(await accountArticles()).toBe(52);
    expect(await setSettings(lib.db, { syncIntervalMinutes: 15 })).toEqual([]);
    clockNow += 16 * 60_000;
    await client.syncDue();
    expect(await accountArticles()).toBe(55);
  });

  it('syncs accounts when the machine is back online', async () => {
    publish(feeds, '/big.xml', 'Big', 57);
    await server.refresh();
    client.setOnline(false);
    await client.syncAll();
    expect(await accountArticles()).toBe(55);
    client.setOnline(true);
    await expect.poll(accountArticles, { timeout: 15_000 }).toBe(57);
  });

  it('gives the window only the account id: no host answer the worker saw holds the password', () => {
    expect(host.answers.length).toBeGreaterThan(10);
    for (const answer of host.answers) expect(answer).not.toContain(server.apiPassword);
  });
});
