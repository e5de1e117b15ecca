import { describe, expect, it } from 'vitest';
import { articlesToIndex, articlesToIndexInParts, TEXT_PER_MESSAGE } from '../../../../renderer/search/articles-to-index';
import { T0 } from '../../shared/db/test-db';
import { article } from './library-articles';

const row = (n: number, bodyChars: number) => ({
  article: article(n, T0, `Story ${n}`),
  content: { articleId: `feed1:${n}`, html: `<p>${'w'.repeat(bodyChars)}</p>`, enclosures: [], categories: [] },
});

describe('new articles as the sync worker hands them to the search worker', () => {
  it('splits a merge into messages of about TEXT_PER_MESSAGE characters, every article once and in order', () => {
    const rows = Array.from({ length: 60 }, (_, n) => row(n, n % 7 === 0 ? TEXT_PER_MESSAGE / 3 : 4_000 + 97 * n));
    const parts = articlesToIndexInParts(rows);
    expect(parts.length).toBeGreaterThan(3);
    // Put back together, the parts are the columns of the whole merge.
    const whole = articlesToIndex(rows);
    for (const key of Object.keys(whole) as Array<keyof typeof whole>) expect(parts.flatMap((part): unknown[] => part[key])).toEqual(whole[key]);
    for (const part of parts) {
      const text = (k: number) => part.titles[k]!.length + part.summaries[k]!.length + part.bodies[k]!.length;
      const total = part.ids.reduce((sum, _, k) => sum + text(k), 0);
      // Under the budget but for the article that reached it.
      expect(total - text(part.ids.length - 1)).toBeLessThan(TEXT_PER_MESSAGE);
    }
  });

  it('sends an article larger than a message alone, and nothing for no articles', () => {
    const parts = articlesToIndexInParts([row(1, 10), row(2, 2 * TEXT_PER_MESSAGE), row(3, 10)]);
    expect(parts.map((part) => part.ids)).toEqual([['feed1:1', 'feed1:2'], ['feed1:3']]);
    expect(articlesToIndexInParts([])).toEqual([]);
  });
});
