/**
 * Where IndexedDB's backend waits during a cold sync (a dev probe, issue 18): chromium-sync's cold sync (500 feeds × 50
 * items through the browser host, Shift+R) of a fresh library, then the floor's bulkPut of the same rows in
 * transactions of 500 in a fresh context, each sampled every SAMPLE_MS: the browser process's ThreadPoolForeground
 * CPU (the backend), the sync worker's, this process's (browser host + feed server: fetching), and the sync's status
 * line (feeds done, articles new). Backend idle time (SAMPLE_MS less its CPU in each sample) is summed by stage:
 * before the first commit, between the first and the last commit (split by who was busy meanwhile), after the last.
 * Run: `RUNS=2 npx tsx bench/_backend-idle.ts`. A leading _ keeps it out of `npm run bench`.
 */
import { loadavg } from 'node:os';
import type { Page } from '@playwright/test';
import { launchChromium, startAppHost } from './support/chromium';
import { benchFeedUrl as feedUrl, openLibrary, refreshAll, routedFetch, startBenchFeedServer, warmUpSync } from './support/bench-feeds';
import { storedRows } from './support/library-in-page';
import { openBulkPutFloor } from './support/bulkput-floor';
import { chromiumThreads, type ThreadTimes } from './support/proc-threads';

const FEEDS = Number(process.env.FEEDS ?? 500);
const ITEMS = Number(process.env.ITEMS ?? 50);
const RUNS = Number(process.env.RUNS ?? 1);
const SAMPLE_MS = Number(process.env.SAMPLE_MS ?? 250);
/** A sample is "busy" for a thread at this share of SAMPLE_MS. */
const BUSY = 0.5;

interface Sample {
  at: number;
  backend: number;
  worker: number;
  host: number;
  done: number;
  added: number;
}

function totals(): { backend: number } {
  let backend = 0;
  for (const t of chromiumThreads().values()) if (t.processType === 'browser' && t.name.startsWith('ThreadPoolForeg')) backend += t.ms;
  return { backend };
}

/** The busiest DedicatedWorker's CPU is read per thread: the sync worker is the one that keeps growing. */
function workerTimes(): Map<string, ThreadTimes> {
  return new Map([...chromiumThreads()].filter(([, t]) => t.name.startsWith('DedicatedWorker')));
}

/** Samples until `until` settles; `status` reads the sync's progress (null for the floor). */
async function sampled(until: Promise<unknown>, status: (() => Promise<{ done: number; added: number } | null>) | null): Promise<Sample[]> {
  const samples: Sample[] = [];
  let finished = false;
  void until.finally(() => (finished = true));
  const started = performance.now();
  let last = totals();
  let lastWorkers = workerTimes();
  let lastHost = process.cpuUsage();
  let progress = { done: 0, added: 0 };
  while (!finished) {
    await new Promise((resolve) => setTimeout(resolve, SAMPLE_MS));
    const now = totals();
    const workers = workerTimes();
    let worker = 0;
    for (const [key, t] of workers) worker = Math.max(worker, t.ms - (lastWorkers.get(key)?.ms ?? 0));
    const host = process.cpuUsage(lastHost);
    lastHost = process.cpuUsage();
    if (status) progress = (await status().catch(() => null)) ?? progress;
    samples.push({ at: performance.now() - started, backend: now.backend - last.backend, worker, host: (host.user + host.system) / 1000, ...progress });
    last = now;
    lastWorkers = workers;
  }
  await until;
  return samples;
}

const STATUS = async (page: Page) =>
  page.evaluate(() => {
    const line = document.querySelector('[role="status"][aria-label="Sync progress"]');
    const match = /Syncing ([\d,]+) of ([\d,]+)(?:.* · ([\d,]+) new)?/.exec(line?.textContent ?? '');
    const count = (text?: string) => Number((text ?? '0').replace(/,/g, ''));
    return match ? { done: count(match[1]), added: count(match[3]) } : null;
  });

const s = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
const idleOf = (x: Sample) => Math.max(0, SAMPLE_MS - x.backend);

