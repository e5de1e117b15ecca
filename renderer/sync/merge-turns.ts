/**
 * The sync worker's side of renderer/library/person-turns.ts. While a person uses the library (the window announces
 * on the library's person channel each of their requests, and their reading input before any request: keys, clicks and
 * the wheel in the list or the reader), the engine takes the person lock (exclusive) before it creates each merge
 * transaction and lets it go once the transaction exists, so a person's request that holds or waits for the lock goes
 * first; the turn also tells the engine someone is near (MergeTurn.personNear), and it then merges in small
 * transactions (shared/sync/engine.ts). With nobody near, a merge does not ask for the lock at all: each ask is a round
 * trip to the browser process, measured at 46 ms median and up to 0.5 s during a cold sync on a loaded machine,
 * which the sync of a person who is not reading has no reason to pay. The window, for its part, asks for the lock only
 * while this worker's progress says it syncs: outside a run the only merge is a new subscription's first, one feed.
 */
import { NO_TURN, type MergeTurn } from '../../shared/sync';
import { personLockName } from '../library/person-turns';

/**
 * A merge waits this long at most for the people's requests: one that never ends (a read stuck behind a database
 * being closed) must not stop the sync. Past it the merge goes on without its turn, as if nobody took turns.
 */
const MOST_WAIT_MS = 10_000;
/** Merges take turns for this long after a person's request was announced. */
const NEAR_MS = 30_000;

export interface MergeTurnsOptions {
  locks: LockManager | undefined;
  /** The library's person channel (personLockName): a message on it is a person near (a request beginning, reading input). */
  channel: Pick<BroadcastChannel, 'addEventListener'> | undefined;
  now: () => number;
  mostWaitMs?: number;
}

/** The engine's mergeTurn; undefined without a lock manager or a channel (merges then never wait, as before). */
export function lockedMergeTurns(dbName: string, options: MergeTurnsOptions): (() => Promise<MergeTurn>) | undefined {
  const { locks, channel, now } = options;
  if (!locks || !channel) return undefined;
  const name = personLockName(dbName);
  const mostWaitMs = options.mostWaitMs ?? MOST_WAIT_MS;
  let heardAt = -Infinity;
  channel.addEventListener('message', () => (heardAt = now()));
  return () => {
    if (now() - heardAt >= NEAR_MS) return Promise.resolve(NO_TURN);
    return new Promise<MergeTurn>((resolve, reject) => {
      const hold = () => new Promise<void>((end) => resolve({ personNear: true, end: () => end() }));
      locks.request(name, { mode: 'exclusive', signal: AbortSignal.timeout(mostWaitMs) }, hold).catch(reject);
    });
  };
}
