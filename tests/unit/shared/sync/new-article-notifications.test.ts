/**
 * The notifications of a finished run, from the rows the feed engine wrote (not read back) and from the ids of
 * articles an account stored (read back): hidden articles are no news, rule matches are announced even when the
 * app's notifications are off, articles gone by the end of the run (their feed unsubscribed) are left out.
 */
import { describe, expect, it } from 'vitest';
import { subscribe, unsubscribe } from '../../../../shared/db/feeds';
import type { BroadsheetDb } from '../../../../shared/db/schema';
import { setSettings } from '../../../../shared/db/settings';
import { createTranslator } from '../../../../shared/i18n/translator';
import { wordNotification } from '../../../../shared/notifications';
import { mergeParsedFeed } from '../../../../shared/sync/merge';
import { newArticleNotifications, notifiedArticle, type NotifiedArticle } from '../../../../shared/sync/new-article-notifications';
import { freshDb, item, parsedFeed, T0 } from '../db/test-db';

async function feed(db: BroadsheetDb, url: string, title: string): Promise<string> {
  const created = await subscribe(db, url, { now: T0 });
  if (!created.ok) throw new Error(created.error.message);
  await db.feeds.update(created.value.feed.id, { title });
  return created.value.feed.id;
}

const row = (feedId: string, n: number, extra: Partial<NotifiedArticle> = {}): NotifiedArticle => ({ id: `${feedId}:${n}`, feedId, title: `Post ${n}`, ...extra });

async function worded(db: BroadsheetDb, added: ReadonlyArray<string | NotifiedArticle>) {
  const { t } = createTranslator();
  return (await newArticleNotifications(db, added)).map((draft) => wordNotification(draft, t));
}

describe('newArticleNotifications', () => {
  it('words the rows it is given without reading them back, and reads back the ids it is given, in their order', async () => {
    const db = freshDb();
    const a = await feed(db, 'https://a.example/feed', 'Alpha');
    const b = await feed(db, 'https://b.example/feed', 'Beta');
    const merged = await mergeParsedFeed(db, b, parsedFeed([item(7, { title: 'Stored in b' })], { title: 'Beta' }), T0, () => ({}));
    // Feed a's rows exist only as given (as the engine hands them over after its commit): nothing to read back.
    const notes = await worded(db, [row(a, 1), row(a, 2, { hidden: 1 }), ...(merged?.added ?? []), 'no-such-article']);
    expect(notes).toEqual([
      expect.objectContaining({ title: 'Alpha', body: 'Post 1' }),
      expect.objectContaining({ title: 'Beta', body: 'Stored in b' }),
    ]);
  });

  it('announces rule matches with the notifications off, and nothing else', async () => {
    const db = freshDb();
    const a = await feed(db, 'https://a.example/feed', 'Alpha');
    await setSettings(db, { notifyNewArticles: false });
    const notes = await worded(db, [row(a, 1), row(a, 2, { ruleNotify: 1, title: 'Storm warning' })]);
    expect(notes).toEqual([expect.objectContaining({ title: 'Alpha', body: 'Storm warning' })]);
  });

  it('leaves out the rows of a feed unsubscribed before the run ended', async () => {
    const db = freshDb();
    const a = await feed(db, 'https://a.example/feed', 'Alpha');
    const b = await feed(db, 'https://b.example/feed', 'Beta');
    await unsubscribe(db, a);
    expect(await worded(db, [row(a, 1), row(b, 1)])).toEqual([expect.objectContaining({ title: 'Beta', body: 'Post 1' })]);
  });

  it('keeps of a row only what the notifications read', () => {
    const full = { id: 'f:1', feedId: 'f', title: 'T', hidden: 1 as const, summary: 'long', read: 0 };
    expect(notifiedArticle(full)).toEqual({ id: 'f:1', feedId: 'f', title: 'T', hidden: 1 });
    expect(notifiedArticle({ id: 'f:2', feedId: 'f', title: 'U' })).toEqual({ id: 'f:2', feedId: 'f', title: 'U' });
  });
});
