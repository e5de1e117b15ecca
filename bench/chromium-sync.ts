/**
 * Sync throughput in real Chromium IndexedDB (issue 18 targets), through the app's own path: the built app served by
 * the browser host, its sync worker fetching FEEDS × ITEMS RSS items from the feed server (fixed seed, ETags) in
 * fetchFeeds batches and merging them off the UI thread. Every feed is subscribed by writing its row straight into
 * IndexedDB (as subscribe() would make it). A user's Shift+R (refresh all) starts each sync; the end is read from the
 * UI (the "Sync progress" status line goes away) and the article count checked in IndexedDB.
 * Each figure is printed beside its floor, measured in the same run and browser:
 * - cold: every article new → articles merged per second, against a raw Dexie bulkPut of the same article and content
 *   rows (read back from the synced library) into an empty database with the app's schema, each bulkPut in a browser
 *   context of its own (as each cold library), in one transaction, in transactions of the sync's size or in small
 *   ones, whichever this browser writes fastest (target >= 80 % of it);
 * - warm: every feed answers 304 → total time (target <= 3 s);
 * - UI-thread long tasks during each sync (PerformanceObserver 'longtask' in the page; target: none > 50 ms);
 * - what a person feels reading during a cold sync (its own cold sync per build, after the rows above): opening an
 *   article (click, j → the reader's heading shown) and a read mark (m → the row shows it), repeated through the sync,
 *   against the same actions on the same app idle after it (BENCH_CSYNC_READING_RUNS syncs per build, default 2;
 *   BENCH_CSYNC_READING=0 skips it; BENCH_CSYNC_READING_LOOK_MS, a moment spent scrolling the list before the first open).
 * Feeds sit on 125 host names (4 each, as bench/sync.ts) so the engine's per-host limit applies as in real life; the
 * browser host's fetch sends those names to the local feed server. Each cold library lives in a fresh browser context
 * (empty IndexedDB). A warm-up library of 50 other feeds first; then COLD_RUNS cold syncs (each a fresh library), the
 * floor's shapes as often, and RUNS warm syncs of the last library after a warm-up; medians. Runs stop early at the time budget
 * (a busy machine), and say so.
 * Each cold run also prints the CPU time of every Chromium process (and, profiling, its busiest threads: IndexedDB's
 * backend runs in the browser process) and of the bench process, and the load average, so a figure can be read
 * against what the machine was doing.
 * Run: `npm run build:renderer && npx tsx bench/chromium-sync.ts` (BENCH_CSYNC_FEEDS / _ITEMS / _RUNS / _COLD_RUNS).
 * BENCH_CSYNC_BASELINE_DIR=<another renderer build> alternates cold runs between that build and this one (same
 * browser, same feeds, same floor) and prints both, for a before/after under the same load.
 */
import type { Browser, BrowserContext, CDPSession, Page } from '@playwright/test';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { loadavg } from 'node:os';
import { startFeedServer } from '../tests/support/feed-server';
import { startBrowserHost } from '../tests/support/browser-host';
import { storedArticleCount } from '../tests/support/library-probes';
import { launchChromium, median, ms, percentile, startAppHost, versus } from './support/chromium';
import { printProfile, profileDuring, profileWorkersDuring, type ProfileSummary } from './support/cpu-profile';
import { chromiumCpu, cpuSince, describeCpu, totalCpu, type ChromiumCpu } from './support/process-cpu';
import { rssCorpus } from './support/rss-corpus';
import { describeLongFrame, framesOverlapping, LONG_FRAME_PROBE, longFramesScript, type LongFrame } from './support/long-frames';
import { printTimeline, traceLongTasks, traceTimeline } from './support/trace-timeline';
import { timeInPage } from './support/time-in-page';
import { storedRows } from './support/library-in-page';
import { BENCH_HOSTS, benchFeedUrl as feedUrl, openLibrary as openLibraryWith, routedFetch } from './support/bench-feeds';
import { openBulkPutFloor, type StoredRows } from './support/bulkput-floor';

const FEEDS = Number(process.env.BENCH_CSYNC_FEEDS ?? 500);
const ITEMS = Number(process.env.BENCH_CSYNC_ITEMS ?? 50);
const RUNS = Math.max(1, Number(process.env.BENCH_CSYNC_RUNS ?? 5));
const COLD_RUNS = Math.max(1, Number(process.env.BENCH_CSYNC_COLD_RUNS ?? 5));
const WARMUP_FEEDS = 50;
/**
 * Runs stop early past this, and the output says so. A round is a cold sync and the floor's three shapes (~2.5 min on a
 * quiet 2-core machine with Chromium 150), so 5 rounds fit; on a busy machine they may not.
 */
