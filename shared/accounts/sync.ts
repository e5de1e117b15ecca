/**
 * Account sync: brings one remote account's library up to date, beside the feed sync engine and writing into the
 * same tables. Order per sync: push the outbox (so the server hears of local changes before its state is read back),
 * read the subscriptions, page through new items (one transaction per page, the cursor moved in it), then reconcile
 * read and starred state from the server's id lists. Pure: the database, the host and the clock are passed in.
 *
 * Failures stop the sync where they happen and are written on the account: nothing half-written (each page is one
 * transaction), and the next sync resumes from the last stored page. A refused password marks the account "sign in
 * again" and no request is made for it until the person signs in; Retry-After is honoured.
 */
import type { AccountCursors, AccountRow, BroadsheetDb } from '../db/schema';
import type { Host, HostError, HostResult } from '../host';
import { ok } from '../result';
import { compareIds, createFeverClient, FEVER_PAGE_SIZE } from './fever/client';
import { createGReaderClient, IDS_PER_EDIT } from './greader/client';
import type { AccountCall, ChangeBatch, RemoteItem, RemoteItemPage, RemoteSubscriptions } from './remote';
import { serviceVariants } from './services';
import { acknowledgeOutbox, applyStateLists, applySubscriptions, outboxBatches, rejectOutbox, storeItems } from './store';
import { coded } from '../i18n/errors';

export type AccountSyncHost = Pick<Host, 'accountRequest'>;

export interface AccountSyncOptions {
  db: BroadsheetDb;
  host: AccountSyncHost;
  now: () => number;
  /** Progress of a sync: items stored so far in this sync. */
  onProgress?: (progress: AccountSyncProgress) => void;
  /**
   * After each page commits, with the ids of articles new to the library (search index, offline images). `news` is
   * false for what the reader has not missed: a first sync's backlog, and older items the read/starred lists named.
   */
  onArticlesAdded?: (ids: string[], news: boolean) => void;
  /** Google Reader API items per page (default 500; Fever servers always send 50). */
  itemsPerPage?: number;
}

export interface AccountSyncProgress {
  accountId: string;
  phase: 'outbox' | 'subscriptions' | 'items' | 'states' | 'done';
  /** Articles stored so far in this sync. */
  items: number;
  /** On a first sync, how many items the server holds (the bar's end); null when unknown (incremental syncs are short). */
  total: number | null;
}

export type AccountSyncOutcome =
  | { accountId: string; status: 'ok'; added: number; pushed: number; rejected: number }
  | { accountId: string; status: 'error'; added: number; error: HostError }
  | { accountId: string; status: 'skipped'; reason: 'needs-sign-in' | 'rate-limited' | 'missing' };

/** The calls account sync makes, the same for both protocols. */
interface Protocol {
  subscriptions(): Promise<HostResult<RemoteSubscriptions>>;
  /** The next page of the current pass, and the cursors to store with it. */
  nextPage(cursors: AccountCursors, now: number): Promise<HostResult<{ page: RemoteItemPage; cursors: AccountCursors }>>;
  unreadIds(): Promise<HostResult<Set<string>>>;
  starredIds(): Promise<HostResult<Set<string>>>;
  itemsByIds(itemIds: readonly string[]): Promise<HostResult<RemoteItem[]>>;
  push(batch: ChangeBatch): Promise<HostResult<null>>;
  pushBatchSize: number;
  /** Unread counts per feed remote id, where the protocol has them (Google Reader API's unread-count). */
  unreadCounts?(): Promise<HostResult<Map<string, number>>>;
  /** A first sync's item count where it costs one light call (null: the pages will say, or nobody knows). */
  firstSyncTotal(cursors: AccountCursors): Promise<number | null>;
}

/** Google Reader API: newest first with continuation, limited by `ot` after the first pass. */
function greaderProtocol(call: AccountCall, itemsPerPage: number | undefined): Protocol {
  const client = createGReaderClient(call, itemsPerPage);
  return {
    ...client,
    pushBatchSize: IDS_PER_EDIT,
    async firstSyncTotal(cursors) {
      if (cursors.itemsSince !== undefined) return null;
      const count = await client.itemCount();
      return count.ok ? count.value : null;
    },
    async nextPage(cursors, now) {
      const pass = cursors.pass ?? { startedAt: now, continuation: '' };
      // `ot` stays the same for every page of a pass; continuation walks it.
      const answer = await client.itemPage(cursors.itemsSince ?? null, pass.continuation || null);
      if (!answer.ok) return answer;
      const page = answer.value;
      // The next pass asks for what the server stored since the newest item of this one (by its clock, not ours).
      const newestSeen = Math.max(pass.newestSeen ?? 0, ...page.items.map((i) => Math.floor((i.crawledAt ?? 0) / 1000)));
      const next: AccountCursors =
        page.next === null
          ? { ...cursors, itemsSince: newestSeen > 0 ? newestSeen : (cursors.itemsSince ?? Math.floor(pass.startedAt / 1000)), pass: null }
          : { ...cursors, pass: { startedAt: pass.startedAt, continuation: page.next, newestSeen } };
      return ok({ page, cursors: next });
    },
  };
}

