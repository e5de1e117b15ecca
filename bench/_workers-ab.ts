/**
 * The two workers' CPU in a cold sync, builds alternated in one process (issue 18): chromium-sync's cold sync (500 feeds
 * × 50 items through the browser host, Shift+R, the end read from the status line) of a fresh library per run, each run
 * with the next renderer build of RENDERERS (comma-separated dirs, e.g. `/tmp/a,/tmp/b`), and per run each worker
 * thread's user and system CPU and minor page faults from /proc, with Chromium's total. The sync worker is the busier of
 * the two DedicatedWorker threads. Run: `RENDERERS=/tmp/a,out/renderer RUNS=4 npx tsx bench/_workers-ab.ts`. A leading _
 * keeps it out of `npm run bench`.
 */
import { loadavg } from 'node:os';
import { startFeedServer } from '../tests/support/feed-server';
import { startBrowserHost } from '../tests/support/browser-host';
import { launchChromium } from './support/chromium';
import { rssCorpus } from './support/rss-corpus';
import { benchFeedUrl as feedUrl, openLibrary, refreshAll, routedFetch } from './support/bench-feeds';
import { chromiumThreads, threadsSince, type ThreadTimes } from './support/proc-threads';

const FEEDS = Number(process.env.FEEDS ?? 500);
const ITEMS = Number(process.env.ITEMS ?? 50);
const RUNS = Number(process.env.RUNS ?? 4);
const RENDERERS = (process.env.RENDERERS ?? '').split(',').filter(Boolean);

const median = (xs: readonly number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;
const s = (ms: number) => `${(ms / 1000).toFixed(2)} s`;

async function main(): Promise<void> {
  if (RENDERERS.length === 0) throw new Error('RENDERERS=dirA,dirB is required');
  const server = await startFeedServer();
  for (const [p, body] of rssCorpus({ feeds: FEEDS, items: ITEMS, seed: 20250115, newest: Date.UTC(2025, 0, 15) })) server.setFeed(p, body, { etag: '"v1"' });
  for (const [p, body] of rssCorpus({ feeds: 50, items: ITEMS, seed: 7, newest: Date.UTC(2025, 0, 15), prefix: 'warmup' })) server.setFeed(p, body, { etag: '"v1"' });
  const hosts = await Promise.all(RENDERERS.map((rendererDir) => startBrowserHost({ rendererDir, version: '0.1.0', fetch: routedFetch(server) })));
  const browser = await launchChromium();
  const rows = RENDERERS.map(() => ({ wall: [] as number[], total: [] as number[], sync: [] as number[], syncSys: [] as number[], syncFaults: [] as number[], search: [] as number[], searchSys: [] as number[], searchFaults: [] as number[] }));
  try {
    for (const host of hosts) {
      const warmup = await openLibrary(browser, host.url, Array.from({ length: 50 }, (_, f) => feedUrl('warmup', f)));
      await refreshAll(warmup);
      await warmup.context().close();
    }
    const urls = Array.from({ length: FEEDS }, (_, f) => feedUrl('feed', f));
    for (let r = 1; r <= RUNS; r++) {
      for (const [b, host] of hosts.entries()) {
        const page = await openLibrary(browser, host.url, urls);
        const load = loadavg()[0] ?? 0;
        const before = chromiumThreads();
        const wall = await refreshAll(page);
        const after = chromiumThreads();
        let total = 0;
        const workers: Array<ThreadTimes & { key: string }> = [];
        for (const [key, used] of threadsSince(before, after)) {
          total += used.ms;
          if (used.name.startsWith('DedicatedWorker') && used.ms > 0) workers.push({ key, ...used });
        }
        workers.sort((x, y) => y.ms - x.ms);
        const [sync, search] = workers;
        const row = rows[b]!;
        row.wall.push(wall);
        row.total.push(total);
        if (sync) {
          row.sync.push(sync.ms);
          row.syncSys.push(sync.sysMs);
          row.syncFaults.push(sync.faults);
        }
        if (search) {
          row.search.push(search.ms);
          row.searchSys.push(search.sysMs);
          row.searchFaults.push(search.faults);
        }
        const w = (t: ThreadTimes | undefined) => (t ? `${s(t.ms)} (system ${s(t.sysMs)}, ${t.faults} faults)` : 'not found');
        console.log(`run ${r} ${RENDERERS[b]}: ${s(wall)} · load ${load.toFixed(1)} · Chromium ${s(total)} · sync worker ${w(sync)} · search worker ${w(search)}`);
        await page.context().close();
      }
    }
    for (const [b, dir] of RENDERERS.entries()) {
      const row = rows[b]!;
      console.log(
        `median ${dir}: ${s(median(row.wall))} · Chromium ${s(median(row.total))} · sync worker ${s(median(row.sync))} (system ${s(median(row.syncSys))}, ${median(row.syncFaults)} faults) · search worker ${s(median(row.search))} (system ${s(median(row.searchSys))}, ${median(row.searchFaults)} faults)`,
      );
    }
  } finally {
    await browser.close();
    for (const host of hosts) await host.close();
    await server.close();
  }
}

void main();