const BUDGET_MS = 15 * 60_000;
/** BENCH_CSYNC_PROFILE=1 prints a CPU profile of the page during the cold sync and one warm sync (see support/cpu-profile.ts). */
const PROFILE = process.env.BENCH_CSYNC_PROFILE === '1';
const BASELINE_DIR = process.env.BENCH_CSYNC_BASELINE_DIR;
/** BENCH_CSYNC_READING=0 skips the row of a person reading during a cold sync (READING_RUNS more cold syncs per build). */
const READING = process.env.BENCH_CSYNC_READING !== '0';
/** Cold syncs read during, per build (BENCH_CSYNC_READING_RUNS); their figures are pooled. */
const READING_RUNS = Math.max(1, Number(process.env.BENCH_CSYNC_READING_RUNS ?? 2));
/** Busiest Chromium threads printed beside each run's CPU (IndexedDB's backend, the workers, the IPC threads). */
const THREADS = 6;
/** BENCH_CSYNC_TRACE=1 records a Chromium trace of the first cold sync and prints each thread's busy time over it. */
const TRACE = process.env.BENCH_CSYNC_TRACE === '1';
const NEWEST = Date.UTC(2025, 0, 15);


/**
 * Installed before the app's scripts: collects long tasks, and times each Shift+R sync from the key to the end,
 * sampling the status line ("Syncing 120 of 500 · … · 6000 new") on every change.
 */
const PROBE = `(() => {
  const bench = { longTasks: [], syncs: [] };
  globalThis.__benchSync = bench;
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) bench.longTasks.push({ start: entry.startTime, duration: entry.duration });
  }).observe({ type: 'longtask', buffered: true });
  addEventListener('keydown', (event) => {
    if (event.key !== 'R' || !event.shiftKey) return;
    const sync = { start: performance.now(), shownAt: null, end: null, samples: [] };
    bench.syncs.push(sync);
    // The line found once and held while it is in the page: a query of the whole page at each of the page's DOM
    // changes was a twentieth of the page thread's CPU during a sync, the bench's work counted as the app's.
    let found = null;
    const status = () => (found && found.isConnected ? found : (found = document.querySelector('[role="status"][aria-label="Sync progress"]')));
    const observer = new MutationObserver(() => {
      const line = status();
      if (line) {
        if (sync.shownAt === null) sync.shownAt = performance.now();
        // Counts are formatted for the reader ("6,000 new"): digits only.
        const match = /Syncing ([\\d,]+) of ([\\d,]+)(?:.* · ([\\d,]+) new)?/.exec(line.textContent || '');
        const count = (text) => Number((text || '0').replace(/,/g, ''));
        if (match) sync.samples.push({ at: performance.now(), done: count(match[1]), added: count(match[3]) });
      } else if (sync.shownAt !== null) {
        sync.end = performance.now();
        observer.disconnect();
      }
    });
    observer.observe(document.body, { childList: true, subtree: true, characterData: true });
  }, true);
})();`;

interface SyncTiming {
  start: number;
  shownAt: number;
  end: number;
  samples: Array<{ at: number; done: number; added: number }>;
}

interface LongTask {
  start: number;
  duration: number;
}

const articleCount = storedArticleCount;

/** Presses Shift+R and waits for the sync status line to come and go; returns the page's timing of it. */
async function refreshAll(page: Page): Promise<SyncTiming> {
  const before = await page.evaluate(() => (globalThis as unknown as { __benchSync: { syncs: unknown[] } }).__benchSync.syncs.length);
  await page.keyboard.press('Shift+R');
  const handle = await page.waitForFunction(
    (index) => {
      const sync = (globalThis as unknown as { __benchSync: { syncs: Array<SyncTiming | { end: null }> } }).__benchSync.syncs[index];
      return sync && sync.end !== null ? sync : null;
    },
    before,
    { polling: 250, timeout: 300_000 },
  );
  return (await handle.jsonValue()) as SyncTiming;
}

const longTasksOf = (page: Page) => page.evaluate(() => (globalThis as unknown as { __benchSync: { longTasks: LongTask[] } }).__benchSync.longTasks);

/** A fresh context (empty IndexedDB) with `urls` subscribed, the sync probes in its page, ready for Shift+R. */
async function openLibrary(browser: Browser, hostUrl: string, urls: readonly string[]): Promise<{ context: BrowserContext; page: Page }> {
  const page = await openLibraryWith(browser, hostUrl, urls, [PROBE, LONG_FRAME_PROBE]);
  return { context: page.context(), page };
}

