import { describe, expect, it } from 'vitest';
import { createFolder } from '../../../../shared/db/folders';
import { subscribe } from '../../../../shared/db/feeds';
import { listArticles } from '../../../../shared/db/queries';
import { markUnread } from '../../../../shared/db/read-state';
import { applyRetention } from '../../../../shared/db/retention';
import { deleteRule, listRules, moveRule, saveRule, setRuleEnabled, type RuleDraft } from '../../../../shared/db/rules';
import type { BroadsheetDb, RuleActions } from '../../../../shared/db/schema';
import { setSettings } from '../../../../shared/db/settings';
import { applyExistingPlan, planRuleOnExisting } from '../../../../shared/rules/apply';
import { mergeParsedFeed } from '../../../../shared/sync/merge';
import { localAccountRow } from '../../../../shared/db/schema';
import { DAY, expectUnreadCountsTrue, freshDb, item, parsedFeed, T0 } from '../db/test-db';

const none: RuleActions = { markRead: false, bookmark: false, hide: false, notify: false, keep: false };
const draft = (condition: string, actions: Partial<RuleActions>, patch: Partial<RuleDraft> = {}): RuleDraft => ({
  name: '', enabled: true, scope: { kind: 'all' }, condition, actions: { ...none, ...actions }, ...patch,
});

async function library() {
  const db = freshDb();
  const folder = await createFolder(db, 'Tech');
  const a = await subscribe(db, 'https://a.example/feed', { folderId: folder.id, now: T0 });
  const b = await subscribe(db, 'https://b.example/feed', { now: T0 });
  if (!a.ok || !b.ok) throw new Error('subscribe failed');
  return { db, a: a.value.feed.id, b: b.value.feed.id, folder: folder.id };
}

const feedItems = [
  item(1, { title: 'Sponsored: buy this gadget' }),
  item(2, { title: 'Kernel 6.12 released' }),
  item(3, { title: 'Security advisory for OpenSSL' }),
  item(4, { title: 'Weekly links' }),
];

async function rule(db: BroadsheetDb, d: RuleDraft) {
  const saved = await saveRule(db, d, T0);
  if (!saved.ok) throw new Error(saved.error.message);
  return saved.value;
}

const byTitleAfterMerge = async (db: BroadsheetDb, feedId: string) => {
  await mergeParsedFeed(db, (await db.feeds.get(feedId))!.id, parsedFeed(feedItems), T0, () => ({}));
  return (await db.articles.where('feedId').equals(feedId).first())!;
};
const byTitle = async (db: BroadsheetDb, title: string) => (await db.articles.filter((a) => a.title === title).first())!;

