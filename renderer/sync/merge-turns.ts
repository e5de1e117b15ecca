/**
 * The sync worker's side of renderer/library/person-turns.ts: before each merge transaction is created, the engine
 * takes the library's person lock (exclusive) and lets it go once the transaction exists, so a person's request that
 * holds or waits for the lock goes first. A merge that found the lock taken learns that someone is using the app
 * (MergeTurn.waitedForPerson), and the engine then merges in small transactions for a while (shared/sync/engine.ts).
 */
import type { MergeTurn } from '../../shared/sync';
import { personLockName } from '../library/person-turns';

/**
 * A merge waits this long at most for the people's requests: one that never ends (a read stuck behind a database
 * being closed) must not stop the sync. Past it the merge goes on without its turn, as if nobody took turns.
 */
const MOST_WAIT_MS = 10_000;

/** The engine's mergeTurn over `locks`; undefined without a lock manager (merges then never wait, as before). */
export function lockedMergeTurns(dbName: string, locks: LockManager | undefined, mostWaitMs = MOST_WAIT_MS): (() => Promise<MergeTurn>) | undefined {
  if (!locks) return undefined;
  const name = personLockName(dbName);
  return () =>
    new Promise<MergeTurn>((resolve, reject) => {
      let waitedForPerson = false;
      const hold = () =>
        new Promise<void>((end) => {
          resolve({ waitedForPerson, end: () => end() });
        });
      // Asked first without queueing: an answer of null says a person's request has the lock (or waits for it).
      locks
        .request(name, { mode: 'exclusive', ifAvailable: true }, (lock) => {
          if (lock) return hold();
          waitedForPerson = true;
          locks.request(name, { mode: 'exclusive', signal: AbortSignal.timeout(mostWaitMs) }, hold).catch(reject);
          return undefined;
        })
        .catch(reject);
    });
}