/**
 * Articles per second over each fifth of the feeds, from the status line samples; the last fifth ends with every
 * article stored (`stored`): the last sample may predate the last merges (progress is sampled, the end is not).
 * A fifth that ends in the same progress step as the one before it (one commit of many feeds crosses a fifth's line,
 * or the line went away before a sample showed it) has no rate of its own: null, its articles counted in the rate
 * before it. (Divided by a zero interval it printed NaN, and a fifth no sample reached dropped the rest.)
 */
function ratesByFifth(sync: SyncTiming, feeds: number, stored: number): Array<number | null> {
  const rates: Array<number | null> = [];
  const end = { at: sync.end, added: Math.max(stored, sync.samples[sync.samples.length - 1]?.added ?? 0) };
  let from = { at: sync.start, added: 0 };
  for (let k = 1; k <= 5; k++) {
    const to = (k < 5 ? sync.samples.find((s) => s.done >= (k * feeds) / 5) : undefined) ?? end;
    if (to.at <= from.at) {
      rates.push(null);
      continue;
    }
    rates.push((to.added - from.added) / ((to.at - from.at) / 1000));
    from = to;
  }
  return rates;
}

/** Long tasks on the page's main thread between a sync's key press and its end. */
async function longTasksDuring(page: Page, sync: SyncTiming): Promise<number[]> {
  return (await longTasksWithin(page, sync)).map((task) => task.duration);
}

const longTasksWithin = async (page: Page, sync: SyncTiming): Promise<LongTask[]> =>
  (await longTasksOf(page)).filter((task) => task.start >= sync.start && task.start <= sync.end);

/** Each long task of a sync with what ran in it (the long animation frames it falls in), one line each. */
async function explainLongTasks(page: Page, sync: SyncTiming): Promise<string[]> {
  const tasks = await longTasksWithin(page, sync);
  if (tasks.length === 0) return [];
  const frames = await page.evaluate(longFramesScript);
  return tasks.map((task) => {
    const inside: LongFrame[] = framesOverlapping(frames, task.start, task.start + task.duration);
    const where = `long task ${ms(task.duration)} at ${((task.start - sync.start) / 1000).toFixed(1)} s`;
    return `    ${where}: ${inside.length ? inside.map(describeLongFrame).join(' | ') : 'no long animation frame recorded'}`;
  });
}

/** CPU of the page's main thread (the renderer process's main thread takes the binary's name). */
const pageThreadMs = (cpu: ChromiumCpu) => cpu.byThread.get('renderer/chromium') ?? 0;

const describeTasks = (durations: readonly number[]) =>
  `${durations.length} tasks${durations.length ? `, longest ${ms(Math.max(...durations))}` : ''}`;

/**
 * The sync's largest merge transaction (the engine's default maxMergeArticles): the floor is also measured in
 * transactions of this many articles, as the sync writes them.
 */
const SYNC_TRANSACTION_ARTICLES = 3000;

/**
 * The floor's shapes: the same rows in one transaction, in transactions of the sync's size, and in small ones. The
 * fastest (by median) is the floor: which one is fastest is the browser's (session 8's Chromium 156 wrote one
 * transaction fastest; Chromium 150's IndexedDB backend spent 38-44 s of CPU on 25,000 articles in one transaction,
 * 28-31 s in transactions of 500, anywhere from 27 to 50 s in those of 3,000: bench/_floor-probe.ts and this bench,
 * session 10), and a floor only one shape can reach would flatter the sync.
 */
const FLOOR_SHAPES: ReadonlyArray<{ label: string; perTransaction?: number }> = [
  { label: 'one transaction' },
  { label: `transactions of ${SYNC_TRANSACTION_ARTICLES}`, perTransaction: SYNC_TRANSACTION_ARTICLES },
  { label: 'transactions of 500', perTransaction: 500 },
];

interface FloorRound {
  /** ms per shape, in FLOOR_SHAPES' order. */
  ms: number[];
  /** Chromium's CPU over each shape's bulkPut (the browser process's is IndexedDB's backend). */
  cpu: ChromiumCpu[];
}

/**
 * The floor (support/bulkput-floor.ts): `measure()` times a bulkPut of both tables in each of FLOOR_SHAPES, each in a
 * browser context of its own (an IndexedDB nothing was written to before, as each cold sync's library), with
 * Chromium's CPU over it. The shapes take turns going first. Measured between the cold syncs, so floor and sync see
 * the same load.
 */
