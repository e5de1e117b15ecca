/**
 * A person's requests and the sync's merges taking turns at the library through a Web Lock (the window's
 * renderer/library/person-turns.ts, the sync worker's renderer/sync/merge-turns.ts), on a lock manager that orders
 * requests as the Web Locks spec does: while a person is near (a request announced lately) a merge waits for a
 * person's request under way and says someone is reading; with nobody near it does not ask for the lock; a person's
 * request waits for a merge only until its transaction exists; requests under way together share one hold (one of them
 * asking again never waits behind a merge); with no sync under way a person's request asks the lock manager nothing
 * (nothing could contend) but is still announced; without locks everything runs as before.
 */
import { describe, expect, it, vi } from 'vitest';
import type { MergeTurn } from '../../../../shared/sync';
import { asPerson, personLockName, syncUnderWay } from '../../../../renderer/library/person-turns';
import { lockedMergeTurns } from '../../../../renderer/sync/merge-turns';
import { FakeLocks } from '../support/fake-locks';

let libraries = 0;
function setUp() {
  const name = `library-${libraries++}`;
  const fake = new FakeLocks();
  const locks = fake as unknown as LockManager;
  // The person channel, told by the test when a person's request is announced (asPerson's own goes to a real one).
  let heard = () => {};
  const channel = { addEventListener: (_type: string, listener: () => void) => void (heard = listener) } as unknown as Pick<BroadcastChannel, 'addEventListener'>;
  const time = { now: 0 };
  const turns = lockedMergeTurns(name, { locks, channel, now: () => time.now });
  if (!turns) throw new Error('a lock manager gives turns');
  // The window's sync worker says it is syncing: the turns below are taken while a sync merges.
  syncUnderWay(name, true);
  return { db: { name }, lock: personLockName(name), fake, locks, turns, hear: () => heard(), time };
}

/** A person's request that ends when the test says. */
function pending<T>(value: T): { work: () => Promise<T>; started: () => boolean; finish: () => void } {
  let started = false;
  let finish = () => {};
  const done = new Promise<T>((resolve) => (finish = () => resolve(value)));
  return {
    work: () => {
      started = true;
      return done;
    },
    started: () => started,
    finish: () => finish(),
  };
}

