/**
 * The two workers' CPU in a cold sync, builds alternated in one process (issue 18): chromium-sync's cold sync (500 feeds
 * × 50 items through the browser host, Shift+R, the end read from the status line) of a fresh library per run, each run
 * with the next renderer build of RENDERERS (comma-separated dirs, e.g. `/tmp/a,/tmp/b`), and per run each worker
 * thread's user and system CPU and minor page faults from /proc, with Chromium's total. The sync worker is the busier of
 * the two DedicatedWorker threads. Run: `RENDERERS=/tmp/a,out/renderer RUNS=4 npx tsx bench/_workers-ab.ts`. A leading _
 * keeps it out of `npm run bench`.
 */
import type { Browser, Page } from '@playwright/test';
import { readFileSync, readdirSync } from 'node:fs';
import { loadavg } from 'node:os';
import { startFeedServer, type FeedServer } from '../tests/support/feed-server';
import { createNodeHttpFetch } from '../tests/support/node-http-fetch';
import { startBrowserHost } from '../tests/support/browser-host';
import { allowTsxFunctions, launchChromium, waitForApp } from './support/chromium';
import { rssCorpus } from './support/rss-corpus';
import { subscribeInPage } from './support/library-in-page';

const FEEDS = Number(process.env.FEEDS ?? 500);
const ITEMS = Number(process.env.ITEMS ?? 50);
const RUNS = Number(process.env.RUNS ?? 4);
const HOSTS = 125;
const RENDERERS = (process.env.RENDERERS ?? '').split(',').filter(Boolean);

const feedUrl = (prefix: string, f: number) => `http://host${f % HOSTS}.bench.example/${prefix}${f}.xml`;

function routedFetch(server: FeedServer): typeof fetch {
  const hostFetch = createNodeHttpFetch();
  return (input, init) => {
    const url = new URL(typeof input === 'string' ? input : input instanceof URL ? input.href : input.url);
    return hostFetch(url.hostname.endsWith('.bench.example') ? server.url(url.pathname + url.search) : input, init);
  };
}

async function openLibrary(browser: Browser, hostUrl: string, urls: readonly string[]): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
  const page = await context.newPage();
  await allowTsxFunctions(page);
  await page.goto(`${hostUrl}/`);
  await waitForApp(page);
  await subscribeInPage(page, urls);
  await page.reload();
  await page.getByText(`${urls.length} feeds`, { exact: true }).waitFor({ timeout: 60_000 });
  return page;
}

async function refreshAll(page: Page): Promise<number> {
  const started = performance.now();
  await page.keyboard.press('Shift+R');
  const line = '[role="status"][aria-label="Sync progress"]';
  await page.waitForFunction((s) => document.querySelector(s) !== null, line, { polling: 20, timeout: 60_000 });
  await page.waitForFunction((s) => document.querySelector(s) === null, line, { polling: 250, timeout: 300_000 });
  return performance.now() - started;
}

interface ThreadTimes {
  ms: number;
  sysMs: number;
  faults: number;
  name: string;
}

/** Every thread of every Chromium process under this one, by "pid:tid". */
function threadCpu(): Map<string, ThreadTimes> {
  const out = new Map<string, ThreadTimes>();
  const stat = (file: string) => {
    try {
      const text = readFileSync(file, 'utf8');
      const close = text.lastIndexOf(')');
      const rest = text.slice(close + 2).split(' ');
      return { name: text.slice(text.indexOf('(') + 1, close), ppid: Number(rest[1]), ms: (Number(rest[11]) + Number(rest[12])) * 10, sysMs: Number(rest[12]) * 10, faults: Number(rest[7]) };
    } catch {
      return null;
    }
  };
  const pids = readdirSync('/proc').filter((n) => /^\d+$/.test(n)).map(Number);
  const parent = new Map<number, number>();
  for (const pid of pids) {
    const s = stat(`/proc/${pid}/stat`);
    if (s) parent.set(pid, s.ppid);
  }
  const descends = (pid: number) => {
    for (let p = parent.get(pid), hops = 0; p !== undefined && hops < 20; p = parent.get(p), hops++) if (p === process.pid) return true;
    return false;
  };
  for (const pid of pids) {
    if (!descends(pid)) continue;
    let tids: string[] = [];
    try {
      tids = readdirSync(`/proc/${pid}/task`);
    } catch {
      continue;
    }
    for (const tid of tids) {
      const s = stat(`/proc/${pid}/task/${tid}/stat`);
      if (s) out.set(`${pid}:${tid}`, { ms: s.ms, sysMs: s.sysMs, faults: s.faults, name: s.name });
    }
  }
  return out;
}

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
        const before = threadCpu();
        const wall = await refreshAll(page);
        const after = threadCpu();
        let total = 0;
        const workers: Array<ThreadTimes & { key: string }> = [];
        for (const [key, t] of after) {
          const was = before.get(key);
          const used = { ...t, ms: t.ms - (was?.ms ?? 0), sysMs: t.sysMs - (was?.sysMs ?? 0), faults: t.faults - (was?.faults ?? 0) };
          total += used.ms;
          if (t.name.startsWith('DedicatedWorker') && used.ms > 0) workers.push({ key, ...used });
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