async function openFloor(browser: Browser, hostUrl: string, rows: StoredRows): Promise<{ measure(): Promise<FloorRound>; close(): Promise<void> }> {
  const floor = await openBulkPutFloor(browser, hostUrl, rows);
  let runs = 0;
  return {
    async measure() {
      const round: FloorRound = { ms: [], cpu: [] };
      for (let k = 0; k < FLOOR_SHAPES.length; k++) {
        const s = (runs + k) % FLOOR_SHAPES.length;
        const shape = FLOOR_SHAPES[s] as (typeof FLOOR_SHAPES)[number];
        const prepared = await floor.prepare(shape.perTransaction === undefined ? {} : { perTransaction: shape.perTransaction });
        try {
          const before = chromiumCpu();
          round.ms[s] = await prepared.bulkPut();
          round.cpu[s] = cpuSince(before);
        } finally {
          await prepared.close();
        }
      }
      runs++;
      return round;
    },
    close: () => floor.close(),
  };
}

/** CPU of the browser process (IndexedDB's backend runs there). */
const browserProcessMs = (cpu: ChromiumCpu) => cpu.byType.get('browser') ?? 0;

/** The reader frame's heading (the article shown), or null. */
const SHOWN_HEADING = `(document.querySelector('iframe.reader-frame')?.contentDocument?.querySelector('h1')?.textContent ?? null)`;
/** The list's row that is selected, or null. */
const SELECTED_ROW = `document.querySelector('[role="listbox"] [role="option"][aria-selected="true"]')`;
/**
 * The reader shows the selected row's article, another than the one shown before the action. Read from the screen
 * at each check: during a sync new rows come into the list above and below, so the row a key opens is known only once
 * the app has handled it.
 */
const READER_SHOWS_SELECTED = `((h, row) => h !== null && h !== window.__benchShown && row !== null && row.querySelector('.row-title')?.textContent === h)(${SHOWN_HEADING}, ${SELECTED_ROW})`;

/** Clicks a row two below the selected one (the first row not selected when that one is not in the DOM). */
const CLICK_A_ROW = `window.__benchShown = ${SHOWN_HEADING};
  const rows = [...document.querySelectorAll('[role="listbox"] [role="option"]')].sort((a, b) => Number(a.getAttribute('aria-posinset')) - Number(b.getAttribute('aria-posinset')));
  const at = rows.findIndex((row) => row.getAttribute('aria-selected') === 'true');
  const target = (at >= 0 ? rows[at + 2] : undefined) ?? rows.find((row) => row.getAttribute('aria-selected') !== 'true');
  target.click();`;
const PRESS = (key: string) => `document.body.dispatchEvent(new KeyboardEvent('keydown', { key: ${JSON.stringify(key)}, bubbles: true }));`;

/** What a person felt in one round of reading: two opens (a click, then j) and a read mark (m). */
interface ReadingRound {
  /** ms after Shift+R the round started. */
  at: number;
  opens: number[];
  marks: number[];
}

/**
 * The row shows the other read state than it did when the action noted it; when new rows have pushed it out of the
 * virtualised list's DOM, the reader's toolbar button for the same article ("Mark unread" once read).
 */
const ROW_STATE_CHANGED = `((row) => row
  ? row.classList.contains('is-read') === !window.__benchWasRead
  : document.querySelector('.reader-toolbar button:nth-child(2)')?.textContent === (window.__benchWasRead ? 'Mark read' : 'Mark unread'))(document.getElementById(window.__benchRow))`;
/** m in every third round only: during a sync a mark can take seconds to show, and the opens want more samples. */
const MARK_EVERY = 3;
/** A figure not reached within timeInPage's 20 s. */
const NOT_SHOWN = Number.POSITIVE_INFINITY;

/**
 * One round of reading, as a person would during a sync: click a row and press j, each until the reader shows the
 * selected row's article; then m at once, until the row shows the other read state (m marks the other way from how the
 * row is shown; the mark-read-on-open of the article j opened, 120 ms after it shows, writes the same). A write waits
 * for the readwrite transactions the sync holds on those tables, queued before it; so does the list's read after it.
 */
async function readingRound(page: Page, withMark: boolean): Promise<Omit<ReadingRound, 'at'>> {
  const timed = (act: string, done: string) => timeInPage(page, act, done).then((t) => t.present, () => NOT_SHOWN);
  const click = await timed(CLICK_A_ROW, READER_SHOWS_SELECTED);
  const j = await timed(`window.__benchShown = ${SHOWN_HEADING}; ${PRESS('j')}`, READER_SHOWS_SELECTED);
  if (!withMark) return { opens: [click, j], marks: [] };
  const mark = await timed(`const row = ${SELECTED_ROW}; window.__benchRow = row.id; window.__benchWasRead = row.classList.contains('is-read'); ${PRESS('m')}`, ROW_STATE_CHANGED);
  return { opens: [click, j], marks: [mark] };
}

