/**
 * Sync throughput in Node with fake-indexeddb: 500 feeds × 50 items through the real engine (concurrency 6,
 * 1 per host, one transaction per feed) with an in-memory host, corpora from a fixed seed.
 * Cold: every article new (prints articles merged per second). Warm: every feed answers not-modified
 * (prints the total time of a full refresh). Chromium IndexedDB figures are measured separately.
 * Run: `npx tsx bench/sync.ts` (BENCH_SYNC_FEEDS / BENCH_SYNC_ITEMS / BENCH_SYNC_RUNS to resize).
 */
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { subscribe } from '../shared/db/feeds';
import { BroadsheetDb } from '../shared/db/schema';
import type { ParsedFeed, ParsedItem } from '../shared/feeds/types';
import type { FeedRequest, FeedResponse, HostResult } from '../shared/host';
import { err, ok } from '../shared/result';
import { createSyncEngine, type SyncHost } from '../shared/sync/engine';
import { mulberry32 } from '../tests/support/random';

const FEEDS = Number(process.env.BENCH_SYNC_FEEDS ?? 500);
const ITEMS = Number(process.env.BENCH_SYNC_ITEMS ?? 50);
const RUNS = Number(process.env.BENCH_SYNC_RUNS ?? 5);
const T0 = Date.UTC(2025, 0, 15);

const WORDS = 'news report update market city council science study health space launch court ruling election vote team season record'.split(' ');

function corpus(seed: number): Map<string, ParsedFeed> {
  const random = mulberry32(seed);
  const words = (n: number) => Array.from({ length: n }, () => WORDS[Math.floor(random() * WORDS.length)]).join(' ');
  const feeds = new Map<string, ParsedFeed>();
  for (let f = 0; f < FEEDS; f++) {
    const items: ParsedItem[] = [];
    for (let i = 0; i < ITEMS; i++) {
      items.push({
        guid: `https://site${f}.example/p/${i}`,
        url: `https://site${f}.example/p/${i}`,
        title: words(8),
        summary: `<p>${words(40)}</p>`,
        content: `<p>${words(300)}</p>`,
        published: T0 - Math.floor(random() * 30 * 86_400_000),
        categories: [],
        enclosures: [],
      });
    }
    // Feeds on 125 hosts, 4 each, so the per-host limit matters.
    feeds.set(`https://host${f % 125}.example/feed${f}.xml`, { format: 'rss', title: `Feed ${f}`, items });
  }
  return feeds;
}

function memoryHost(feeds: Map<string, ParsedFeed>): SyncHost {
  return {
    async fetchFeed(request: FeedRequest): Promise<HostResult<FeedResponse>> {
      const feed = feeds.get(request.url);
      if (!feed) return err({ kind: 'http', status: 404, message: 'not found' });
      const base = { finalUrl: request.url, etag: '"v1"' };
      if (request.etag === '"v1"') return ok({ ...base, status: 'not-modified' });
      return ok({ ...base, status: 'ok', feed, bodyHash: 'h1' });
    },
    fetchPage: async () => err({ kind: 'unavailable', message: 'not in this bench' }),
  };
}

async function once(feeds: Map<string, ParsedFeed>, run: number): Promise<{ coldMs: number; warmMs: number; articles: number }> {
  const db = new BroadsheetDb({ name: `bench-${run}`, indexedDB: new IDBFactory(), IDBKeyRange });
  for (const url of feeds.keys()) await subscribe(db, url, { now: T0 });
  const engine = createSyncEngine({ db, host: memoryHost(feeds), now: () => T0 });
  let started = performance.now();
  const cold = await engine.syncAll();
  const coldMs = performance.now() - started;
  started = performance.now();
  const warm = await engine.syncAll();
  const warmMs = performance.now() - started;
  if (cold.errors || warm.errors || warm.newArticles) throw new Error('bench sync went wrong');
  db.close();
  return { coldMs, warmMs, articles: cold.newArticles };
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[s.length >> 1] as number;
};

export async function run(): Promise<void> {
  const feeds = corpus(20250115);
  console.log(`sync: ${FEEDS} feeds × ${ITEMS} items, fake-indexeddb, ${RUNS} runs after a warm-up`);
  await once(feeds, -1);
  const results = [];
  for (let r = 0; r < RUNS; r++) results.push(await once(feeds, r));
  const articles = results[0]?.articles ?? 0;
  const cold = median(results.map((r) => r.coldMs));
  const warm = median(results.map((r) => r.warmMs));
  console.log(`cold (all new):      ${articles} articles in ${cold.toFixed(0)} ms median → ${Math.round(articles / (cold / 1000))} articles merged/s`);
  console.log(`warm (not-modified): ${FEEDS} feeds in ${warm.toFixed(0)} ms median → ${(warm / FEEDS).toFixed(2)} ms per feed`);
}

if (import.meta.url === `file://${process.argv[1]}`) void run();
