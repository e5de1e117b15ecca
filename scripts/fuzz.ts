/**
 * A seeded fuzzing campaign over the parsers that read strangers' text: parseFeed, parseOpml, discoverFeeds and
 * parseSearchQuery. Each case mutates a seed input (the feed/OPML fixtures, a few HTML pages, typical queries) with
 * byte edits and target-specific dictionary snippets; a case fails when the target throws anything but its allowed
 * error (FeedParseError for parseFeed only), takes longer than the per-case limit, or returns an unsafe URL
 * (relative or script-capable; OPML subscriptions must be http(s)).
 *
 *   npx tsx scripts/fuzz.ts --cases 200000 --seed 7 [--target parseFeed] [--limit-ms 1000]
 *
 * The unit test (tests/unit/hardening/fuzz.test.ts) runs the same campaign with 10,000 cases.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { discoverFeeds, FeedParseError, parseFeed, parseOpml, type ParsedFeed } from '../shared/feeds';
import { parseSearchQuery } from '../shared/search/query';
import { mulberry32 } from '../tests/support/random';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

export type FuzzTarget = 'parseFeed' | 'parseOpml' | 'discoverFeeds' | 'parseSearchQuery';
export const FUZZ_TARGETS: readonly FuzzTarget[] = ['parseFeed', 'parseOpml', 'discoverFeeds', 'parseSearchQuery'];

export interface FuzzOptions {
  /** Cases per target. */
  casesPerTarget: number;
  seed: number;
  targets?: readonly FuzzTarget[];
  /** A case slower than this is a failure (a hang, or super-linear work). */
  limitMs?: number;
  /** Stop collecting after this many failures. */
  maxFailures?: number;
}

export interface FuzzFailure {
  target: FuzzTarget;
  /** Reproduce with the same seed and target: the case index. */
  caseIndex: number;
  problem: string;
  /** The first 300 characters of the input. */
  input: string;
}

export interface FuzzTargetReport {
  target: FuzzTarget;
  cases: number;
  /** Inputs the target accepted (did not reject with its allowed error). */
  accepted: number;
  slowestMs: number;
  totalMs: number;
}

export interface FuzzReport {
  targets: FuzzTargetReport[];
  failures: FuzzFailure[];
}

const XML_SNIPPETS = [
  '<', '>', '&', '&amp;', '&#0;', '&#xD800;', '&#x110000;', '&nbsp', '&lol;', ']]>', '<![CDATA[', '<!--', '-->', '<?xml ', '?>',
  '</item>', '<item>', '<entry>', '</channel>', '<channel>', '</feed>', '<feed xmlns="http://www.w3.org/2005/Atom">',
  '<link>javascript:alert(1)</link>', '<link>//x</link>', ' xml:base="javascript:x" ', ' xml:base="../" ', ' xml:base="data:," ',
  '<enclosure url="data:x"/>', '<media:thumbnail url="vbscript:x"/>', '<link href="?q"/>', '<link rel="alternate" href="jav&#x09;ascript:x"/>',
  '"', "'", '\u0000', '\uFEFF', '\uD800', '<?xml version="1.0" encoding="shift_jis"?>', '<?xml version="1.0" encoding="utf-16"?>',
  '<!DOCTYPE x [<!ENTITY a "&a;&a;">]>', '<!DOCTYPE x SYSTEM "file:///etc/passwd">', '<x><y><z>', '<a:b xmlns:a="">', 'xmlns:="x"',
  '<title>', '</title>', '<pubDate>Tue, 31 Feb 99999 25:61:61 +9999</pubDate>', '<updated>-271821-04-20T00:00:00Z</updated>',
  '<ttl>-1e309</ttl>', '<outline xmlUrl="javascript:x" text="t"/>', '<outline text="f">', '</outline>', '<body>', '</body>',
  '{"version":"https://jsonfeed.org/version/1.1","items":[{"url":"javascript:x"}]}', '{"items":[null,1,"x",{"id":{}}]}',
];

