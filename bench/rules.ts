/**
 * Rules in the merge: a cold merge of 500 feeds (every article new) into fake-indexeddb, through the real
 * mergeParsedFeed, with no rules (the floor) and with 50 enabled rules (words, phrases, field words, authors, feeds,
 * exclusions, content words and guarded regular expressions, a few of which match). Runs alternate so machine noise
 * falls on both alike; prints both medians and the ratio (target: at most 1.10).
 * Run: `npm run bench -- rules` (BENCH_RULES_FEEDS / BENCH_RULES_ITEMS / BENCH_RULES_RUNS to resize).
 */
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { subscribe } from '../shared/db/feeds';
import { saveRule, type RuleDraft } from '../shared/db/rules';
import { BroadsheetDb, type RuleActions } from '../shared/db/schema';
import type { ParsedFeed } from '../shared/feeds/types';
import { mergeParsedFeed } from '../shared/sync/merge';
import { mulberry32 } from '../tests/support/random';

const FEEDS = Number(process.env.BENCH_RULES_FEEDS ?? 500);
const ITEMS = Number(process.env.BENCH_RULES_ITEMS ?? 20);
const RUNS = Number(process.env.BENCH_RULES_RUNS ?? 5);
const T0 = Date.UTC(2025, 0, 15);
const VOCABULARY = 'market city council science study health space launch court ruling election vote team season record weather storm policy budget school'.split(' ');

function library(seed: number): Array<{ url: string; feed: ParsedFeed }> {
  const random = mulberry32(seed);
  const pick = () => VOCABULARY[Math.floor(random() * VOCABULARY.length)]!;
  const text = (n: number) => Array.from({ length: n }, pick).join(' ');
  return Array.from({ length: FEEDS }, (_, f) => ({
    url: `https://host${f % 125}.example/rules${f}.xml`,
    feed: {
      format: 'rss' as const,
      title: `Feed ${f}`,
      items: Array.from({ length: ITEMS }, (_, i) => ({
        guid: `g${f}-${i}`,
        url: `https://host${f % 125}.example/p/${f}/${i}`,
        title: `${text(7)}${i % 50 === 0 ? ' sponsored' : ''}`,
        author: `Writer ${i % 7}`,
        summary: `<p>${text(40)}</p>`,
        content: `<p>${text(300)}</p>`,
        published: T0 - Math.floor(random() * 30 * 86_400_000),
        categories: [],
        enclosures: [],
      })),
    },
  }));
}

const none: RuleActions = { markRead: false, bookmark: false, hide: false, notify: false, keep: false };

/** Fifty rules of every kind the editor offers; most match nothing, as most rules most of the time. */
function fiftyRules(): RuleDraft[] {
  const conditions = [
    ...Array.from({ length: 12 }, (_, i) => `unlikelyword${i}`),
    ...Array.from({ length: 6 }, (_, i) => `"budget vote ${i}"`),
    ...Array.from({ length: 6 }, (_, i) => `title:rare${i} -weather`),
    ...Array.from({ length: 5 }, (_, i) => `author:"ghost writer ${i}"`),
    ...Array.from({ length: 5 }, (_, i) => `feed:"Feed 9${i}9" storm`),
    ...Array.from({ length: 6 }, (_, i) => `content:neverseen${i}`),
    ...Array.from({ length: 6 }, (_, i) => `title:/^breaking ${i}\\b/`),
    'title:sponsored',
    '/\\bcouncil vote record\\b/',
    'author:"writer 3" "storm policy"',
    'content:/policy (budget|school) vote/',
  ];
  return conditions.map((condition, i) => ({
    name: `rule ${i}`,
    enabled: true,
    scope: { kind: 'all' },
    condition,
    actions: { ...none, ...(i % 3 === 0 ? { hide: true } : i % 3 === 1 ? { markRead: true } : { keep: true }) },
  }));
}

let dbCounter = 0;

async function coldMerge(feeds: Array<{ url: string; feed: ParsedFeed }>, withRules: boolean): Promise<{ ms: number; cpuMs: number; changed: number }> {
  const db = new BroadsheetDb({ name: `rules-bench-${++dbCounter}`, indexedDB: new IDBFactory(), IDBKeyRange });
  const ids: string[] = [];
  for (const { url } of feeds) {
    const subscribed = await subscribe(db, url, { now: T0 });
    if (!subscribed.ok) throw new Error(subscribed.error.message);
    ids.push(subscribed.value.feed.id);
  }
  if (withRules) {
    for (const rule of fiftyRules()) {
      const saved = await saveRule(db, rule, T0);
      if (!saved.ok) throw new Error(saved.error.message);
    }
  }
  const started = performance.now();
  const cpu = process.cpuUsage();
  for (let f = 0; f < feeds.length; f++) await mergeParsedFeed(db, ids[f]!, feeds[f]!.feed, T0, () => ({}));
  const ms = performance.now() - started;
  const used = process.cpuUsage(cpu);
  const cpuMs = (used.user + used.system) / 1000;
  const changed = await db.articles.filter((a) => a.hidden === 1 || a.kept === 1 || a.read === 1).count();
  db.close();
  return { ms, cpuMs, changed };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[xs.length >> 1] as number;

export async function run(): Promise<void> {
  const feeds = library(20250115);
  console.log(`rules: cold merge of ${FEEDS} feeds × ${ITEMS} items, no rules vs 50 rules, fake-indexeddb, ${RUNS} runs each after a warm-up`);
  await coldMerge(feeds, false);
  await coldMerge(feeds, true);
  const bare: Array<{ ms: number; cpuMs: number }> = [];
  const ruled: Array<{ ms: number; cpuMs: number }> = [];
  let changed = 0;
  for (let r = 0; r < RUNS; r++) {
    bare.push(await coldMerge(feeds, false));
    const withRules = await coldMerge(feeds, true);
    ruled.push(withRules);
    changed = withRules.changed;
  }
  // CPU time beside wall time: fake-indexeddb runs on this thread, and CPU time is steadier on a shared machine.
  const [floor, floorCpu, rules, rulesCpu] = [bare.map((x) => x.ms), bare.map((x) => x.cpuMs), ruled.map((x) => x.ms), ruled.map((x) => x.cpuMs)].map(median) as [number, number, number, number];
  console.log(`no rules (floor): ${floor.toFixed(0)} ms wall, ${floorCpu.toFixed(0)} ms CPU (medians)`);
  console.log(`50 rules:         ${rules.toFixed(0)} ms wall, ${rulesCpu.toFixed(0)} ms CPU (${changed} of ${FEEDS * ITEMS} articles acted on)`);
  console.log(`ratio: ${(rules / floor).toFixed(3)} wall, ${(rulesCpu / floorCpu).toFixed(3)} CPU (target ≤ 1.10)`);
}

if (import.meta.url === `file://${process.argv[1]}`) void run();
