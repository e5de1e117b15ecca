/**
 * A person's reads and writes of the library go before the sync's next merge. IndexedDB runs transactions over the
 * same tables in the order they were created, and during a cold sync the sync worker keeps merges of up to 3,000
 * articles queued back to back: an article opened or a read mark made waited for all of them, seconds at a time. So
 * while a sync is under way the window holds a Web Lock (shared: a person's requests never wait for each other) while
 * a person's request runs, and says a person is near on a BroadcastChannel of the same name; while one is, the sync
 * worker takes the lock (exclusive, for an instant) before it creates each merge transaction
 * (renderer/sync/merge-turns.ts): a person's request waits for the merge already queued, never for the ones after it.
 * A Web Lock because it is the one platform API that orders requests across the window and its workers (Chromium and
 * Electron's renderer alike); without one (an old engine, an origin that may not lock) the request simply runs, as
 * before.
 *
 * With no sync under way nothing can contend, and the request does not ask the lock manager at all: each ask is a
 * round trip to the browser process (~2 ms on a quiet machine, up to 0.5 s on a loaded one) that an idle open paid for
 * nothing. The window learns a sync started or ended from its sync worker's progress (syncUnderWay, told by
 * renderer/sync/start-sync-worker.ts), which says so when the run begins, before its first fetch and so well before its
 * first merge, and once its last merge has committed. A request that begins in the instant between the worker starting
 * a run and the window hearing it runs unordered, as every request did before these turns: it may wait behind a merge
 * queued meanwhile, nothing worse. A sync run by another window of the same library (a second tab of the browser host)
 * is not heard here: its merges still turn small once this window's person is announced, but this window's requests
 * are not ordered before them.
 *
 * The announcement goes out whether or not a sync runs, and also on a person's input that comes before any request
 * (reading keys, a click or the wheel in the list or the reader: sayPersonNear), so a sync started meanwhile, or
 * running already, is taking small turns by the time the first article is opened.
 */

/** The lock a person's requests share and each merge takes, and the channel that says a person is near; one per library (the database's name). */
export function personLockName(dbName: string): string {
  return `broadsheet:person:${dbName}`;
}

interface Hold {
  /** Requests running under this hold. */
  count: number;
  /** Resolves when the lock is held (or could not be had: the requests then run without it). */
  granted: Promise<void>;
  release: () => void;
}

/** The window's hold of each library's lock: every request under way shares one, so they never queue behind a merge between them. */
const holds = new Map<string, Hold>();

/** The libraries a sync is under way in, as this window's sync worker last said (by person lock name). */
const syncing = new Set<string>();

/**
 * Tells the window whether its sync worker is syncing library `dbName` (its progress' `running`): a person's requests
 * take turns with the merges only meanwhile.
 */
export function syncUnderWay(dbName: string, running: boolean): void {
  if (running) syncing.add(personLockName(dbName));
  else syncing.delete(personLockName(dbName));
}

/**
 * Says a person is near library `db` before any request of theirs: they are reading the list or an article (keys,
 * clicks, the wheel), so the sync's merges turn small before the first article they open waits behind a big one.
 */
export function sayPersonNear(db: { name: string }): void {
  announce(personLockName(db.name));
}

/**
 * Runs `work`, a person's read or write of library `db` (opening an article, a read mark, a bookmark), before any merge
 * the sync worker has not yet queued. Requests under way at once share one hold; `work` may call asPerson again.
 */
export async function asPerson<T>(db: { name: string }, work: () => Promise<T>, locks: LockManager | undefined = globalThis.navigator?.locks): Promise<T> {
  const name = personLockName(db.name);
  announce(name);
  if (!locks || !syncing.has(name)) return work();
  let hold = holds.get(name);
  if (!hold) hold = take(name, locks);
  hold.count++;
  try {
    await hold.granted;
    return await work();
  } finally {
    hold.count--;
    if (hold.count === 0) letGo(name, hold);
  }
}

/** The library's person channels (one per database), and when each last said a person's request began. */
const channels = new Map<string, { channel: BroadcastChannel; saidAt: number }>();
/** A person using the app makes requests in bursts (an article, its neighbours, its read mark): said once a second at most. */
const SAY_EVERY_MS = 1_000;

/**
 * Tells the sync worker a person is near (renderer/sync/merge-turns.ts): merges take turns only while one is, so a
 * sync nobody reads during never waits for the lock manager.
 */
function announce(name: string): void {
  if (typeof BroadcastChannel !== 'function') return;
  let entry = channels.get(name);
  if (!entry) {
    entry = { channel: new BroadcastChannel(name), saidAt: -Infinity };
    channels.set(name, entry);
  }
  const now = Date.now();
  if (now - entry.saidAt < SAY_EVERY_MS) return;
  entry.saidAt = now;
  entry.channel.postMessage('person');
}

function take(name: string, locks: LockManager): Hold {
  let release = () => {};
  const held = new Promise<void>((resolve) => (release = resolve));
  let granted = () => {};
  const hold: Hold = { count: 0, granted: new Promise<void>((resolve) => (granted = resolve)), release };
  holds.set(name, hold);
  locks
    .request(name, { mode: 'shared' }, () => {
      granted();
      return held;
    })
    // Refused (an origin without locks): the work goes on without it.
    .catch(() => granted());
  return hold;
}

/**
 * Lets the lock go a task after the last request ends, not at once: a write's commit sets off the window's reads of
 * what it changed (the list row and the reader showing the new read mark), begun in the task after it, and they too
 * go before the next merge rather than wait for it.
 */
function letGo(name: string, hold: Hold): void {
  setTimeout(() => {
    if (hold.count > 0) return;
    if (holds.get(name) === hold) holds.delete(name);
    hold.release();
  }, 0);
}