describe('a person and the sync taking turns at the library', () => {
  it('makes a merge wait for a person\'s request under way, tells it someone is reading, and lets it go after', async () => {
    const { db, lock, fake, locks, turns, hear } = setUp();
    hear();
    const reading = pending('the article');
    const read = asPerson(db, reading.work, locks);
    await vi.waitFor(() => expect(reading.started()).toBe(true));
    let turn: MergeTurn | null = null;
    const asked = turns().then((t) => (turn = t));
    await vi.waitFor(() => expect(fake.query().pending).toEqual([{ name: lock, mode: 'exclusive' }]));
    expect(turn).toBeNull();
    reading.finish();
    expect(await read).toBe('the article');
    await asked;
    expect(turn!.personNear).toBe(true);
    turn!.end();
    await vi.waitFor(() => expect(fake.query().held).toEqual([]));
  });

  it('gives a merge its turn at once when no request is under way, and asks nothing of the lock manager with nobody near', async () => {
    const { fake, turns, hear, time } = setUp();
    hear();
    const turn = await turns();
    expect(turn.personNear).toBe(true);
    turn.end();
    await vi.waitFor(() => expect(fake.query().held).toEqual([]));
    // Half a minute after the last request announced, nobody is near: the merge does not even ask the lock manager.
    time.now += 30_000;
    const alone = turns();
    expect(fake.query()).toEqual({ held: [], pending: [] });
    expect((await alone).personNear).toBe(false);
  });

  it('announces a person\'s request on the library\'s channel, where the sync worker hears it', async () => {
    const { db, locks } = setUp();
    const listener = new BroadcastChannel(personLockName(db.name));
    const heard = new Promise<unknown>((resolve) => (listener.onmessage = (event) => resolve(event.data)));
    await asPerson(db, async () => 'read', locks);
    expect(await heard).toBe('person');
    listener.close();
  });

  it('holds a person\'s request made during a merge\'s turn only until the merge passes it on', async () => {
    const { db, lock, fake, locks, turns, hear } = setUp();
    hear();
    const turn = await turns();
    const reading = pending(1);
    const read = asPerson(db, reading.work, locks);
    await vi.waitFor(() => expect(fake.query().pending).toEqual([{ name: lock, mode: 'shared' }]));
    expect(reading.started()).toBe(false);
    turn.end();
    await vi.waitFor(() => expect(reading.started()).toBe(true));
    reading.finish();
    expect(await read).toBe(1);
  });

  it('lets requests under way together share one hold: one asking again does not wait behind a merge asking meanwhile', async () => {
    const { db, lock, fake, locks, turns, hear } = setUp();
    hear();
    const outer = pending('outer');
    const first = asPerson(db, outer.work, locks);
    await vi.waitFor(() => expect(outer.started()).toBe(true));
    const asked = turns();
    await vi.waitFor(() => expect(fake.query().pending).toEqual([{ name: lock, mode: 'exclusive' }]));
    // Another request of the person's while the merge waits (a read mark while the article is read): it goes at once.
    expect(await asPerson(db, async () => 'mark', locks)).toBe('mark');
    expect(fake.query().held).toEqual([{ name: lock, mode: 'shared' }]);
    outer.finish();
    expect(await first).toBe('outer');
    const turn = await asked;
    expect(turn.personNear).toBe(true);
    turn.end();
  });

  it('asks the lock manager nothing while no sync is under way, yet still announces the person; asks again once one starts', async () => {
    const { db, lock, fake, locks } = setUp();
    syncUnderWay(db.name, false);
    const asked = vi.spyOn(fake, 'request');
    const listener = new BroadcastChannel(lock);
    const heard = new Promise<unknown>((resolve) => (listener.onmessage = (event) => resolve(event.data)));
    const reading = pending('the article');
    const read = asPerson(db, reading.work, locks);
    await vi.waitFor(() => expect(reading.started()).toBe(true));
    expect(fake.query()).toEqual({ held: [], pending: [] });
    reading.finish();
    expect(await read).toBe('the article');
    expect(await heard).toBe('person');
    expect(asked).not.toHaveBeenCalled();
    listener.close();

    // The sync starts: the person's next request holds the lock while it runs, and lets it go once the sync has ended.
    syncUnderWay(db.name, true);
    const marking = pending('the mark');
    const mark = asPerson(db, marking.work, locks);
    await vi.waitFor(() => expect(marking.started()).toBe(true));
    expect(fake.query().held).toEqual([{ name: lock, mode: 'shared' }]);
    marking.finish();
    expect(await mark).toBe('the mark');
    await vi.waitFor(() => expect(fake.query().held).toEqual([]));
    syncUnderWay(db.name, false);
    expect(await asPerson(db, async () => 'after', locks)).toBe('after');
    expect(asked).toHaveBeenCalledTimes(1);
  });

  it('runs a person\'s request as before without a lock manager, or when it refuses, and gives merges no turns to wait for', async () => {
    expect(await asPerson({ name: 'no-locks' }, async () => 'read', undefined)).toBe('read');
    const refusing = { request: () => Promise.reject(new DOMException('no locks for this origin', 'SecurityError')) } as unknown as LockManager;
    syncUnderWay('refused', true);
    expect(await asPerson({ name: 'refused' }, async () => 'still read', refusing)).toBe('still read');
    const channel = { addEventListener: () => undefined };
    expect(lockedMergeTurns('no-locks', { locks: undefined, channel, now: Date.now })).toBeUndefined();
    expect(lockedMergeTurns('no-channel', { locks: new FakeLocks() as unknown as LockManager, channel: undefined, now: Date.now })).toBeUndefined();
  });
});
