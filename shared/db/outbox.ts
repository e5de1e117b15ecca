/**
 * The outbox: read/star changes made here on an account's articles, waiting for the account's server. Written by
 * the read-state functions inside their own transaction (so a change and its outbox row exist together or not at
 * all), pushed in order by the account sync (shared/accounts), and deleted once the server acknowledged them.
 */
import { accountOfId } from '../accounts/ids';
import type { BroadsheetDb, OutboxChange, OutboxRow } from './schema';

const fieldOf = (change: OutboxChange): 'read' | 'star' => (change === 'read' || change === 'unread' ? 'read' : 'star');

/**
 * Queues `change` for the account articles among `articleIds` (local ones are ignored). Must run inside a
 * transaction that includes `accounts` and `outbox`. An earlier unsent change of the same kind to the same article
 * is replaced: only the latest state has to reach the server, and the outbox stays small however often a person
 * toggles. A removed account's kept bookmarks have no account row: nothing is queued for them.
 */
export async function queueOutbox(db: BroadsheetDb, articleIds: readonly string[], change: OutboxChange, now: number): Promise<void> {
  const byAccount = new Map<string, string[]>();
  for (const id of articleIds) {
    const account = accountOfId(id);
    if (account === null) continue;
    const list = byAccount.get(account) ?? [];
    list.push(id);
    byAccount.set(account, list);
  }
  if (byAccount.size === 0) return;
  const accounts = await db.accounts.bulkGet([...byAccount.keys()]);
  const ids = accounts.flatMap((account) => (account && account.kind !== 'local' ? (byAccount.get(account.id) ?? []) : []));
  if (ids.length === 0) return;
  const field = fieldOf(change);
  const superseded = await db.outbox
    .where('articleId')
    .anyOf(ids)
    .filter((row) => !row.rejected && fieldOf(row.change) === field)
    .primaryKeys();
  if (superseded.length > 0) await db.outbox.bulkDelete(superseded);
  await db.outbox.bulkAdd(ids.map((articleId): OutboxRow => ({ accountId: accountOfId(articleId) as string, articleId, change, createdAt: now })));
}

/** Ids of an account's articles with a change not yet acknowledged: their local state wins over the server's. */
export async function pendingArticleIds(db: BroadsheetDb, accountId: string): Promise<Set<string>> {
  const rows = await db.outbox.where('accountId').equals(accountId).toArray();
  return new Set(rows.map((row) => row.articleId));
}
