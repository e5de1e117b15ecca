import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { planEviction, type EvictionImage } from '../../../../shared/offline';

const image = (url: string, articleId: string, bytes: number, storedAt: number): EvictionImage => ({ url, articleId, bytes, storedAt });

describe('planEviction', () => {
  const articles = new Map([
    ['read-old', { read: true, starred: false }],
    ['read-new', { read: true, starred: false }],
    ['unread', { read: false, starred: false }],
    ['starred', { read: true, starred: true }],
  ]);
  const images = [
    image('starred.png', 'starred', 100, 1),
    image('unread.png', 'unread', 100, 2),
    image('read-new.png', 'read-new', 100, 5),
    image('read-old.png', 'read-old', 100, 3),
    image('orphan.png', 'deleted-article', 100, 9),
  ];

  it('plans nothing under budget', () => {
    expect(planEviction({ images, articles, budgetBytes: 500 }).evict).toEqual([]);
  });

  it('evicts orphans, then read articles oldest first, then unread, until under budget', () => {
    expect(planEviction({ images, articles, budgetBytes: 250 }).evict).toEqual(['orphan.png', 'read-old.png', 'read-new.png']);
    expect(planEviction({ images, articles, budgetBytes: 150 }).evict).toEqual(['orphan.png', 'read-old.png', 'read-new.png', 'unread.png']);
  });

  it("never evicts a starred article's image, even when still over budget", () => {
    const plan = planEviction({ images, articles, budgetBytes: 0 });
    expect(plan.evict).not.toContain('starred.png');
    expect(plan).toMatchObject({ remainingBytes: 100, overBudget: true });
  });

  it('never evicts a feed icon, which belongs to no article', () => {
    const withIcon = [image('favicon:feed-1', '', 100, 0), ...images];
    const plan = planEviction({ images: withIcon, articles, budgetBytes: 0 });
    expect(plan.evict).not.toContain('favicon:feed-1');
    expect(plan.evict).toContain('orphan.png');
    expect(plan.remainingBytes).toBe(200);
  });

  it('counts other stored bytes against the budget', () => {
    expect(planEviction({ images, articles, budgetBytes: 500, otherBytes: 100 }).evict).toEqual(['orphan.png']);
  });

  it('for any library: starred images stay, and the rest fit the budget whenever they can', () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ bytes: fc.nat(1000), storedAt: fc.nat(100), article: fc.nat(5) }), { maxLength: 40 }),
        fc.nat(20_000),
        (rows, budget) => {
          const states = new Map([0, 1, 2, 3, 4].map((n) => [`a${n}`, { read: n % 2 === 0, starred: n === 3 }]));
          const list = rows.map((row, index) => image(`i${index}`, `a${row.article}`, row.bytes, row.storedAt));
          const plan = planEviction({ images: list, articles: states, budgetBytes: budget });
          const starredBytes = list.filter((i) => i.articleId === 'a3').reduce((n, i) => n + i.bytes, 0);
          expect(plan.evict.every((url) => list.find((i) => i.url === url)?.articleId !== 'a3')).toBe(true);
          if (starredBytes <= budget) expect(plan.remainingBytes).toBeLessThanOrEqual(budget);
        },
      ),
      { seed: 7, numRuns: 300 },
    );
  });
});
