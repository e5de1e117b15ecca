/**
 * m (and the reader's "Mark read"/"Mark unread") marks an article the other way from how it is shown, not from what
 * is stored: during a sync the article's mark-read-on-open may have been stored while the screen still shows it
 * unread (the list is read again only once the merges queued before it are done). The library is real (in memory);
 * the window's state is the part of it the command reads: the list as shown.
 */
import { describe, expect, it } from 'vitest';
import { markRead, subscribe } from '../../../../shared/db';
import { mergeParsedFeed } from '../../../../shared/sync/merge';
import { toggleRead } from '../../../../renderer/commands/article-actions';
import type { CommandContext } from '../../../../renderer/commands/command-context';
import { freshDb, items, parsedFeed, T0 } from '../../shared/db/test-db';

async function library() {
  const db = freshDb();
  const sub = await subscribe(db, 'https://news.example/feed.xml', { title: 'News' });
  if (!sub.ok) throw new Error(sub.error.message);
  await mergeParsedFeed(db, sub.value.feed.id, parsedFeed(items(2)), T0, () => ({}));
  const [id] = (await db.articles.toArray()).map((row) => row.id) as [string];
  return { db, id, feedId: sub.value.feed.id };
}

/** The window as the command sees it: the list shows `shown` (id → read). */
function windowShowing(db: CommandContext['db'], shown: Record<string, boolean>): CommandContext {
  const kept: string[] = [];
  return { db, shownList: { items: Object.entries(shown).map(([id, read]) => ({ id, read })), keep: (id: string) => kept.push(id) } } as unknown as CommandContext;
}

describe('toggleRead', () => {
  it('marks read an article the list shows unread, even when its mark-read-on-open is stored already', async () => {
    const { db, id, feedId } = await library();
    await markRead(db, [id]);
    await toggleRead(windowShowing(db, { [id]: false }), id);
    expect((await db.articles.get(id))?.read).toBe(1);
    expect((await db.feeds.get(feedId))?.unreadCount).toBe(1);
  });

  it('marks unread an article the list shows read, and follows the control used when it says how it is shown', async () => {
    const { db, id } = await library();
    await markRead(db, [id]);
    await toggleRead(windowShowing(db, { [id]: true }), id);
    expect((await db.articles.get(id))?.read).toBe(0);
    // The reader's button said "Mark read" (shown unread): read, whatever the list says.
    await toggleRead(windowShowing(db, { [id]: true }), id, false);
    expect((await db.articles.get(id))?.read).toBe(1);
  });

  it('toggles what is stored for an article not in the list', async () => {
    const { db, id } = await library();
    await toggleRead(windowShowing(db, {}), id);
    expect((await db.articles.get(id))?.read).toBe(1);
    await toggleRead(windowShowing(db, {}), id);
    expect((await db.articles.get(id))?.read).toBe(0);
  });
});