/** Fever: oldest first from the highest id stored. */
function feverProtocol(call: AccountCall): Protocol {
  const client = createFeverClient(call);
  return {
    ...client,
    pushBatchSize: FEVER_PAGE_SIZE,
    // Fever's item pages carry total_items.
    firstSyncTotal: async () => null,
    async nextPage(cursors) {
      const since = cursors.sinceId ?? '0';
      const answer = await client.itemPage(since);
      if (!answer.ok) return answer;
      const page = answer.value;
      const sinceId = page.next !== null && compareIds(page.next, since) > 0 ? page.next : since;
      return ok({ page, cursors: { ...cursors, sinceId } });
    },
  };
}

export interface AccountSync {
  /** Syncs one account; a second call while it runs joins the first. */
  syncAccount(accountId: string): Promise<AccountSyncOutcome>;
  /** Syncs every remote account, one after another. */
  syncAccounts(): Promise<AccountSyncOutcome[]>;
}

export function createAccountSync(options: AccountSyncOptions): AccountSync {
  const { db, host, now } = options;
  const running = new Map<string, Promise<AccountSyncOutcome>>();

  function progress(accountId: string, phase: AccountSyncProgress['phase'], items: number, total: number | null = null): void {
    try {
      options.onProgress?.({ accountId, phase, items, total });
    } catch {
      // A broken listener must not stop a sync.
    }
  }

  async function fail(account: AccountRow, error: HostError, added: number): Promise<AccountSyncOutcome> {
    await db.accounts.update(account.id, {
      lastError: error,
      needsSignIn: error.kind === 'unauthorized' ? 1 : account.needsSignIn,
      retryAt: error.kind === 'rate-limited' && error.retryAt !== undefined ? error.retryAt : 0,
    });
    return { accountId: account.id, status: 'error', added, error };
  }

  async function run(accountId: string): Promise<AccountSyncOutcome> {
    const account = await db.accounts.get(accountId);
    if (!account || account.kind === 'local' || account.service === 'local') return { accountId, status: 'skipped', reason: 'missing' };
    if (account.needsSignIn) return { accountId, status: 'skipped', reason: 'needs-sign-in' };
    if (account.retryAt > now()) return { accountId, status: 'skipped', reason: 'rate-limited' };
    const call: AccountCall = (request) => host.accountRequest(accountId, request);
    const protocol = serviceVariants[account.service].protocol === 'fever' ? feverProtocol(call) : greaderProtocol(call, options.itemsPerPage);
    let added = 0;

    // 1. The outbox, in order. A change the server refuses (4xx) is kept as rejected; anything else stops the sync.
    progress(accountId, 'outbox', 0);
    let pushed = 0;
    let rejected = 0;
    for (const batch of await outboxBatches(db, accountId, protocol.pushBatchSize)) {
      const answer = await protocol.push(batch);
      if (answer.ok) {
        await acknowledgeOutbox(db, batch.seqs);
        pushed += batch.seqs.length;
      } else if (isRefusal(answer.error)) {
        await rejectOutbox(db, batch.seqs, answer.error.message);
        rejected += batch.seqs.length;
      } else return fail(account, answer.error, added);
    }

    // 2. Subscriptions and folders.
    progress(accountId, 'subscriptions', 0);
    const subscriptions = await protocol.subscriptions();
    if (!subscriptions.ok) return fail(account, subscriptions.error, added);
    await applySubscriptions(db, accountId, subscriptions.value, now());

    // 3. New items, page by page; each page and the cursor after it in one transaction.
    // The next page is asked for while this one is stored (pages are still stored in order, each with its cursor).
    // A first sync learns how many items are coming (for its progress bar) while the first page is on its way; a
    // resumed first sync counts what the interrupted one stored.
    const firstSync = account.cursors.itemsSince === undefined && account.cursors.sinceId === undefined;
    let total: number | null = null;
    let stored = 0;
    const counting = firstSync
      ? Promise.all([protocol.firstSyncTotal(account.cursors), account.cursors.pass ? db.articles.where('id').startsWith(`${accountId}/`).count() : 0]).then(([count, before]) => {
          if (count !== null) total = count;
          stored = before;
        })
      : Promise.resolve();
    let request = protocol.nextPage(account.cursors, now());
    for (;;) {
      const answer = await request;
      if (!answer.ok) return fail(account, answer.error, added);
      const { page, cursors } = answer.value;
      if (page.next !== null) request = protocol.nextPage(cursors, now());
      const ids = await storeItems(db, accountId, page.items, cursors, now());
      added += ids.length;
      if (ids.length > 0) notifyAdded(ids, account.lastSyncAt !== null);
      await counting;
      if (firstSync && total === null && page.total !== undefined) total = page.total;
      progress(accountId, 'items', stored + added, total === null ? null : Math.max(total, stored + added));
      if (page.next === null) break;
    }

    // 4. Read and starred state from the id lists, and the older items those lists name that are not here yet.
    // The unread list is the big one (every unread id, 10,000s); where the server's per-feed unread counts equal ours
    // (nothing pending here), nothing was read or unread elsewhere and the list is skipped. Counts cannot see one item
    // read and another unread in the same feed between two syncs, so the full list is still read at least every
    // FULL_STATES_EVERY_MS. The starred list is read every time (small, and a count would not show a swap either).
    progress(accountId, 'states', stored + added, total);
    const checkedAt = account.cursors.statesCheckedAt ?? 0;
    const mayTrustCounts = protocol.unreadCounts !== undefined && now() - checkedAt < FULL_STATES_EVERY_MS && (await db.outbox.where('accountId').equals(accountId).count()) === 0;
    const [counts, starred, fullUnread] = await Promise.all([
      mayTrustCounts ? protocol.unreadCounts?.() : undefined,
      protocol.starredIds(),
      mayTrustCounts ? undefined : protocol.unreadIds(),
    ]);
    if (!starred.ok) return fail(account, starred.error, added);
    let unread = fullUnread;
    if (!unread && !(counts?.ok && (await unreadCountsMatch(db, accountId, counts.value)))) unread = await protocol.unreadIds();
    if (unread && !unread.ok) return fail(account, unread.error, added);
    const missing = await applyStateLists(db, accountId, unread ? unread.value : null, starred.value, now());
    if (missing.length > 0) {
      const items = await protocol.itemsByIds(missing);
      if (!items.ok) return fail(account, items.error, added);
      const ids = await storeItems(db, accountId, items.value, null, now());
      added += ids.length;
      if (ids.length > 0) notifyAdded(ids, false);
    }

    const cursors = (await db.accounts.get(accountId))?.cursors ?? account.cursors;
    await db.accounts.update(accountId, {
      lastSyncAt: now(),
      lastError: null,
      retryAt: 0,
      ...(unread ? { cursors: { ...cursors, statesCheckedAt: now() } } : {}),
    });
    progress(accountId, 'done', stored + added, total);
    return { accountId, status: 'ok', added, pushed, rejected };
  }

  function notifyAdded(ids: string[], news: boolean): void {
    try {
      options.onArticlesAdded?.(ids, news);
    } catch {
      // Listeners (search index, offline images) must not break the sync.
    }
  }

  function syncAccount(accountId: string): Promise<AccountSyncOutcome> {
    const current = running.get(accountId);
    if (current) return current;
    const started = run(accountId)
      .catch(async (e: unknown): Promise<AccountSyncOutcome> => {
        const error: HostError = {
          kind: 'unavailable',
          ...(e instanceof Error && e.name === 'QuotaExceededError'
            ? coded('errors.library.diskFull', 'The disk is full: new articles could not be stored, and nothing stored was lost.')
            : coded('errors.library.updateFailed', 'The library could not be updated.')),
        };
        await db.accounts.update(accountId, { lastError: error }).catch(() => undefined);
        return { accountId, status: 'error', added: 0, error };
      })
      .finally(() => running.delete(accountId));
    running.set(accountId, started);
    return started;
  }

  return {
    syncAccount,
    async syncAccounts() {
      const accounts = (await db.accounts.orderBy('position').toArray()).filter((a) => a.kind !== 'local');
      const outcomes: AccountSyncOutcome[] = [];
      for (const account of accounts) outcomes.push(await syncAccount(account.id));
      return outcomes;
    },
  };
}

/** How long read state may rest on unread counts alone before the full unread list is read again. */
export const FULL_STATES_EVERY_MS = 60 * 60_000;

/** Whether every feed of the account has as many unread articles here as the server counts (a feed it omits counts 0). */
async function unreadCountsMatch(db: BroadsheetDb, accountId: string, counts: ReadonlyMap<string, number>): Promise<boolean> {
  const feeds = await db.feeds.where('accountId').equals(accountId).toArray();
  const known = new Set<string>();
  for (const feed of feeds) {
    if (!feed.remoteId) return false;
    known.add(feed.remoteId);
    if ((counts.get(feed.remoteId) ?? 0) !== feed.unreadCount) return false;
  }
  // Unread items of a feed not here yet: the full list fetches them.
  for (const [remoteId, n] of counts) if (n > 0 && !known.has(remoteId)) return false;
  return true;
}

/** A 4xx other than 401/429: the server understood and said no. Worth keeping as rejected, not retrying. */
function isRefusal(error: HostError): boolean {
  return error.kind === 'http' && error.status !== undefined && error.status >= 400 && error.status < 500 && error.status !== 408;
}