const HTML_SNIPPETS = [
  '<link rel="alternate" type="application/rss+xml" href="', '<link rel=alternate type=application/atom+xml href=/a.xml>',
  '<base href="', '<base href="javascript:x">', '<base href="//evil.invalid/">', '<meta itemprop="channelId" content="UC', '<!--', '-->',
  '<script>', '</script>', '<style>', '</style>', '<textarea>', '"', "'", '&quot;', '&#0;', '>', '<', 'href=', 'rel="alternate feed"',
  '<link rel="alternate" type="application/feed+json" href="data:application/json,{}">', '<a href="/feed">', '\u0000', '<html>', '</head>',
  'https://www.youtube.com/channel/UCxxxxxxxxxxxxxxxxxxxxxx', ' type="text/xml" ', ' title="&lt;script&gt;" ',
];

const QUERY_SNIPPETS = [
  '"', '-', '-"', 'author:', 'feed:', 'folder:', 'is:unread', 'is:read', 'is:starred', 'is:', 'before:', 'after:', 'before:2024-02-30',
  'after:99999-01-01', 'before:0000-00-00', ':', '::', ' ', '\t', '\u0000', '\uD800', '🙂', 'ß', 'İ', '\u0301', '(', ')', '*', '?', '\\',
  'OR', 'AND', '""', '"unterminated', 'author:"a b"', '-author:x', 'feed:"x', '.*', '$^', '[a-', '\u202E', '\uFEFF',
];

const PAGE_SEEDS = [
  '<!doctype html><html><head><title>Blog</title><link rel="alternate" type="application/rss+xml" title="Posts" href="/feed.xml"><link rel="alternate" type="application/atom+xml" href="https://example.com/atom.xml"></head><body><a href="/feed">Feed</a></body></html>',
  '<html><head><base href="/sub/"><link rel="alternate feed" type="application/feed+json" href="feed.json"></head></html>',
  '<!doctype html><meta itemprop="channelId" content="UCabcdefghijklmnopqrstuv"><title>Channel</title>',
  '<html><head><link rel=alternate type=application/rss+xml href=rss.xml title=Unquoted></head><body><p>text</p></body></html>',
  '',
];

const QUERY_SEEDS = [
  'climate', '"exact phrase" words -excluded', 'author:smith feed:"The Verge" is:unread', 'before:2024-01-01 after:2023-06-30 rust',
  'folder:tech -"paid post" is:starred', 'café naïve ÜBER', '日本語 検索', '-', '"', 'is:read author:',
];

interface Seeds {
  feeds: Uint8Array[];
  opml: string[];
}

let cachedSeeds: Seeds | undefined;

function seeds(): Seeds {
  if (cachedSeeds) return cachedSeeds;
  const feedDir = path.join(root, 'tests/fixtures/feeds');
  const feeds = readdirSync(feedDir)
    .filter((f) => !f.endsWith('.expected.json') && !f.endsWith('.mjs'))
    .map((f) => new Uint8Array(readFileSync(path.join(feedDir, f))))
    .filter((bytes) => bytes.length < 100_000);
  const opmlDir = path.join(root, 'tests/fixtures/opml');
  const opml = readdirSync(opmlDir).map((f) => readFileSync(path.join(opmlDir, f), 'utf8'));
  opml.push('<opml version="1.0"><body><outline title="a"><outline title="b"><outline xmlUrl="https://x.example/f" text="deep"/></outline></outline></body></opml>');
  cachedSeeds = { feeds, opml };
  return cachedSeeds;
}

const pick = <T>(random: () => number, list: readonly T[]): T => list[Math.floor(random() * list.length)] as T;

/** Byte-level edits: deletions, dictionary insertions, random bytes, truncation, duplication, bit flips. */
export function mutateBytes(input: Uint8Array, random: () => number, dictionary: readonly string[]): Uint8Array {
  let bytes = Array.from(input);
  const encoder = new TextEncoder();
  const count = 1 + Math.floor(random() * 8);
  for (let i = 0; i < count; i++) {
    const at = Math.floor(random() * (bytes.length + 1));
    const op = Math.floor(random() * 7);
    if (op === 0) bytes.splice(at, Math.floor(random() * 40));
    else if (op === 1 || op === 6) bytes.splice(at, 0, ...encoder.encode(pick(random, dictionary)));
    else if (op === 2) bytes.splice(at, 0, ...Array.from({ length: 1 + Math.floor(random() * 8) }, () => Math.floor(random() * 256)));
    else if (op === 3) bytes = bytes.slice(0, at);
    else if (op === 4) bytes.splice(at, 0, ...bytes.slice(at, at + Math.floor(random() * 200)));
    else if (bytes.length > 0) bytes[at % bytes.length] = (bytes[at % bytes.length] ?? 0) ^ (1 << Math.floor(random() * 8));
  }
  return Uint8Array.from(bytes);
}