describe('rule actions inside the sync merge', () => {
  it('marks matching new articles read and the feed counter agrees', async () => {
    const { db, a } = await library();
    await rule(db, draft('kernel', { markRead: true }));
    await mergeParsedFeed(db, a, parsedFeed(feedItems), T0, () => ({}));
    expect((await byTitle(db, 'Kernel 6.12 released')).read).toBe(1);
    expect((await db.feeds.get(a))?.unreadCount).toBe(3);
    await expectUnreadCountsTrue(db);
  });

  it('bookmarks matching new articles', async () => {
    const { db, a } = await library();
    await rule(db, draft('"security advisory"', { bookmark: true }));
    await mergeParsedFeed(db, a, parsedFeed(feedItems), T0 + 5, () => ({}));
    expect(await byTitle(db, 'Security advisory for OpenSSL')).toMatchObject({ starred: 1, starredAt: T0 + 5, read: 0 });
    expect((await listArticles(db, { kind: 'starred' })).articles.map((x) => x.title)).toEqual(['Security advisory for OpenSSL']);
  });

  it('hides matching new articles: never listed or counted, kept so they are not new again, found by the hidden index', async () => {
    const { db, a } = await library();
    await rule(db, draft('title:sponsored', { hide: true }));
    await mergeParsedFeed(db, a, parsedFeed(feedItems), T0, () => ({}));
    const hidden = await byTitle(db, 'Sponsored: buy this gadget');
    expect(hidden).toMatchObject({ hidden: 1, read: 1 });
    expect((await db.feeds.get(a))?.unreadCount).toBe(3);
    await expectUnreadCountsTrue(db);
    for (const view of [{ kind: 'all' }, { kind: 'unread' }, { kind: 'feed', feedId: a }] as const) {
      expect((await listArticles(db, view)).articles.map((x) => x.title), view.kind).not.toContain(hidden.title);
    }
    expect(await db.articles.where('hidden').equals(1).primaryKeys()).toEqual([hidden.id]);
    // Marking it unread cannot bring it back into the counters.
    expect(await markUnread(db, [hidden.id])).toBe(0);
    // The next fetch of the same document adds nothing.
    const again = await mergeParsedFeed(db, a, parsedFeed(feedItems), T0 + 1, () => ({}));
    expect(again?.added).toEqual([]);
    await expectUnreadCountsTrue(db);
  });

  it('a page short of hidden rows is not the end of the list', async () => {
    const { db, a } = await library();
    await rule(db, draft('hideme', { hide: true }));
    const many = Array.from({ length: 10 }, (_, i) => item(i, { title: i % 2 === 0 ? `hideme ${i}` : `keep ${i}` }));
    await mergeParsedFeed(db, a, parsedFeed(many), T0, () => ({}));
    const first = await listArticles(db, { kind: 'feed', feedId: a }, { limit: 4 });
    expect(first.articles).toHaveLength(2);
    expect(first.nextCursor).not.toBeNull();
    const second = await listArticles(db, { kind: 'feed', feedId: a }, { limit: 4, cursor: first.nextCursor! });
    const third = await listArticles(db, { kind: 'feed', feedId: a }, { limit: 4, cursor: second.nextCursor! });
    expect([...first.articles, ...second.articles, ...third.articles].map((x) => x.title)).toEqual(['keep 1', 'keep 3', 'keep 5', 'keep 7', 'keep 9']);
  });

  it('marks articles to notify about, even in a feed whose notifications are off', async () => {
    const { db, a } = await library();
    await db.feeds.update(a, { options: { notify: false } });
    await rule(db, draft('openssl', { notify: true }));
    await mergeParsedFeed(db, a, parsedFeed(feedItems), T0, () => ({}));
    expect((await byTitle(db, 'Security advisory for OpenSSL')).ruleNotify).toBe(1);
    expect((await byTitle(db, 'Weekly links')).ruleNotify).toBeUndefined();
  });

  it('the first hide wins over notify', async () => {
    const { db, a } = await library();
    await rule(db, draft('openssl', { notify: true }));
    await rule(db, draft('security', { hide: true }));
    await mergeParsedFeed(db, a, parsedFeed(feedItems), T0, () => ({}));
    const row = await byTitle(db, 'Security advisory for OpenSSL');
    expect(row.hidden).toBe(1);
    expect(row.ruleNotify).toBeUndefined();
  });

  it('keeps forever: retention never deletes a kept article', async () => {
    const { db, a } = await library();
    await rule(db, draft('weekly', { keep: true, markRead: true }));
    const old = feedItems.map((it, i) => ({ ...it, published: T0 - (100 + i) * DAY }));
    await mergeParsedFeed(db, a, parsedFeed(old), T0, () => ({}));
    await db.articles.toCollection().modify({ read: 1 });
    await db.feeds.update(a, { unreadCount: 0 });
    await setSettings(db, { retentionDays: 30 });
    await applyRetention(db, T0, 0);
    expect((await db.articles.toArray()).map((x) => x.title)).toEqual(['Weekly links']);
  });

  it('acts only on new articles, leaves updated ones alone, and honours scope and the enabled flag', async () => {
    const { db, a, b, folder } = await library();
    await mergeParsedFeed(db, a, parsedFeed(feedItems), T0, () => ({}));
    await rule(db, draft('kernel', { markRead: true }));
    await rule(db, draft('', { bookmark: true }, { scope: { kind: 'folder', folderId: folder } }));
    const off = await rule(db, draft('weekly', { hide: true }));
    await setRuleEnabled(db, off.id, false, T0);
    // An updated item (new title text) is not new: no rule touches it.
    await mergeParsedFeed(db, a, parsedFeed([{ ...feedItems[1]!, summary: 'changed kernel' }]), T0 + 1, () => ({}));
    expect((await byTitle(db, 'Kernel 6.12 released')).read).toBe(0);
    await mergeParsedFeed(db, b, parsedFeed([item(9, { title: 'Kernel news in b' }), item(10, { title: 'Weekly links b' })]), T0 + 2, () => ({}));
    expect(await byTitle(db, 'Kernel news in b')).toMatchObject({ read: 1, starred: 0 });
    expect((await byTitle(db, 'Weekly links b')).hidden).toBeUndefined();
    await mergeParsedFeed(db, a, parsedFeed([item(11, { title: 'Fresh in a' })]), T0 + 3, () => ({}));
    expect((await byTitle(db, 'Fresh in a')).starred).toBe(1);
    await expectUnreadCountsTrue(db);
  });

  it('a rolled-back merge applies no action', async () => {
    const { db, a } = await library();
    await rule(db, draft('', { markRead: true, bookmark: true, notify: true, keep: true }, { scope: { kind: 'feed', feedId: a } }));
    const before = await db.feeds.get(a);
    await expect(
      mergeParsedFeed(db, a, parsedFeed(feedItems), T0, () => {
        throw new Error('disk full');
      }),
    ).rejects.toThrow('disk full');
    expect(await db.articles.count()).toBe(0);
    expect(await db.feeds.get(a)).toEqual(before);
    await expectUnreadCountsTrue(db);
  });
});