function report(label: string, samples: Sample[], stages: boolean): void {
  const wall = samples.length * SAMPLE_MS;
  const busy = samples.reduce((n, x) => n + x.backend, 0);
  const idle = samples.reduce((n, x) => n + idleOf(x), 0);
  console.log(`${label}: ${s(wall)} sampled · backend CPU ${s(busy)} · backend idle ${s(idle)} (${Math.round((100 * idle) / wall)} %)`);
  if (!stages) return;
  const first = samples.findIndex((x) => x.added > 0);
  const finalAdded = Math.max(...samples.map((x) => x.added));
  const lastCommit = samples.findIndex((x) => x.added >= finalAdded);
  const part = (from: number, to: number) => samples.slice(Math.max(0, from), Math.max(0, to));
  const sum = (xs: Sample[], f: (x: Sample) => number) => xs.reduce((n, x) => n + f(x), 0);
  const before = part(0, first);
  const middle = part(first, lastCommit + 1);
  const after = part(lastCommit + 1, samples.length);
  const idleWhere = (xs: Sample[], f: (x: Sample) => boolean) => s(sum(xs.filter(f), idleOf));
  const workerBusy = (x: Sample) => x.worker >= BUSY * SAMPLE_MS;
  const hostBusy = (x: Sample) => x.host >= BUSY * SAMPLE_MS;
  console.log(`  before the first commit (${s(before.length * SAMPLE_MS)}, ${before.at(-1)?.done ?? 0} feeds done by then): backend idle ${s(sum(before, idleOf))}`);
  console.log(
    `  first to last commit (${s(middle.length * SAMPLE_MS)}): backend idle ${s(sum(middle, idleOf))}, of it with the sync worker busy ${idleWhere(middle, workerBusy)}, ` +
      `with the bench process (host + feed server) busy and the worker not ${idleWhere(middle, (x) => hostBusy(x) && !workerBusy(x))}, with neither ${idleWhere(middle, (x) => !hostBusy(x) && !workerBusy(x))}`,
  );
  console.log(`  after the last commit (${s(after.length * SAMPLE_MS)}): backend idle ${s(sum(after, idleOf))}`);
  // Where the feeds stood at each second of backend idleness in the middle stage: fetching ahead or merging behind?
  const line = samples.map((x) => (x.backend >= SAMPLE_MS * 0.8 ? '#' : x.backend >= SAMPLE_MS * 0.3 ? '+' : '.')).join('');
  console.log(`  backend per ${SAMPLE_MS} ms (# busy, + part, . idle): ${line}`);
  const progress = samples.filter((_, i) => i % Math.round(2000 / SAMPLE_MS) === 0).map((x) => `${(x.at / 1000).toFixed(0)}s ${x.done}/${x.added}`).join(' ');
  console.log(`  feeds done/articles new every 2 s: ${progress}`);
}

async function main(): Promise<void> {
  const server = await startBenchFeedServer(FEEDS, ITEMS);
  const host = await startAppHost(routedFetch(server));
  const browser = await launchChromium();
  try {
    await warmUpSync(browser, host.url);
    const urls = Array.from({ length: FEEDS }, (_, f) => feedUrl('feed', f));
    for (let r = 1; r <= RUNS; r++) {
      const page = await openLibrary(browser, host.url, urls);
      const load = loadavg()[0] ?? 0;
      const sync = await sampled(refreshAll(page), () => STATUS(page));
      report(`cold sync ${r} (load ${load.toFixed(1)} → ${(loadavg()[0] ?? 0).toFixed(1)})`, sync, true);
      const rows = await storedRows(page);
      await page.context().close();
      const floor = await openBulkPutFloor(browser, host.url, rows);
      const prepared = await floor.prepare({ perTransaction: 500 });
      const floorLoad = loadavg()[0] ?? 0;
      report(`floor ${r}, transactions of 500 (load ${floorLoad.toFixed(1)})`, await sampled(prepared.bulkPut(), null), false);
      await prepared.close();
    }
  } finally {
    await browser.close();
    await host.close();
    await server.close();
  }
}

void main();
