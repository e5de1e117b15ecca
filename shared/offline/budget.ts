/** Applies the storage budget to the library: plans with planEviction, deletes in one transaction. */
import type { BroadsheetDb } from '../db/schema';
import type { EvictionImage } from './eviction';
import { planEviction } from './eviction';

export interface BudgetOutcome {
  evicted: number;
  freedBytes: number;
  remainingBytes: number;
  overBudget: boolean;
}

export async function enforceStorageBudget(db: BroadsheetDb, budgetBytes: number): Promise<BudgetOutcome> {
  return db.transaction('rw', [db.images, db.articles], async () => {
    const images: EvictionImage[] = [];
    await db.images.each((row) => images.push({ url: row.url, articleId: row.articleId, bytes: row.bytes, storedAt: row.storedAt }));
    const ids = [...new Set(images.map((image) => image.articleId))];
    const rows = await db.articles.bulkGet(ids);
    const articles = new Map<string, { read: boolean; starred: boolean }>();
    for (const row of rows) if (row) articles.set(row.id, { read: row.read === 1, starred: row.starred === 1 });
    const plan = planEviction({ images, articles, budgetBytes });
    if (plan.evict.length > 0) await db.images.bulkDelete(plan.evict);
    return { evicted: plan.evict.length, freedBytes: plan.freedBytes, remainingBytes: plan.remainingBytes, overBudget: plan.overBudget };
  });
}