function mutateText(input: string, random: () => number, dictionary: readonly string[]): string {
  // Mostly text-level (keeps multi-byte characters), sometimes byte-level through a lossy decode.
  if (random() < 0.2) return new TextDecoder().decode(mutateBytes(new TextEncoder().encode(input), random, dictionary));
  let text = input;
  const count = 1 + Math.floor(random() * 6);
  for (let i = 0; i < count; i++) {
    const at = Math.floor(random() * (text.length + 1));
    const op = Math.floor(random() * 5);
    if (op === 0) text = text.slice(0, at) + text.slice(at + Math.floor(random() * 20));
    else if (op === 1 || op === 2) text = text.slice(0, at) + pick(random, dictionary) + text.slice(at);
    else if (op === 3) text = text.slice(0, at) + text.slice(at, at + Math.floor(random() * 60)).repeat(1 + Math.floor(random() * 4)) + text.slice(at);
    else text = text.slice(0, at) + String.fromCharCode(Math.floor(random() * 0x10000)) + text.slice(at);
  }
  return text;
}

function isHttpUrl(url: string): boolean {
  try {
    const parsed = new URL(url);
    return (parsed.protocol === 'http:' || parsed.protocol === 'https:') && parsed.href === url;
  } catch {
    return false;
  }
}

/** The parser's contract (shared/feeds/urls.ts): absolute, and never a script-capable scheme. */
function isSafeAbsoluteUrl(url: string): boolean {
  try {
    const parsed = new URL(url);
    return parsed.href === url && !['javascript:', 'data:', 'vbscript:'].includes(parsed.protocol);
  } catch {
    return false;
  }
}

function unsafeFeedUrls(feed: ParsedFeed): string[] {
  const urls = [feed.siteUrl, feed.selfUrl, feed.imageUrl];
  for (const item of feed.items) {
    urls.push(item.url, item.imageUrl);
    for (const enclosure of item.enclosures) urls.push(enclosure.url);
  }
  return urls.filter((u): u is string => u !== undefined && !isSafeAbsoluteUrl(u));
}

/** One case: builds the input from the case's own random stream, runs it, returns a problem or null. */
function runCase(target: FuzzTarget, random: () => number): { input: string; problem: string | null; accepted: boolean } {
  const { feeds, opml } = seeds();
  switch (target) {
    case 'parseFeed': {
      const body = mutateBytes(pick(random, feeds), random, XML_SNIPPETS);
      const input = new TextDecoder().decode(body.subarray(0, 300));
      try {
        const feed = parseFeed(body, { url: 'https://example.com/dir/feed.xml', now: Date.UTC(2025, 0, 1) });
        const bad = unsafeFeedUrls(feed);
        return { input, accepted: true, problem: bad.length > 0 ? `unsafe URLs: ${bad.slice(0, 3).join(' ')}` : null };
      } catch (thrown) {
        return { input, accepted: false, problem: thrown instanceof FeedParseError ? null : `threw ${describe(thrown)}` };
      }
    }
    case 'parseOpml': {
      const text = mutateText(pick(random, opml), random, XML_SNIPPETS);
      try {
        const result = parseOpml(text);
        const bad = result.outlines.flatMap((folder) => folder.feeds.map((f) => f.xmlUrl)).filter((u) => !isHttpUrl(u));
        return { input: text.slice(0, 300), accepted: true, problem: bad.length > 0 ? `unsafe xmlUrls: ${bad.slice(0, 3).join(' ')}` : null };
      } catch (thrown) {
        return { input: text.slice(0, 300), accepted: false, problem: `threw ${describe(thrown)}` };
      }
    }
    case 'discoverFeeds': {
      const html = mutateText(pick(random, PAGE_SEEDS), random, HTML_SNIPPETS);
      const pageUrl = pick(random, ['https://example.com/blog/post', 'https://www.youtube.com/user/someone', 'http://127.0.0.1:8080/']);
      try {
        const found = discoverFeeds(html, pageUrl);
        const bad = found.map((f) => f.url).filter((u) => !isSafeAbsoluteUrl(u));
        return { input: html.slice(0, 300), accepted: true, problem: bad.length > 0 ? `unsafe feed URLs: ${bad.slice(0, 3).join(' ')}` : null };
      } catch (thrown) {
        return { input: html.slice(0, 300), accepted: false, problem: `threw ${describe(thrown)}` };
      }
    }
    case 'parseSearchQuery': {
      const query = mutateText(pick(random, QUERY_SEEDS), random, QUERY_SNIPPETS);
      try {
        const parsed = parseSearchQuery(query);
        const dates = [parsed.before, parsed.after].filter((d): d is number => d !== undefined);
        return { input: query.slice(0, 300), accepted: true, problem: dates.some((d) => !Number.isFinite(d)) ? 'non-finite date' : null };
      } catch (thrown) {
        return { input: query.slice(0, 300), accepted: false, problem: `threw ${describe(thrown)}` };
      }
    }
  }
}