describe('rules table and applying a rule to existing articles', () => {
  it('orders, moves, disables and deletes rules; refuses a rule without action or with a bad pattern', async () => {
    const db = freshDb();
    const r1 = await rule(db, draft('one', { markRead: true }));
    const r2 = await rule(db, draft('two', { hide: true }));
    const r3 = await rule(db, draft('three', { keep: true }));
    await moveRule(db, r3.id, 0);
    expect((await listRules(db)).map((r) => [r.condition, r.position])).toEqual([['three', 0], ['one', 1], ['two', 2]]);
    await deleteRule(db, r1.id);
    expect((await listRules(db)).map((r) => [r.id, r.position])).toEqual([[r3.id, 0], [r2.id, 1]]);
    expect(await saveRule(db, draft('x', {}), T0)).toEqual({ ok: false, error: { code: 'rules.errors.noAction', message: 'Choose at least one action.' } });
    const bad = await saveRule(db, draft('/(a+)+/', { hide: true }), T0);
    expect(bad.ok).toBe(false);
    expect(await saveRule(db, draft('', { hide: true }), T0)).toMatchObject({ ok: false });
  });

  it('says how many existing articles it would change, then changes exactly those, counters right', async () => {
    const { db, a, b } = await library();
    await mergeParsedFeed(db, a, parsedFeed(feedItems), T0, () => ({}));
    await mergeParsedFeed(db, b, parsedFeed([item(20, { title: 'Sponsored post in b' })]), T0, () => ({}));
    const saved = await rule(db, draft('sponsored', { hide: true }));
    const plan = await planRuleOnExisting(db, saved, T0);
    if ('error' in plan) throw new Error(plan.error.message);
    expect(plan.changes.map((x) => x.title).sort()).toEqual(['Sponsored post in b', 'Sponsored: buy this gadget']);
    expect(plan.examined).toBe(5);
    // Planning wrote nothing.
    expect(await db.articles.where('hidden').equals(1).count()).toBe(0);
    expect(await applyExistingPlan(db, plan, T0)).toBe(2);
    expect(await db.articles.where('hidden').equals(1).count()).toBe(2);
    expect((await db.feeds.get(b))?.unreadCount).toBe(0);
    await expectUnreadCountsTrue(db);
  });

  it('queues the server change in the account outbox when a rule marks an account article read or bookmarks it', async () => {
    const { db, a } = await library();
    await db.accounts.put({ ...localAccountRow(T0), id: 'acct-x', kind: 'greader', service: 'freshrss', title: 'FreshRSS' });
    const local = (await db.feeds.get(a))!;
    const feed = { ...local, id: 'acct-x/feed/1', url: 'https://x.example/feed', accountId: 'acct-x', unreadCount: 1 };
    await db.feeds.put(feed);
    const article = { ...(await byTitleAfterMerge(db, a)), id: 'acct-x/item/42', feedId: feed.id, read: 0 as const, title: 'Sponsored in an account' };
    await db.articles.put(article);
    const saved = await rule(db, draft('sponsored', { markRead: true, bookmark: true }));
    const plan = await planRuleOnExisting(db, saved, T0);
    if ('error' in plan) throw new Error(plan.error.message);
    await applyExistingPlan(db, plan, T0);
    const queued = (await db.outbox.toArray()).map((row) => [row.accountId, row.articleId, row.change]);
    expect(queued.sort()).toEqual([['acct-x', 'acct-x/item/42', 'read'], ['acct-x', 'acct-x/item/42', 'star']]);
    // This computer's articles never reach an outbox.
    expect(queued.every(([, id]) => id?.startsWith('acct-x/'))).toBe(true);
  });
});