/**
 * BENCH_CSYNC_READING_LOOK_MS=N: when the first rows come, the person scrolls the list with the wheel and reads it for
 * N ms before the first open, as a person does; default 0, the first row is opened as soon as it shows.
 */
const LOOK_MS = Math.max(0, Number(process.env.BENCH_CSYNC_READING_LOOK_MS ?? 0));

async function lookAtTheList(page: Page): Promise<void> {
  const box = await page.locator('[role="listbox"]').boundingBox();
  if (box) {
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    await page.mouse.wheel(0, 120);
  }
  await page.waitForTimeout(LOOK_MS);
}

/**
 * A person reading during a cold sync of a fresh library: Shift+R, then reading rounds one after another (from the
 * sync's first rows until its status line goes), each spread from the next by a quarter second so they fall at
 * different points of the merges; then as many rounds on the same app idle after the sync (the floor: the same
 * actions, the same library, nothing syncing). Its own cold sync, so the cold-sync row above is not disturbed.
 */
async function readingDuringSync(browser: Browser, hostUrl: string, urls: readonly string[]): Promise<{ during: ReadingRound[]; idle: ReadingRound[]; syncMs: number; cpu: ChromiumCpu }> {
  const { context, page } = await openLibrary(browser, hostUrl, urls);
  try {
    const index = await page.evaluate(() => (globalThis as unknown as { __benchSync: { syncs: unknown[] } }).__benchSync.syncs.length);
    const ended = () => page.evaluate((i) => (globalThis as unknown as { __benchSync: { syncs: SyncTiming[] } }).__benchSync.syncs[i]?.end ?? null, index);
    const chromeCpu = chromiumCpu();
    const pressed = performance.now();
    await page.keyboard.press('Shift+R');
    await page.locator('[role="listbox"] [role="option"]').first().waitFor({ timeout: 120_000 });
    if (LOOK_MS > 0) await lookAtTheList(page);
    const during: ReadingRound[] = [];
    while ((await ended()) === null) {
      const at = performance.now() - pressed;
      during.push({ at, ...(await readingRound(page, during.length % MARK_EVERY === 0)) });
      await page.waitForTimeout(250);
    }
    const sync = (await page.evaluate((i) => (globalThis as unknown as { __benchSync: { syncs: SyncTiming[] } }).__benchSync.syncs[i], index)) as SyncTiming;
    const cpu = cpuSince(chromeCpu);
    const idle: ReadingRound[] = [];
    for (let r = 0; r < Math.max(MARK_EVERY, during.length); r++) idle.push({ at: performance.now() - pressed, ...(await readingRound(page, r % MARK_EVERY === 0)) });
    return { during, idle, syncMs: sync.end - sync.start, cpu };
  } finally {
    await context.close();
  }
}

/** "p50 12.0 ms, p95 20.0 ms, max 30.0 ms" of a list of times. */
const spread = (xs: readonly number[]) => {
  const shown = xs.filter(Number.isFinite);
  const missed = xs.length - shown.length;
  return `p50 ${ms(percentile(xs, 50))}, p95 ${ms(percentile(xs, 95))}, max ${ms(Math.max(...shown))}${missed ? ` (${missed} of ${xs.length} not shown within 20 s, counted as endless)` : ''}`;
};

/** CPU profiles of the page's main thread and of the sync worker around one sync. */
async function profileBoth(cdp: CDPSession, label: string, action: () => Promise<unknown>): Promise<void> {
  let workers: Array<ProfileSummary | null> = [];
  // Raw profiles (BENCH_PROFILE_DIR) named after the sync and the thread.
  const name = (thread: string) => `csync-${label.replace(/^(the|a) /, '')}-${thread}`;
  const page = await profileDuring(
    cdp,
    async () => (workers = await profileWorkersDuring(cdp, [(url) => url.includes('sync-worker'), (url) => url.includes('search-worker')], action, 15, [name('sync-worker'), name('search-worker')])),
    15,
    name('page'),
  );
  const [worker, search] = workers;
  printProfile(label, page);
  if (worker) printProfile(label, worker, "the sync worker's thread");
  else console.log('  (no sync worker target found to profile)');
  if (search) printProfile(label, search, "the search worker's thread");
}

