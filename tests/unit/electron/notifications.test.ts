/**
 * The notifier keeps a shown notification referenced while it may be on screen (a collected Electron notification
 * loses its click handler), but not every notification of weeks of syncs: old ones are closed and let go.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import type { HostCommand } from '../../../shared/host';
import type { NotificationFactory } from '../../../electron/notifications';
import { createNotifier, KEEP_AT_MOST, KEEP_FOR_MS } from '../../../electron/notifications';
import { FakeNotification } from './fake-electron';

const HOUR = 60 * 60 * 1000;

function notifier() {
  let clock = Date.UTC(2026, 0, 5, 8);
  const sent: HostCommand[] = [];
  const notify = createNotifier({ Notification: FakeNotification as unknown as NotificationFactory, showWindow: () => undefined, send: (command) => void sent.push(command), now: () => clock });
  return { notify, sent, advance: (ms: number) => void (clock += ms) };
}

beforeEach(() => {
  FakeNotification.instances = [];
});

describe('notifications kept while they may be on screen', () => {
  it('closes and lets go of the oldest once weeks of syncs have shown more than it keeps, and the recent ones still open their article', () => {
    const { notify, sent, advance } = notifier();
    // Three weeks of syncs every half hour, each announcing one article.
    for (let n = 0; n < 3 * 7 * 48; n++) {
      notify({ title: `Feed ${n}`, body: 'News', articleId: `a${n}` });
      advance(HOUR / 2);
    }
    const shown = FakeNotification.instances;
    const open = shown.filter((note) => !note.closed);
    expect(open.length).toBeLessThanOrEqual(KEEP_AT_MOST);
    expect(open.length).toBeGreaterThan(0);
    // The ones kept are the newest, and a click on the newest still opens its article.
    expect(open).toEqual(shown.slice(shown.length - open.length));
    shown.at(-1)?.emit('click');
    expect(sent).toEqual([{ type: 'open-article', articleId: `a${shown.length - 1}` }]);
  });

  it('lets go of a notification older than a day at the next one, and of none younger', () => {
    const { notify, advance } = notifier();
    notify({ title: 'Morning', body: 'News', feedId: 'f1' });
    advance(KEEP_FOR_MS - HOUR);
    notify({ title: 'Next morning', body: 'News', feedId: 'f2' });
    expect(FakeNotification.instances.map((note) => note.closed)).toEqual([false, false]);
    advance(2 * HOUR);
    notify({ title: 'Later', body: 'News', feedId: 'f3' });
    expect(FakeNotification.instances.map((note) => note.closed)).toEqual([true, false, false]);
  });

  it('forgets a dismissed notification without closing it again', () => {
    const { notify, advance } = notifier();
    notify({ title: 'One', body: 'News', feedId: 'f1' });
    FakeNotification.instances[0]?.emit('close');
    advance(2 * KEEP_FOR_MS);
    notify({ title: 'Two', body: 'News', feedId: 'f2' });
    expect(FakeNotification.instances.map((note) => note.closed)).toEqual([false, false]);
  });
});
