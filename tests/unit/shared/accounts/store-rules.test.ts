/**
 * Rules act on an account's new items as they do on a local feed's: inside the transaction that stores the page,
 * with the unread counters right, and a rule's read or bookmark queued for the server in the account's outbox.
 */
import { describe, expect, it } from 'vitest';
import { applySubscriptions, storeItems } from '../../../../shared/accounts/store';
import type { RemoteItem } from '../../../../shared/accounts/remote';
import { saveRule } from '../../../../shared/db/rules';
import { localAccountRow } from '../../../../shared/db/schema';
import { expectUnreadCountsTrue, freshDb, T0 } from '../db/test-db';

const ACCOUNT = 'acct-rules';
const remoteItem = (n: number, title: string): RemoteItem => ({
  itemId: `tag:google.com,2005:reader/item/${n}`,
  feedRemoteId: 'feed/1',
  title,
  url: `https://news.example/${n}`,
  author: null,
  html: `<p>${title}</p>`,
  published: T0 + n,
  crawledAt: T0 + n,
  read: false,
  starred: false,
  enclosures: [],
});

async function accountLibrary() {
  const db = freshDb();
  await db.open();
  await db.accounts.put({ ...localAccountRow(T0), id: ACCOUNT, kind: 'greader', service: 'freshrss', title: 'FreshRSS', position: 1 });
  await applySubscriptions(db, ACCOUNT, { folders: [], feeds: [{ remoteId: 'feed/1', title: 'News', url: 'https://news.example/feed', siteUrl: null, folderRemoteId: null }] }, T0);
  return db;
}

describe('rules on account items', () => {
  it('hides, marks read and bookmarks new account items in the page transaction, queuing the server changes', async () => {
    const db = await accountLibrary();
    const none = { markRead: false, bookmark: false, hide: false, notify: false, keep: false };
    await saveRule(db, { name: 'Mute', enabled: true, scope: { kind: 'account', accountId: ACCOUNT }, condition: 'sponsored', actions: { ...none, hide: true } }, T0);
    await saveRule(db, { name: 'Keep', enabled: true, scope: { kind: 'all' }, condition: 'title:release', actions: { ...none, markRead: true, bookmark: true } }, T0);

    const added = await storeItems(db, ACCOUNT, [remoteItem(1, 'Sponsored: a gadget'), remoteItem(2, 'Release notes'), remoteItem(3, 'Plain news')], null, T0);
    expect(added).toHaveLength(3);

    const rows = new Map((await db.articles.toArray()).map((row) => [row.title, row]));
    expect(rows.get('Sponsored: a gadget')).toMatchObject({ hidden: 1, read: 1, starred: 0 });
    expect(rows.get('Release notes')).toMatchObject({ read: 1, starred: 1 });
    expect(rows.get('Plain news')).toMatchObject({ read: 0, starred: 0 });
    expect((await db.feeds.where('accountId').equals(ACCOUNT).first())?.unreadCount).toBe(1);
    await expectUnreadCountsTrue(db);

    const queued = (await db.outbox.toArray()).map((row) => `${row.change} ${row.articleId.split('/').pop()}`).sort();
    expect(queued).toEqual(['read 1', 'read 2', 'star 2']);
  });
});