function describe(thrown: unknown): string {
  return thrown instanceof Error ? `${thrown.name}: ${thrown.message.split('\n')[0]}` : String(thrown);
}

/** Case `i` of a target draws from its own stream, so a failure reproduces from (seed, target, i) alone. */
function caseRandom(seed: number, target: FuzzTarget, index: number): () => number {
  const salt = FUZZ_TARGETS.indexOf(target) + 1;
  return mulberry32(Math.imul(seed ^ 0x9e3779b9, 0x85ebca6b) ^ Math.imul(salt, 0xc2b2ae35) ^ Math.imul(index + 1, 0x27d4eb2f));
}

export function runFuzzCampaign(options: FuzzOptions): FuzzReport {
  const limitMs = options.limitMs ?? 1_000;
  const maxFailures = options.maxFailures ?? 50;
  const report: FuzzReport = { targets: [], failures: [] };
  for (const target of options.targets ?? FUZZ_TARGETS) {
    const stats: FuzzTargetReport = { target, cases: 0, accepted: 0, slowestMs: 0, totalMs: 0 };
    for (let i = 0; i < options.casesPerTarget; i++) {
      const random = caseRandom(options.seed, target, i);
      const started = performance.now();
      const outcome = runCase(target, random);
      const ms = performance.now() - started;
      stats.cases++;
      stats.totalMs += ms;
      stats.slowestMs = Math.max(stats.slowestMs, ms);
      if (outcome.accepted) stats.accepted++;
      const problem = outcome.problem ?? (ms > limitMs ? `took ${ms.toFixed(0)} ms` : null);
      if (problem !== null && report.failures.length < maxFailures) report.failures.push({ target, caseIndex: i, problem, input: outcome.input });
    }
    report.targets.push(stats);
  }
  return report;
}

function argument(name: string): string | undefined {
  const index = process.argv.indexOf(`--${name}`);
  return index >= 0 ? process.argv[index + 1] : undefined;
}

export function main(): void {
  const cases = Number(argument('cases') ?? 40_000);
  const seed = Number(argument('seed') ?? 1);
  const target = argument('target') as FuzzTarget | undefined;
  if (target !== undefined && !FUZZ_TARGETS.includes(target)) throw new Error(`--target must be one of ${FUZZ_TARGETS.join(', ')}`);
  const targets = target ? [target] : FUZZ_TARGETS;
  const casesPerTarget = Math.ceil(cases / targets.length);
  console.log(`fuzz: ${casesPerTarget * targets.length} cases, seed ${seed}, targets ${targets.join(', ')}`);
  const report = runFuzzCampaign({ casesPerTarget, seed, targets, limitMs: Number(argument('limit-ms') ?? 1_000) });
  for (const t of report.targets) {
    console.log(`  ${t.target.padEnd(17)} ${t.cases} cases, ${t.accepted} accepted, mean ${(t.totalMs / t.cases).toFixed(2)} ms, slowest ${t.slowestMs.toFixed(1)} ms`);
  }
  for (const f of report.failures) console.log(`FAIL ${f.target} case ${f.caseIndex}: ${f.problem}\n  input: ${JSON.stringify(f.input)}`);
  console.log(report.failures.length === 0 ? 'fuzz: no failures' : `fuzz: ${report.failures.length} failure(s)`);
  process.exitCode = report.failures.length === 0 ? 0 : 1;
}

if (import.meta.url === `file://${process.argv[1]}`) main();