export async function run(): Promise<void> {
  const benchStarted = performance.now();
  // A baseline build doubles the cold runs: so does the budget.
  const overBudget = () => performance.now() - benchStarted > BUDGET_MS * (BASELINE_DIR ? 2 : 1);
  const server = await startFeedServer();
  for (const [path, body] of rssCorpus({ feeds: FEEDS, items: ITEMS, seed: 20250115, newest: NEWEST })) server.setFeed(path, body, { etag: '"v1"' });
  for (const [path, body] of rssCorpus({ feeds: WARMUP_FEEDS, items: ITEMS, seed: 7, newest: NEWEST, prefix: 'warmup' })) server.setFeed(path, body, { etag: '"v1"' });
  const host = await startAppHost(routedFetch(server));
  const baseline = BASELINE_DIR ? await startBrowserHost({ rendererDir: BASELINE_DIR, version: '0.1.0', fetch: routedFetch(server) }) : null;
  const browser = await launchChromium();
  try {
    console.log(`chromium-sync: Chromium ${browser.version()}, ${FEEDS} feeds × ${ITEMS} items on ${BENCH_HOSTS} host names, syncs started by Shift+R, merged in the app's sync worker`);
    // Warm-up (JIT, connections, the browser host): a small library of other feeds, cold then warm.
    const warmup = await openLibrary(browser, host.url, Array.from({ length: WARMUP_FEEDS }, (_, f) => feedUrl('warmup', f)));
    const warmupCold = await refreshAll(warmup.page);
    const warmupWarm = await refreshAll(warmup.page);
    await warmup.context.close();
    console.log(`  warm-up (${WARMUP_FEEDS} feeds): cold ${ms(warmupCold.end - warmupCold.start)}, warm ${ms(warmupWarm.end - warmupWarm.start)}`);

    // Cold syncs, each of a fresh library; the last one stays open for the warm syncs. With a baseline build, each
    // round syncs the baseline's library first, then this build's. A floor measurement follows each round.
    const urls = Array.from({ length: FEEDS }, (_, f) => feedUrl('feed', f));
    const builds = baseline ? [{ label: 'baseline', host: baseline }, { label: 'this build', host }] : [{ label: '', host }];
    const coldMs = builds.map(() => [] as number[]);
    const coldTasks = builds.map(() => [] as number[][]);
    const coldPageCpu = builds.map(() => [] as number[]);
    const floorMs = FLOOR_SHAPES.map(() => [] as number[]);
    let floor: Awaited<ReturnType<typeof openFloor>> | null = null;
    let rows: StoredRows | null = null;
    let articles = 0;
    let last: { context: BrowserContext; page: Page } | null = null;
    for (let r = 0; r < COLD_RUNS && (r === 0 || !overBudget()); r++) {
      for (const [b, build] of builds.entries()) {
        await last?.context.close();
        last = await openLibrary(browser, build.host.url, urls);
        const { context, page } = last;
        const cdp = PROFILE && r === 0 && b === builds.length - 1 ? await context.newCDPSession(page) : null;
        let cold!: SyncTiming;
        const hostCpu = process.cpuUsage();
        const chromeCpu = chromiumCpu();
        const load = loadavg()[0] ?? 0;
        const tracing = TRACE && r === 0 && b === builds.length - 1;
        if (tracing) await browser.startTracing(undefined, { categories: ['toplevel', '__metadata', 'devtools.timeline', 'v8.execute'] });
        if (cdp) await profileBoth(cdp, 'the cold sync', async () => (cold = await refreshAll(page)));
        else cold = await refreshAll(page);
        if (tracing) {
          const trace = (await browser.stopTracing()).toString('utf8');
          if (process.env.BENCH_PROFILE_DIR) {
            mkdirSync(process.env.BENCH_PROFILE_DIR, { recursive: true });
            writeFileSync(path.join(process.env.BENCH_PROFILE_DIR, 'csync-cold-sync.trace.json'), trace);
          }
          // The trace spans the sync: started just before the key press, stopped when the status line had gone.
          const timeline = traceTimeline(trace, 20);
          printTimeline(timeline.threads, timeline.sliceMs, 16);
          const inside = (task: ReturnType<typeof traceLongTasks>[number]) => task.inside.map((e) => `${e.name} ${e.ms.toFixed(0)}`).join(' · ');
          const cpu = (task: ReturnType<typeof traceLongTasks>[number]) => (task.cpuMs === null ? '' : ` (CPU ${ms(task.cpuMs)})`);
          for (const task of traceLongTasks(trace)) console.log(`    long task ${ms(task.ms)}${cpu(task)}: ${inside(task)}`);
          // Long tasks are rare; what the page's costliest tasks hold says what would become one on a busier core.
          for (const task of traceLongTasks(trace, 0, 8)) console.log(`    page task ${ms(task.ms)}${cpu(task)}: ${inside(task)}`);
        }
        const used = cpuSince(chromeCpu);
        const hostCpuMs = ((u) => (u.user + u.system) / 1000)(process.cpuUsage(hostCpu));
        articles = await articleCount(page);
        if (articles !== FEEDS * ITEMS) console.log(`  cold run ${r + 1}: ${articles} articles stored, expected ${FEEDS * ITEMS}!`);
        coldMs[b]?.push(cold.end - cold.start);
        const tasks = await longTasksDuring(page, cold);
        coldTasks[b]?.push(tasks);
        coldPageCpu[b]?.push(pageThreadMs(used));
        const fifths = ratesByFifth(cold, FEEDS, articles);
        console.log(
          `  cold run ${r + 1}${build.label ? ` (${build.label})` : ''}: ${ms(cold.end - cold.start)} · load average ${load.toFixed(1)} → ${(loadavg()[0] ?? 0).toFixed(1)} · per fifth of the feeds: ${fifths.map((x) => (x === null ? '↑' : Math.round(x))).join(', ')} articles/s (↑: counted in the fifth before) · UI-thread long tasks: ${describeTasks(tasks)}\n` +
            `    ${describeCpu(used, THREADS)} · page thread ${(pageThreadMs(used) / 1000).toFixed(2)} s · bench process (browser host + feed server) ${(hostCpuMs / 1000).toFixed(1)} s`,
        );
        for (const line of await explainLongTasks(page, cold)) console.log(line);
        if (!rows) rows = await storedRows(page);
      }
      floor ??= await openFloor(browser, host.url, rows as StoredRows);
      const load = loadavg()[0] ?? 0;
      const measured = await floor.measure();
      measured.ms.forEach((x, s) => floorMs[s]?.push(x));
      const shapes = FLOOR_SHAPES.map((shape, s) => `${shape.label} ${ms(measured.ms[s] ?? NaN)} (Chromium CPU ${((totalCpu(measured.cpu[s] as ChromiumCpu)) / 1000).toFixed(1)} s, browser process ${(browserProcessMs(measured.cpu[s] as ChromiumCpu) / 1000).toFixed(1)} s)`);
      console.log(`  floor ${r + 1}, each shape in a fresh context: ${shapes.join(', ')} · load average ${load.toFixed(1)} → ${(loadavg()[0] ?? 0).toFixed(1)}`);
    }
    await floor?.close();
    if (!last || !rows) return;
    const { page } = last;
    const floorRows = rows.articles.length;
    const shapeMs = floorMs.map((xs) => median(xs));
    const fastest = shapeMs.indexOf(Math.min(...shapeMs));
    const floorRate = floorRows / ((shapeMs[fastest] as number) / 1000);
    const shapesText = FLOOR_SHAPES.map((shape, s) => `${shape.label} ${ms(shapeMs[s] as number)}`).join(', ');
    for (const [b, build] of builds.entries()) {
      const times = coldMs[b] ?? [];
      const rate = articles / (median(times) / 1000);
      const ratio = rate / floorRate;
      const shortRuns = times.length < COLD_RUNS ? ` (${times.length} of ${COLD_RUNS} runs: stopped at the time budget of ${BUDGET_MS / 60_000} min)` : '';
      console.log(
        `cold sync${build.label ? ` (${build.label})` : ''} (all new, Shift+R → status line gone): ${articles} articles in ${ms(median(times))} median of ${times.length}${shortRuns} (runs: ${times.map((t) => t.toFixed(0)).join(', ')} ms) → ${Math.round(rate)} articles merged/s · ` +
          `floor, raw Dexie bulkPut of the same ${floorRows} article + content rows into a fresh context's empty IndexedDB, the fastest shape by median (${shapesText}): ${FLOOR_SHAPES[fastest]?.label}, ${Math.round(floorRate)} articles/s · ` +
          `sync/floor ${(100 * ratio).toFixed(0)} % · target >= 80 %: ${ratio >= 0.8 ? 'met' : `MISSED by ${(0.8 / ratio).toFixed(1)}x`}`,
      );
    }
    for (const [b, build] of builds.entries()) {
      const perRun = coldTasks[b] ?? [];
      const allCold = perRun.flat();
      console.log(
        `UI-thread long tasks during the cold syncs${build.label ? ` (${build.label})` : ''} (PerformanceObserver 'longtask', each > 50 ms): ${perRun.map((t) => t.length).join(', ')} per run, longest ${ms(Math.max(0, ...allCold))} · target none > 50 ms: ${allCold.length === 0 ? 'met' : 'MISSED'} · ` +
          `page-thread CPU per cold sync: ${(coldPageCpu[b] ?? []).map((c) => (c / 1000).toFixed(2)).join(', ')} s`,
      );
    }

    // Warm syncs of the last library (all 304), after one warm-up sync.
    const cdp = PROFILE ? await last.context.newCDPSession(page) : null;
    if (cdp) await profileBoth(cdp, 'a warm sync', () => refreshAll(page));
    const warm: number[] = [];
    const warmTasks: number[] = [];
    for (let r = 0; r <= RUNS && (warm.length === 0 || !overBudget()); r++) {
      const sync = await refreshAll(page);
      if (r === 0) continue;
      warm.push(sync.end - sync.start);
      warmTasks.push(...(await longTasksDuring(page, sync)));
    }
    const after = await articleCount(page);
    console.log(
      `warm sync (all 304): ${FEEDS} feeds in ${ms(median(warm))} median of ${warm.length} after a warm-up${warm.length < RUNS ? ` (stopped at the time budget of ${BUDGET_MS / 60_000} min)` : ''} (runs: ${warm.map((w) => w.toFixed(0)).join(', ')} ms) · ` +
        `UI-thread long tasks: ${describeTasks(warmTasks)} · target <= 3 s: ${versus(median(warm), 3000.001)}` +
        (after === articles ? '' : ` · article count changed to ${after}!`),
    );
    await last.context.close();

    // A person reading during a cold sync: each build syncs READING_RUNS more fresh libraries (alternating builds)
    // while its reader is used; figures pooled per build.
    const reading = builds.map(() => ({ during: [] as ReadingRound[], idle: [] as ReadingRound[] }));
    for (let r = 0; r < (READING ? READING_RUNS : 0); r++) {
      for (const [b, build] of builds.entries()) {
        const load = loadavg()[0] ?? 0;
        const { during, idle, syncMs, cpu } = await readingDuringSync(browser, build.host.url, urls);
        reading[b]?.during.push(...during);
        reading[b]?.idle.push(...idle);
        const at = (round: ReadingRound) => (round.at / 1000).toFixed(1);
        const each = (rounds: ReadingRound[], of: 'opens' | 'marks') => rounds.flatMap((round) => round[of]).map((x) => x.toFixed(0)).join(', ');
        console.log(
          `  reading during a cold sync ${r + 1}${build.label ? ` (${build.label})` : ''}: sync ${ms(syncMs)} with ${during.length} rounds starting at ${during.map(at).join(', ')} s after Shift+R · load average ${load.toFixed(1)} → ${(loadavg()[0] ?? 0).toFixed(1)} · ${describeCpu(cpu, THREADS)}\n` +
            `    opens during (ms): ${each(during, 'opens')} · idle: ${each(idle, 'opens')}\n` +
            `    read marks during (ms): ${each(during, 'marks')} · idle: ${each(idle, 'marks')}`,
        );
      }
    }
    for (const [b, build] of (READING ? builds : []).entries()) {
      const { during, idle } = reading[b] as { during: ReadingRound[]; idle: ReadingRound[] };
      const opens = during.flatMap((r) => r.opens);
      const idleOpens = idle.flatMap((r) => r.opens);
      const marks = during.flatMap((r) => r.marks);
      const idleMarks = idle.flatMap((r) => r.marks);
      if (opens.length === 0) {
        console.log(`open an article during a cold sync${build.label ? ` (${build.label})` : ''}: every sync ended before its first rows could be opened`);
        continue;
      }
      console.log(
        `open an article during a cold sync${build.label ? ` (${build.label})` : ''} (click and j → reader heading shown, ${opens.length} opens spread over ${READING_RUNS} syncs): ${spread(opens)} · ` +
          `the same opens on the idle app after it (floor): ${spread(idleOpens)} · p50 ${(percentile(opens, 50) / percentile(idleOpens, 50)).toFixed(1)}×, p95 ${(percentile(opens, 95) / percentile(idleOpens, 95)).toFixed(1)}× the idle app's · ` +
          `read mark (m → row shows it, ${marks.length} during the syncs): ${spread(marks)} · idle: ${spread(idleMarks)}`,
      );
    }
  } finally {
    await browser.close();
    await host.close();
    await baseline?.close();
    await server.close();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) void run();
