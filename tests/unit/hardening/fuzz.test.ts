/**
 * The parsers that read strangers' text never crash, never hang and never return unsafe URLs: 10,000 seeded
 * mutations (scripts/fuzz.ts, 2,500 per target) plus fast-check's arbitrary strings. A failure prints the target
 * and case index; `npx tsx scripts/fuzz.ts --seed 20251125 --target <t>` reproduces it.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { discoverFeeds, FeedParseError, parseFeed, parseOpml } from '../../../shared/feeds';
import { parseSearchQuery } from '../../../shared/search/query';
import { FUZZ_TARGETS, runFuzzCampaign } from '../../../scripts/fuzz';

const SEED = 20251125;

describe('seeded fuzzing', () => {
  for (const target of FUZZ_TARGETS) {
    it(`${target} survives 2,500 mutated inputs (only its own error, < 1 s each, safe URLs)`, () => {
      const report = runFuzzCampaign({ casesPerTarget: 2_500, seed: SEED, targets: [target], limitMs: 1_000 });
      const stats = report.targets[0]!;
      console.info(`[fuzz] ${target}: ${stats.cases} cases, ${stats.accepted} accepted, ${stats.totalMs.toFixed(0)} ms total, slowest ${stats.slowestMs.toFixed(1)} ms`);
      expect(report.failures).toEqual([]);
      expect(stats.cases).toBe(2_500);
      // The mutations must mostly stay parseable, or the campaign would only exercise the first bytes.
      expect(stats.accepted).toBeGreaterThan(stats.cases / 2);
    });
  }

  it('reproduces the same cases from the same seed', () => {
    const a = runFuzzCampaign({ casesPerTarget: 50, seed: 7, targets: ['parseFeed'] });
    const b = runFuzzCampaign({ casesPerTarget: 50, seed: 7, targets: ['parseFeed'] });
    expect(a.targets[0]?.accepted).toBe(b.targets[0]?.accepted);
  });
});

describe('arbitrary strings (fast-check)', () => {
  const text = fc.oneof(fc.string({ unit: 'grapheme', maxLength: 200 }), fc.string({ unit: 'binary', maxLength: 200 }));

  it('parseFeed throws nothing but FeedParseError', () => {
    fc.assert(
      fc.property(text, (input) => {
        try {
          parseFeed(input, { url: 'https://example.com/feed.xml', now: 0 });
        } catch (thrown) {
          if (!(thrown instanceof FeedParseError)) throw thrown;
        }
      }),
      { numRuns: 250, seed: SEED },
    );
  });

  it('parseOpml, discoverFeeds and parseSearchQuery never throw', () => {
    fc.assert(
      fc.property(text, (input) => {
        parseOpml(input);
        discoverFeeds(input, 'https://example.com/page');
        const query = parseSearchQuery(input);
        expect(Array.isArray(query.words)).toBe(true);
      }),
      { numRuns: 250, seed: SEED },
    );
  });
});
