/**
 * A person's requests and the sync's merges taking turns at the library through a Web Lock (the window's
 * renderer/library/person-turns.ts, the sync worker's renderer/sync/merge-turns.ts), on a lock manager that orders
 * requests as the Web Locks spec does: a merge waits for a person's request under way and learns that someone is
 * reading; a person's request waits for a merge only until its transaction exists; requests under way together share
 * one hold (one of them asking again never waits behind a merge); without locks everything runs as before.
 */
import { describe, expect, it, vi } from 'vitest';
import type { MergeTurn } from '../../../../shared/sync';
import { asPerson, personLockName } from '../../../../renderer/library/person-turns';
import { lockedMergeTurns } from '../../../../renderer/sync/merge-turns';
import { FakeLocks } from '../support/fake-locks';

let libraries = 0;
function setUp() {
  const name = `library-${libraries++}`;
  const fake = new FakeLocks();
  const locks = fake as unknown as LockManager;
  const turns = lockedMergeTurns(name, locks);
  if (!turns) throw new Error('a lock manager gives turns');
  return { db: { name }, lock: personLockName(name), fake, locks, turns };
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
    const { db, lock, fake, locks, turns } = setUp();
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
    expect(turn!.waitedForPerson).toBe(true);
    turn!.end();
    await vi.waitFor(() => expect(fake.query().held).toEqual([]));
  });

  it('gives a merge its turn at once when nobody is reading, and says so', async () => {
    const { fake, turns } = setUp();
    const turn = await turns();
    expect(turn.waitedForPerson).toBe(false);
    turn.end();
    await vi.waitFor(() => expect(fake.query().held).toEqual([]));
  });

  it('holds a person\'s request made during a merge\'s turn only until the merge passes it on', async () => {
    const { db, lock, fake, locks, turns } = setUp();
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
    const { db, lock, fake, locks, turns } = setUp();
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
    expect(turn.waitedForPerson).toBe(true);
    turn.end();
  });

  it('runs a person\'s request as before without a lock manager, or when it refuses, and gives merges no turns to wait for', async () => {
    expect(await asPerson({ name: 'no-locks' }, async () => 'read', undefined)).toBe('read');
    const refusing = { request: () => Promise.reject(new DOMException('no locks for this origin', 'SecurityError')) } as unknown as LockManager;
    expect(await asPerson({ name: 'refused' }, async () => 'still read', refusing)).toBe('still read');
    expect(lockedMergeTurns('no-locks', undefined)).toBeUndefined();
  });
});
