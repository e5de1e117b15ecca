/**
 * Importing into an account in one action, against a real FreshRSS: this computer's subscriptions and an OPML file's
 * feeds are subscribed on the server with their folders, ones already there are skipped, a feed the server cannot
 * read is reported with its reason while the rest go on; Fever refuses with a sentence.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importIntoAccount, localFeedsToImport, opmlFeedsToImport } from '../../../../shared/accounts/import';
import { addAccount } from '../../../../shared/accounts/manage';
import { importOpmlFolders } from '../../../../shared/db/opml';
import type { AccountRow } from '../../../../shared/db/schema';
import { parseOpml } from '../../../../shared/feeds';
import { bundledCatalogues } from '../../../../shared/i18n/catalogues';
import { describeError } from '../../../../shared/i18n/errors';
import { loadTranslator } from '../../../../shared/i18n/translator';
import { startFeedServer, type FeedServer } from '../../../support/feed-server';
import { freshRssMissing, startFreshRss, type FreshRss } from '../../../support/freshrss';
import { accountTestHost, library, publish, rawGReader, syncer, type AccountTestHost, type Library } from './account-harness';

const missing = freshRssMissing();

describe.skipIf(missing !== null)('importing feeds into an account on a real FreshRSS', () => {
  let server: FreshRss;
  let feeds: FeedServer;
  let host: AccountTestHost;
  let lib: Library;
  let account: AccountRow;
  let fever: AccountRow;
  const serverFeeds = async () => (await (await rawGReader(server)).subscriptions()).map((s) => [s.url, s.categories.map((c) => c.label).join(',')]).sort();

  beforeAll(async () => {
    [server, feeds] = await Promise.all([startFreshRss(), startFeedServer()]);
    host = accountTestHost();
    lib = library();
    const signIn = { serverUrl: server.url, userName: server.user, password: server.apiPassword };
    const added = await addAccount(lib.db, host, { service: 'freshrss', ...signIn }, Date.now());
    const addedFever = await addAccount(lib.db, host, { service: 'fever', ...signIn, serverUrl: server.feverUrl }, Date.now());
    if (!added.ok || !addedFever.ok) throw new Error('sign-in failed');
    account = added.value;
    fever = addedFever.value;
  }, 60_000);

  afterAll(async () => {
    await Promise.all([server?.stop(), feeds?.close()]);
  });

  it("subscribes this computer's feeds on the server in their folders, skips one already there, and reports one it cannot read", async () => {
    const tech = publish(feeds, '/tech.xml', 'Tech news', 2);
    const cooking = publish(feeds, '/cooking.xml', 'Cooking', 3);
    const already = publish(feeds, '/already.xml', 'Already', 1);
    const broken = feeds.url('/no-such-feed.xml');
    await (await rawGReader(server)).post('subscription/quickadd', [['quickadd', already]]);
    await importOpmlFolders(lib.db, [
      { title: 'Tech', feeds: [{ xmlUrl: tech, title: 'Tech news' }, { xmlUrl: broken, title: 'Gone' }] },
      { title: '', feeds: [{ xmlUrl: cooking, title: 'Cooking' }, { xmlUrl: already, title: 'Already' }] },
    ]);
    const toImport = await localFeedsToImport(lib.db);
    expect(toImport).toHaveLength(4);
    const progress: number[] = [];
    const report = await importIntoAccount(lib.db, host, account.id, toImport, Date.now, (done) => progress.push(done));
    expect(report.ok).toBe(true);
    if (!report.ok) return;
    expect(report.value.subscribed.sort()).toEqual([cooking, tech].sort());
    expect(report.value.alreadySubscribed).toEqual([already]);
    expect(report.value.failed).toHaveLength(1);
    expect(report.value.failed[0]).toMatchObject({ url: broken, title: 'Gone' });
    expect(report.value.failed[0]?.message).toMatch(/could not subscribe/);
    // Shown in the reader's language, not in the English it was logged in.
    const french = await loadTranslator('fr', bundledCatalogues);
    expect(describeError(report.value.failed[0] ?? '', french.t)).toMatch(/^Le serveur n’a pas pu s’abonner à /);
    expect(progress).toEqual([1, 2, 3, 4]);
    const onServer = await serverFeeds();
    expect(onServer).toContainEqual([tech, 'Tech']);
    expect(onServer.map(([url]) => url)).toEqual([already, cooking, tech].sort());
    // The library shows the account's new feeds at once; the next sync brings their articles.
    const accountFeeds = await lib.db.feeds.where('accountId').equals(account.id).toArray();
    expect(accountFeeds.map((f) => f.url).sort()).toEqual([already, cooking, tech].sort());
    await server.refresh();
    expect(await syncer(lib, host).syncAccount(account.id)).toMatchObject({ status: 'ok', added: 6 });
  });

  it('imports an OPML file the same way, and a second import of it subscribes nothing twice', async () => {
    const science = publish(feeds, '/science.xml', 'Science', 1);
    const opml = `<?xml version="1.0"?><opml version="2.0"><body><outline text="Reading"><outline type="rss" text="Science" xmlUrl="${science}"/></outline></body></opml>`;
    const feedsInFile = opmlFeedsToImport(parseOpml(opml).outlines);
    expect(feedsInFile).toEqual([{ url: science, title: 'Science', folder: 'Reading' }]);
    const first = await importIntoAccount(lib.db, host, account.id, feedsInFile, Date.now);
    expect(first).toMatchObject({ ok: true, value: { subscribed: [science], alreadySubscribed: [], failed: [] } });
    expect(await serverFeeds()).toContainEqual([science, 'Reading']);
    const again = await importIntoAccount(lib.db, host, account.id, feedsInFile, Date.now);
    expect(again).toMatchObject({ ok: true, value: { subscribed: [], alreadySubscribed: [science], failed: [] } });
  });

  it('says a Fever account cannot take subscriptions, and asks its server nothing', async () => {
    const before = host.answers.length;
    const refused = await importIntoAccount(lib.db, host, fever.id, await localFeedsToImport(lib.db), Date.now);
    expect(refused).toMatchObject({ ok: false, error: { kind: 'invalid-argument' } });
    if (!refused.ok) expect(refused.error.message).toMatch(/Fever cannot add/);
    expect(host.answers.length).toBe(before);
  });
});
