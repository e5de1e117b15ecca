/**
 * 2,000 seeded random mutations of the feed fixtures: parseFeed must only ever throw FeedParseError, finish each parse
 * well under a second, and return only absolute, non-script URLs.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FeedParseError, parseFeed, type ParsedFeed } from '../../../../shared/feeds';
import { mulberry32 } from '../../../support/random';

const dir = join(__dirname, '../../../fixtures/feeds');
const inputs = readdirSync(dir)
  .filter((f) => !f.endsWith('.expected.json') && !f.endsWith('.mjs'))
  .map((f) => new Uint8Array(readFileSync(join(dir, f))))
  .filter((bytes) => bytes.length < 100_000);

const SNIPPETS = [
  '<', '>', '&', '&amp;', '&#0;', '&#xD800;', '&nbsp', ']]>', '<![CDATA[', '</item>', '<item>', '<entry>', '</channel>',
  '<link>javascript:alert(1)</link>', '<link>//x</link>', ' xml:base="javascript:x" ', ' xml:base="../" ', '<enclosure url="data:x"/>',
  '<media:thumbnail url="vbscript:x"/>', '<link href="?q"/>', '"', "'", '\u0000', '\uFEFF', '<?xml encoding="shift_jis"?>',
  '<!DOCTYPE x [<!ENTITY a "&a;&a;">]>', '<x><y><z>', '<title>', '</title>', '{"version":"https://jsonfeed.org/version/1.1","items":[{"url":"javascript:x"}]}',
];

function mutate(input: Uint8Array, random: () => number): Uint8Array {
  let bytes = Array.from(input);
  const count = 1 + Math.floor(random() * 6);
  for (let i = 0; i < count; i++) {
    const at = Math.floor(random() * (bytes.length + 1));
    const op = Math.floor(random() * 6);
    if (op === 0) bytes.splice(at, Math.floor(random() * 40));
    else if (op === 1) bytes.splice(at, 0, ...new TextEncoder().encode(SNIPPETS[Math.floor(random() * SNIPPETS.length)]!));
    else if (op === 2) bytes.splice(at, 0, ...Array.from({ length: 1 + Math.floor(random() * 8) }, () => Math.floor(random() * 256)));
    else if (op === 3) bytes = bytes.slice(0, at);
    else if (op === 4) {
      const len = Math.floor(random() * 200);
      bytes.splice(at, 0, ...bytes.slice(at, at + len));
    } else if (bytes.length > 0) bytes[at % bytes.length] = Math.floor(random() * 256);
  }
  return Uint8Array.from(bytes);
}

function urlsOf(feed: ParsedFeed): string[] {
  const urls = [feed.siteUrl, feed.selfUrl, feed.imageUrl];
  for (const item of feed.items) {
    urls.push(item.url, item.imageUrl);
    for (const enclosure of item.enclosures) urls.push(enclosure.url);
  }
  return urls.filter((u): u is string => u !== undefined);
}

function isAbsoluteSafe(url: string): boolean {
  try {
    const parsed = new URL(url);
    return parsed.href === url && !['javascript:', 'data:', 'vbscript:'].includes(parsed.protocol);
  } catch {
    return false;
  }
}

describe('parseFeed on mutated fixtures', () => {
  it('throws only FeedParseError, never hangs, and returns only absolute URLs (2,000 mutations)', () => {
    expect(inputs.length).toBeGreaterThan(100);
    const random = mulberry32(20_240_615);
    let parsed = 0;
    let rejected = 0;
    let slowest = 0;
    for (let run = 0; run < 2000; run++) {
      const input = inputs[Math.floor(random() * inputs.length)]!;
      const body = mutate(input, random);
      const started = performance.now();
      try {
        const feed = parseFeed(body, { url: 'https://example.com/dir/feed.xml', now: Date.UTC(2025, 0, 1) });
        parsed++;
        const bad = urlsOf(feed).filter((u) => !isAbsoluteSafe(u));
        if (bad.length > 0) throw new Error(`run ${run}: bad URLs ${bad.join(' ')}`);
      } catch (error) {
        if (!(error instanceof FeedParseError)) throw new Error(`run ${run}: ${String(error)}`, { cause: error });
        rejected++;
      }
      slowest = Math.max(slowest, performance.now() - started);
    }
    expect(slowest).toBeLessThan(1000);
    expect(parsed + rejected).toBe(2000);
    expect(parsed).toBeGreaterThan(1000);
  });
});
