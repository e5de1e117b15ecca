import { describe, expect, it } from 'vitest';
import { accountArticleId, accountFeedId } from '../../../../shared/accounts/ids';
import { newFeedRow } from '../../../../shared/db/feeds';
import { markAllRead, markRead, markUnread, setStarred, toggleStar } from '../../../../shared/db/read-state';
import { localAccountRow, type ArticleRow, type BroadsheetDb } from '../../../../shared/db/schema';
import { expectUnreadCountsTrue, freshDb, T0 } from './test-db';

const ACCOUNT = 'acct-test';

async function seed(db: BroadsheetDb): Promise<{ remote: string[]; local: string[] }> {
  await db.accounts.put({ ...localAccountRow(T0), id: ACCOUNT, kind: 'greader', service: 'freshrss', title: 'FreshRSS', position: 1 });
  const remoteFeed = { ...newFeedRow(accountFeedId(ACCOUNT, 'feed/1'), 'https://one.example/feed', {}, 0, T0), accountId: ACCOUNT, remoteId: 'feed/1', unreadCount: 3 };
  const localFeed = { ...newFeedRow('localfeed', 'https://one.example/feed', {}, 0, T0), unreadCount: 2 };
  await db.feeds.bulkAdd([remoteFeed, localFeed]);
  const row = (id: string, feedId: string, i: number): ArticleRow => ({
    id, feedId, guid: null, url: null, title: id, author: null, summary: '', imageUrl: null, published: T0 - i, updated: null, fetchedAt: T0,
    sortTime: T0 - i, read: 0, starred: 0, starredAt: 0, contentHash: 'h',
  });
  const remote = [1, 2, 3].map((n) => accountArticleId(ACCOUNT, `00000000000000a${n}`));
  const local = ['localfeed:1', 'localfeed:2'];
  await db.articles.bulkAdd([...remote.map((id, i) => row(id, remoteFeed.id, i)), ...local.map((id, i) => row(id, 'localfeed', i))]);
  return { remote, local };
}

const outbox = async (db: BroadsheetDb) => (await db.outbox.orderBy('seq').toArray()).map((r) => [r.articleId.slice(-3), r.change]);

describe('the outbox', () => {
  it('records read, unread, star and unstar of account articles in order, and nothing for local ones', async () => {
    const db = freshDb();
    const { remote, local } = await seed(db);
    await markRead(db, [remote[0] as string, local[0] as string]);
    await setStarred(db, [remote[1] as string, local[1] as string], true);
    await toggleStar(db, remote[2] as string);
    expect(await outbox(db)).toEqual([['0a1', 'read'], ['0a2', 'star'], ['0a3', 'star']]);
    await expectUnreadCountsTrue(db);
  });

  it('keeps only the latest change of each kind per article, so toggling does not grow it', async () => {
    const db = freshDb();
    const { remote } = await seed(db);
    const id = remote[0] as string;
    for (let i = 0; i < 5; i++) {
      await markRead(db, [id]);
      await markUnread(db, [id]);
      await toggleStar(db, id);
    }
    expect(await outbox(db)).toEqual([['0a1', 'unread'], ['0a1', 'star']]);
  });

  it('queues every article that mark-all-read changes in an account feed', async () => {
    const db = freshDb();
    const { remote } = await seed(db);
    expect(await markAllRead(db, { all: true })).toBe(5);
    expect((await outbox(db)).map(([id]) => id).sort()).toEqual(['0a1', '0a2', '0a3']);
    expect(new Set((await db.outbox.toArray()).map((r) => r.articleId))).toEqual(new Set(remote));
    await expectUnreadCountsTrue(db);
  });

  it('writes the change and its outbox row together: a failed transaction leaves neither', async () => {
    const db = freshDb();
    const { remote } = await seed(db);
    await expect(
      db.transaction('rw', [db.articles, db.feeds, db.accounts, db.outbox], async () => {
        await markRead(db, [remote[0] as string]);
        throw new Error('crash before commit');
      }),
    ).rejects.toThrow('crash before commit');
    expect((await db.articles.get(remote[0] as string))?.read).toBe(0);
    expect(await db.outbox.count()).toBe(0);
  });

  it('queues nothing for a removed account\'s kept bookmarks', async () => {
    const db = freshDb();
    const { remote } = await seed(db);
    await db.accounts.delete(ACCOUNT);
    await setStarred(db, [remote[0] as string], true);
    expect(await db.outbox.count()).toBe(0);
  });
});
