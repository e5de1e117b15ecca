/**
 * A big library under the everyday operations that must stay safe and quick (issue 9): Node + fake-indexeddb,
 * FEEDS × ITEMS articles (default 100 × 200 = 20,000) merged from a fixed-seed corpus. Prints the median of RUNS
 * runs after a warm-up for: first page of All and Unread, unread counters vs. a full recount, mark-all-read of a
 * feed (and back), backup export, and restore into an empty library. Figures only; nothing is asserted.
 * Run: `npx tsx bench/big-library.ts` (BENCH_LIB_FEEDS / BENCH_LIB_ITEMS / BENCH_LIB_RUNS to resize).
 */
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { exportLibrary, importLibrary } from '../shared/db/backup';
import { subscribe } from '../shared/db/feeds';
import { listArticles } from '../shared/db/queries';
import { markAllRead, markUnread } from '../shared/db/read-state';
import { BroadsheetDb } from '../shared/db/schema';
import { unreadCounts } from '../shared/db/unread';
import type { ParsedItem } from '../shared/feeds/types';
import { mergeParsedFeed } from '../shared/sync/merge';
import { mulberry32 } from '../tests/support/random';

const FEEDS = Number(process.env.BENCH_LIB_FEEDS ?? 100);
const ITEMS = Number(process.env.BENCH_LIB_ITEMS ?? 200);
const RUNS = Math.max(5, Number(process.env.BENCH_LIB_RUNS ?? 5));
const T0 = Date.UTC(2025, 0, 15);

const WORDS = 'news report update market city council science study health space launch court ruling election vote'.split(' ');

let dbCounter = 0;
const newDb = () => new BroadsheetDb({ name: `big-library-${++dbCounter}`, indexedDB: new IDBFactory(), IDBKeyRange });

async function buildLibrary(seed: number): Promise<{ db: BroadsheetDb; feedIds: string[]; buildMs: number }> {
  const random = mulberry32(seed);
  const words = (n: number) => Array.from({ length: n }, () => WORDS[Math.floor(random() * WORDS.length)]).join(' ');
  const db = newDb();
  const feedIds: string[] = [];
  const started = performance.now();
  for (let f = 0; f < FEEDS; f++) {
    const created = await subscribe(db, `https://host${f % 25}.example/feed${f}.xml`, { now: T0 });
    if (!created.ok) throw new Error(created.error.message);
    const feedId = created.value.feed.id;
    feedIds.push(feedId);
    const items: ParsedItem[] = Array.from({ length: ITEMS }, (_, i) => ({
      guid: `f${f}-i${i}`,
      url: `https://host${f % 25}.example/p/${f}/${i}`,
      title: words(8),
      summary: `<p>${words(30)}</p>`,
      content: `<p>${words(150)}</p>`,
      published: T0 - Math.floor(random() * 60 * 86_400_000),
      categories: [],
      enclosures: [],
    }));
    await mergeParsedFeed(db, feedId, { format: 'rss', title: `Feed ${f}`, items }, T0, () => ({}));
  }
  // A realistic mix: a third read, a few starred.
  const ids = await db.articles.toCollection().primaryKeys();
  await db.articles.bulkUpdate(ids.filter((_, i) => i % 3 === 0).map((key) => ({ key, changes: { read: 1 as const } })));
  await db.articles.bulkUpdate(ids.filter((_, i) => i % 97 === 0).map((key) => ({ key, changes: { starred: 1 as const, starredAt: T0 } })));
  for (const feedId of feedIds) {
    const unread = await db.articles.where('[feedId+read+sortTime]').between([feedId, 0, -Infinity], [feedId, 0, Infinity]).count();
    await db.feeds.update(feedId, { unreadCount: unread });
  }
  return { db, feedIds, buildMs: performance.now() - started };
}

async function median(label: string, work: () => Promise<unknown>): Promise<void> {
  await work();
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const started = performance.now();
    await work();
    times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  console.log(`  ${label.padEnd(44)} ${times[Math.floor(times.length / 2)]!.toFixed(1).padStart(9)} ms`);
}

export async function run(): Promise<void> {
  const { db, feedIds, buildMs } = await buildLibrary(42);
  const total = FEEDS * ITEMS;
  console.log(`big library: ${FEEDS} feeds × ${ITEMS} items = ${total.toLocaleString('en')} articles (fake-indexeddb), built in ${(buildMs / 1000).toFixed(1)} s, median of ${RUNS}`);
  await median('first page of All (100)', () => listArticles(db, { kind: 'all' }, { limit: 100 }));
  await median('first page of Unread (100)', () => listArticles(db, { kind: 'unread' }, { limit: 100 }));
  await median('unread counters (stored per feed)', () => unreadCounts(db));
  await median('unread recount (full index scan)', () => db.articles.where('[read+sortTime]').between([0, -Infinity], [0, Infinity]).count());
  const feedId = feedIds[0]!;
  await median(`mark all read in one feed (${ITEMS}) and back`, async () => {
    const unread = await db.articles.where('[feedId+read+sortTime]').between([feedId, 0, -Infinity], [feedId, 0, Infinity]).primaryKeys();
    await markAllRead(db, { feedId });
    await markUnread(db, unread);
  });
  let backup = await exportLibrary(db, T0);
  await median('backup export', async () => (backup = await exportLibrary(db, T0)));
  const json = JSON.stringify(backup);
  console.log(`  backup size: ${(json.length / 1024).toFixed(0)} KiB (${backup.readIds.length.toLocaleString('en')} read ids, ${backup.starred.length} starred)`);
  await median('restore into an empty library', async () => {
    const fresh = newDb();
    await importLibrary(fresh, JSON.parse(json), T0);
    fresh.close();
  });
  db.close();
}

if (import.meta.url === `file://${process.argv[1]}`) void run();
