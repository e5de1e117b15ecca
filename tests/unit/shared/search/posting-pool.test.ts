import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { PostingPool } from '../../../../shared/search/posting-pool';

describe('posting pool', () => {
  it('gives back every appended doc and 3-bit value in order, across slices and multi-byte gaps', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.integer({ min: 0, max: 3 }), fc.integer({ min: 1, max: 300_000 }), fc.integer({ min: 0, max: 7 })), {
          maxLength: 400,
        }),
        (ops) => {
          const pool = new PostingPool();
          pool.ensureLists(4);
          const want: [number, number][][] = [[], [], [], []];
          const last = [-1, -1, -1, -1];
          for (const [list, gap, low] of ops) {
            const doc = last[list]! + gap;
            last[list] = doc;
            pool.append(list, doc, low, true);
            want[list]!.push([doc, low]);
          }
          for (let list = 0; list < 4; list++) {
            const docs = new Int32Array(pool.count[list]!);
            const lows = new Uint8Array(pool.count[list]!);
            const n = pool.decode(list, true, docs, lows);
            const decoded = Array.from(docs.subarray(0, n), (d, k) => [d, lows[k]!]);
            expect(decoded).toEqual(want[list]);
          }
        },
      ),
      { numRuns: 200 },
    );
  });

  it('survives a copy through its state, as a snapshot does', () => {
    const pool = new PostingPool();
    pool.ensureLists(1);
    for (let d = 0; d < 5000; d += 3) pool.append(0, d, 0, false);
    const copy = new PostingPool(pool.state());
    const docs = new Int32Array(copy.count[0]!);
    expect(copy.decode(0, false, docs, new Uint8Array(docs.length))).toBe(1667);
    expect(docs[1666]).toBe(4998);
  });
});
