/**
 * Walks tests/fixtures/feeds: every NAME.expected.json names the options and the expected ParsedFeed subset (or the
 * FeedParseError reason) for the input file NAME.<ext> next to it. Inputs are fed as raw bytes, as the HTTP layer does.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FeedParseError, parseFeed } from '../../../../shared/feeds';

const dir = join(__dirname, '../../../fixtures/feeds');
const files = readdirSync(dir);

interface Expectation {
  url: string;
  contentType?: string;
  /** Response headers the HTTP layer passes on. */
  contentLocation?: string;
  contentLanguage?: string;
  now: number;
  feed?: Record<string, unknown>;
  error?: string;
}

const cases = files
  .filter((f) => f.endsWith('.expected.json'))
  .map((f) => {
    const name = f.slice(0, -'.expected.json'.length);
    const input = files.find((g) => g !== f && g.startsWith(`${name}.`) && !g.endsWith('.expected.json'));
    return { name, input, expected: JSON.parse(readFileSync(join(dir, f), 'utf8')) as Expectation };
  });

describe('feed fixtures', () => {
  it('has at least 150 cases, each with an input file', () => {
    expect(cases.length).toBeGreaterThanOrEqual(150);
    expect(cases.filter((c) => c.input === undefined).map((c) => c.name)).toEqual([]);
  });

  it.each(cases)('$name', ({ input, expected }) => {
    const bytes = new Uint8Array(readFileSync(join(dir, input!)));
    const options = {
      url: expected.url,
      now: expected.now,
      ...(expected.contentType ? { contentType: expected.contentType } : {}),
      ...(expected.contentLocation ? { contentLocation: expected.contentLocation } : {}),
      ...(expected.contentLanguage ? { contentLanguage: expected.contentLanguage } : {}),
    };
    if (expected.error !== undefined) {
      let thrown: unknown;
      try {
        parseFeed(bytes, options);
      } catch (error) {
        thrown = error;
      }
      expect(thrown).toBeInstanceOf(FeedParseError);
      expect((thrown as FeedParseError).reason).toBe(expected.error);
      expect((thrown as FeedParseError).message.length).toBeGreaterThan(10);
      return;
    }
    const feed = parseFeed(bytes, options);
    expect(feed).toMatchObject(expected.feed ?? {});
  });
});
