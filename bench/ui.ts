/**
 * The reading UI on a big library in real Chromium (issue 5 targets, issue 9's big library): the built renderer
 * served by the browser host, 100,000 articles in 1,000 feeds (fixed seed) written straight into the page's
 * IndexedDB, ~800-word HTML contents for every CONTENT_EVERY-th article. Every timing is taken inside the page with
 * performance.now(), MutationObserver and requestAnimationFrame, so Playwright's round trips are not in the figures.
 * Median of RUNS after a warm-up; targets printed beside the figures, never asserted.
 * Run: `npm run build:renderer && npx tsx bench/ui.ts`
 * (BENCH_UI_FEEDS / BENCH_UI_PER_FEED / BENCH_UI_CONTENT_EVERY / BENCH_UI_RUNS to resize).
 */
import type { CDPSession, Page } from '@playwright/test';
import { allowTsxFunctions, launchChromium, mb, median, ms, percentile, rendererDir, rendererProcesses, startAppHost, versus, waitForApp } from './support/chromium';
import { serveFloors } from './floors/serve-floors';
import { printProfile, profileDuring, profileWorkerDuring, traceDuring, type ProfileSummary } from './support/cpu-profile';
import { measureIndexRuns, waitForSnapshotRow } from './support/search-index-runs';
import { formatTimeline, timelineDuring } from './support/trace-summary';
import { measureRestarts, openBareLibrary } from './support/restart-runs';
import { seedLibrary, type SeededFeed, type SeedOptions } from './support/seed-library';
import { timeInPage, type Timed } from './support/time-in-page';

const FEEDS = Number(process.env.BENCH_UI_FEEDS ?? 1000);
const PER_FEED = Number(process.env.BENCH_UI_PER_FEED ?? 100);
const CONTENT_EVERY = Number(process.env.BENCH_UI_CONTENT_EVERY ?? 10);
const RUNS = Math.max(5, Number(process.env.BENCH_UI_RUNS ?? 5));
/** Opening is quick, so it is repeated more often than the rest, for a p95 worth the name. */
const OPEN_RUNS = Math.max(RUNS, Number(process.env.BENCH_UI_OPEN_RUNS ?? 20));
const NEWEST = Date.UTC(2025, 0, 15);
/** BENCH_UI_PROFILE=1 also prints a CPU profile of each action (readable with BENCH_RENDERER_DIR, see support/cpu-profile.ts). */
const PROFILE = process.env.BENCH_UI_PROFILE === '1';
/** `BENCH_UI_ONLY=search`: skips opening, feed switching, scrolling and their floors (a shorter run while iterating on search). */
const SEARCH_ONLY = process.env.BENCH_UI_ONLY === 'search';
/** `BENCH_UI_ONLY=index`: after the first build, only the index's build, repeated (support/search-index-runs.ts), and restarts (support/restart-runs.ts). */
const INDEX_ONLY = process.env.BENCH_UI_ONLY === 'index';
/** `BENCH_UI_ONLY=reading`: opening, feed switching and scrolling with their floors and profiles, no typing. */
const READING_ONLY = process.env.BENCH_UI_ONLY === 'reading';
const SEED: SeedOptions = { feeds: FEEDS, articlesPerFeed: PER_FEED, folders: 20, feedsInFolders: Math.floor(FEEDS / 2), contentEvery: CONTENT_EVERY, seed: 20250115, newest: NEWEST };
const SEARCH_WORDS = ['telescope', 'parliament', 'satellite', 'investigation', 'harvest', 'festival', 'mortgage'];

/** Installed before the app's scripts on every load: notes when the first article row enters the DOM. */
const FIRST_ROW_PROBE = `(() => {
  const probe = { firstRow: null, nextFrame: null };
  globalThis.__benchLoad = probe;
  const observer = new MutationObserver(() => {
    if (probe.firstRow !== null || !document.querySelector('[role="listbox"] [role="option"]')) return;
    probe.firstRow = performance.now();
    requestAnimationFrame(() => { probe.nextFrame = performance.now(); });
    observer.disconnect();
  });
  observer.observe(document, { childList: true, subtree: true });
})();`;

/** The reader frame shows the article whose title the action noted. */
const frameHeading = `document.querySelector('iframe.reader-frame')?.contentDocument?.querySelector('h1')?.textContent === window.__benchTitle`;

/** Clicks the list row at `index` (0-based), until the reader shows it. */
const openByClick = (page: Page, index: number) =>
  timeInPage(
    page,
    `const row = document.querySelector('[role="listbox"] [role="option"][aria-posinset="${index + 1}"]'); window.__benchTitle = row.querySelector('.row-title').textContent; row.click();`,
    frameHeading,
  );

/** Presses j, which opens the row at `index` (the one after the open one), until the reader shows it. */
const openByJ = (page: Page, index: number) =>
  timeInPage(
    page,
    `const row = document.querySelector('[role="listbox"] [role="option"][aria-posinset="${index + 1}"]'); window.__benchTitle = row.querySelector('.row-title').textContent; document.body.dispatchEvent(new KeyboardEvent('keydown', { key: 'j', bubbles: true }));`,
    frameHeading,
  );

/** The page's main-thread busy time (CDP TaskDuration, ms) spent while `action` runs. */
async function cpuDuring<T>(cdp: CDPSession, action: () => Promise<T>): Promise<{ value: T; cpu: number }> {
  const taskMs = async () => {
    const { metrics } = (await cdp.send('Performance.getMetrics')) as { metrics: Array<{ name: string; value: number }> };
    return (metrics.find((m) => m.name === 'TaskDuration')?.value ?? Number.NaN) * 1000;
  };
  const before = await taskMs();
  const value = await action();
  return { value, cpu: (await taskMs()) - before };
}

/** "p50 12.0 ms, p95 20.0 ms" of a list of times. */
const p50p95 = (xs: readonly number[]) => `p50 ${ms(percentile(xs, 50))}, p95 ${ms(percentile(xs, 95))}`;
/** "1.23×" of a figure over its floor. */
const ratio = (value: number, floor: number) => `${(value / floor).toFixed(2)}×`;

async function measureLoads(page: Page): Promise<Timed[]> {
  const out: Timed[] = [];
  for (let r = 0; r <= RUNS; r++) {
    await page.reload();
    await page.waitForFunction(() => (globalThis as unknown as { __benchLoad?: { nextFrame: number | null } }).__benchLoad?.nextFrame != null, undefined, { timeout: 60_000 });
    const probe = await page.evaluate(() => (globalThis as unknown as { __benchLoad: { firstRow: number; nextFrame: number } }).__benchLoad);
    if (r > 0) out.push({ present: probe.firstRow, frame: probe.nextFrame });
  }
  return out;
}

/** After a reload: ms from navigation start until a search answers with hits (the index is loaded). */
async function waitForSearchReady(page: Page, word: string): Promise<number> {
  await page.evaluate(() => document.body.dispatchEvent(new KeyboardEvent('keydown', { key: '/', bubbles: true })));
  await page.getByRole('searchbox', { name: 'Search articles' }).waitFor();
  return page.evaluate(
    (word) =>
      new Promise<number>((resolve, reject) => {
        // Sets the field as typing does: React listens to the input event after the native value setter.
        const input = document.querySelector<HTMLInputElement>('input[aria-label="Search articles"]')!;
        const setter = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')!.set!;
        const type = (value: string) => {
          setter.call(input, value);
          input.dispatchEvent(new Event('input', { bubbles: true }));
        };
        const status = () => document.querySelector('.search-meta [role="status"]')?.textContent ?? '';
        let flip = false;
        const started = performance.now();
        const tick = () => {
          if (/^[1-9]\d*\+? results?$/.test(status())) return resolve(performance.now());
          if (performance.now() - started > 120_000) return reject(new Error('search never answered'));
          flip = !flip;
          type(flip ? word : `${word} `);
          setTimeout(tick, 20);
        };
        tick();
      }),
    word,
  );
}

/** renderer/search/search-service.ts QUERY_TIME_MARK: left by the app with each answer, the index's own query time. */
const QUERY_TIME_MARK = 'broadsheet:search-query';

interface Keystroke {
  prefix: string;
  /** Input event → the frame that paints the list with this prefix's results. */
  painted: number;
  /** The Worker's own query time for this prefix (the floor). */
  query: number;
  /** Input event → the answer's arrival on the UI thread (the app's mark): the Worker's whole turn and the messages. */
  answered: number;
  /** The Worker's time to get the first page's rows (its cache, or the library), after the query. */
  rows: number;
  /** Input event → the list pane's last change (the measure used before issue 18, no frame). */
  settled: number;
}

/**
 * Types `word` a character at a time, each after the previous one's results are on screen. Per keystroke: from the
 * input event to the animation frame after the list pane's last change that follows the answer for that prefix
 * (the app marks each answer with its query; changes before the answer belong to the previous one), and the
 * Worker's own query time from that mark.
 */
async function typeWord(page: Page, word: string): Promise<Keystroke[]> {
  return page.evaluate(
    ({ word, markName }) =>
      new Promise<Keystroke[]>((resolve, reject) => {
        const input = document.querySelector<HTMLInputElement>('input[aria-label="Search articles"]')!;
        const setter = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')!.set!;
        const type = (value: string) => {
          setter.call(input, value);
          input.dispatchEvent(new Event('input', { bubbles: true }));
        };
        const pane = document.querySelector('.list-pane')!;
        // Marks are collected as they come (polling the timeline every few ms would load the main thread).
        const answers = new Map<string, PerformanceMark>();
        const marks = new PerformanceObserver((list) => {
          for (const entry of list.getEntries()) {
            if (entry.name === markName) answers.set((entry as PerformanceMark).detail.query as string, entry as PerformanceMark);
          }
        });
        marks.observe({ type: 'mark' });
        const answerFor = (query: string) => answers.get(query);
        const out: Keystroke[] = [];
        const settleMs = 150;
        let lastChange = 0;
        // The frame after each change: requested from the observer, so it is the frame that paints that change.
        let paintedAt = 0;
        const observer = new MutationObserver(() => {
          const changed = performance.now();
          lastChange = changed;
          requestAnimationFrame(() => {
            if (lastChange === changed) paintedAt = performance.now();
          });
        });
        observer.observe(pane, { childList: true, subtree: true, characterData: true, attributes: true });
        const step = (length: number) => {
          if (length > word.length) {
            observer.disconnect();
            marks.disconnect();
            type('');
            return setTimeout(() => resolve(out), settleMs);
          }
          const prefix = word.slice(0, length);
          answers.delete(prefix);
          const started = performance.now();
          type(prefix);
          const wait = () => {
            const now = performance.now();
            if (now - started > 20_000) return reject(new Error(`no answer for ${prefix}`));
            const mark = answerFor(prefix);
            if (mark && now - Math.max(lastChange, mark.startTime) >= settleMs && paintedAt >= lastChange) {
              // An answer that changes nothing on screen (same results as the previous prefix) costs up to its frame.
              const painted = lastChange > mark.startTime ? paintedAt : mark.startTime;
              out.push({ prefix, painted: painted - started, query: (mark.detail as { ms: number }).ms, answered: mark.startTime - started, rows: (mark.detail as { rowsMs?: number }).rowsMs ?? 0, settled: Math.max(lastChange, started) - started });
              return step(length + 1);
            }
            setTimeout(wait, 5);
          };
          wait();
        };
        step(1);
      }),
    { word, markName: QUERY_TIME_MARK },
  );
}

interface FrameStats {
  deltas: number[];
  scrolledPx: number;
}

/** Scrolls the article list by `stepPx` per frame for `durationMs`, recording requestAnimationFrame deltas. */
function scrollList(page: Page, stepPx: number, durationMs: number): Promise<FrameStats> {
  return page.evaluate(
    ({ stepPx, durationMs }) =>
      new Promise<FrameStats>((resolve) => {
        const list = document.querySelector<HTMLElement>('.article-list')!;
        const deltas: number[] = [];
        const startTop = list.scrollTop;
        let last: number | null = null;
        let first: number | null = null;
        const frame = (now: number) => {
          if (last !== null) deltas.push(now - last);
          last = now;
          first ??= now;
          if (now - first >= durationMs) return resolve({ deltas, scrolledPx: list.scrollTop - startTop });
          list.scrollTop += stepPx;
          requestAnimationFrame(frame);
        };
        requestAnimationFrame(frame);
      }),
    { stepPx, durationMs },
  );
}

async function memory(page: Page, cdp: CDPSession): Promise<{ perfMemory: number; cdpHeap: number; cdpHeapAfterGc: number; renderers: ReturnType<typeof rendererProcesses> }> {
  const perfMemory = await page.evaluate(() => (performance as unknown as { memory?: { usedJSHeapSize: number } }).memory?.usedJSHeapSize ?? Number.NaN);
  const heap = async () => {
    const { metrics } = (await cdp.send('Performance.getMetrics')) as { metrics: Array<{ name: string; value: number }> };
    return metrics.find((m) => m.name === 'JSHeapUsedSize')?.value ?? Number.NaN;
  };
  const cdpHeap = await heap();
  await cdp.send('HeapProfiler.collectGarbage');
  const cdpHeapAfterGc = await heap();
  return { perfMemory, cdpHeap, cdpHeapAfterGc, renderers: rendererProcesses() };
}

const describe = (label: string, xs: readonly number[]) =>
  `${label}: median ${ms(median(xs))} (min ${ms(Math.min(...xs))}, max ${ms(Math.max(...xs))}, n=${xs.length})`;

/** Search after a restart (support/restart-runs.ts), on a library of its own seeded as above, this page's browser closed. */
async function restartsInBareChromium(hostUrl: string): Promise<void> {
  const library = await openBareLibrary(`${hostUrl}/`, SEED);
  try {
    console.log(`search after a restart: a bare Chromium's own library seeded in ${(library.seeded.ms / 1000).toFixed(1)} s, index built in ${(library.builtMs / 1000).toFixed(1)} s`);
    await measureRestarts(library, `${hostUrl}/`, rendererDir, RUNS);
  } finally {
    await library.close();
  }
}

export async function run(): Promise<void> {
  const host = await startAppHost();
  const browser = await launchChromium(['--enable-precise-memory-info']);
  try {
    const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await allowTsxFunctions(page);
    await page.addInitScript(FIRST_ROW_PROBE);
    await page.goto(`${host.url}/`);
    await waitForApp(page);

    console.log(`ui: Chromium ${browser.version()}, ${FEEDS} feeds × ${PER_FEED} articles, contents every ${CONTENT_EVERY} article(s), ${RUNS} runs after a warm-up`);
    const seeded = await seedLibrary(page, SEED);
    console.log(
      `seeded (raw IndexedDB, 50 feeds per transaction): ${seeded.articles} articles (${seeded.unread} unread), ${seeded.contents} contents ` +
        `(${mb(seeded.contentBytes * 2)} as UTF-16, ~800 words each) in ${(seeded.ms / 1000).toFixed(1)} s`,
    );

    // The first load with the library builds the search index in the Worker and saves the snapshot.
    await page.reload();
    await waitForApp(page);
    const builtAt = await waitForSnapshotRow(page);
    console.log(`search index first build (Worker, from the library): ${(builtAt / 1000).toFixed(1)} s after page load (snapshot saved)`);
    if (INDEX_ONLY) {
      const cdp = await context.newCDPSession(page);
      await measureIndexRuns(page, cdp, { runs: RUNS, profile: PROFILE });
      if (errors.length > 0) console.log(`page errors: ${errors.slice(0, 3).join(' | ')}`);
      await context.close();
      await restartsInBareChromium(host.url);
      return;
    }

    const loads = await measureLoads(page);
    console.log(describe('page load → first article row in the DOM (All unread)', loads.map((l) => l.present)) + ` · target < 500 ms: ${versus(median(loads.map((l) => l.present)), 500)}`);
    console.log(describe('page load → frame after it (painted)              ', loads.map((l) => l.frame)));

    // The index loaded (for the memory figure below). Search after a restart is measured at the end, in a bare
    // Chromium: this page's Workers are held by Playwright as they start (support/restart-runs.ts).
    await waitForApp(page);
    await waitForSearchReady(page, 'parliament');
    const cdp = await context.newCDPSession(page);
    await cdp.send('Performance.enable');
    const mem = await memory(page, cdp);
    const renderer = mem.renderers[0];
    console.log(
      `memory after load + search ready: page JS heap ${mb(mem.perfMemory)} (performance.memory), ${mb(mem.cdpHeap)} (CDP JSHeapUsedSize), ${mb(mem.cdpHeapAfterGc)} after a GC; ` +
        (renderer
          ? `renderer process (page + search Worker + DOM) RSS ${mb(renderer.rssBytes)}, PSS ${renderer.pssBytes === null ? 'n/a' : mb(renderer.pssBytes)} · target < 500 MB: ${versus(renderer.pssBytes ?? renderer.rssBytes, 500 * 1024 * 1024)}`
          : 'renderer process not found in /proc'),
    );
    await page.evaluate(() => document.body.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true })));
    await page.getByRole('listbox', { name: 'All unread articles' }).waitFor();

    // Open an article: click a row, and `j` to the next; both until the reader frame shows its heading. Rows are
    // found by their place in the list (aria-posinset), as the virtualised list only has those near the window. Between
    // the two kinds, each article opened is a neighbour of the one before (as when reading down a list).
    if (!SEARCH_ONLY) {
      const clicks: Timed[] = [];
      const js: Timed[] = [];
      const openCpu: number[] = [];
      const openedIds: string[] = [];
      for (let r = 0; r <= OPEN_RUNS; r++) {
        const click = await cpuDuring(cdp, () => openByClick(page, 2 * r));
        const j = await cpuDuring(cdp, () => openByJ(page, 2 * r + 1));
        if (r > 0) {
          clicks.push(click.value);
          js.push(j.value);
          openCpu.push(click.cpu, j.cpu);
        }
        openedIds.push(...(await page.evaluate(() => [...document.querySelectorAll('[role="listbox"] [role="option"][aria-selected="true"]')].map((row) => row.id.replace(/^article-/, '')))));
      }
      const opens = [...clicks, ...js].map((t) => t.present);
      console.log(describe('open article by click → reader heading present', clicks.map((t) => t.present)) + ` · target < 50 ms: ${versus(median(clicks.map((t) => t.present)), 50)}`);
      console.log(describe('open article by j     → reader heading present', js.map((t) => t.present)) + ` · target < 50 ms: ${versus(median(js.map((t) => t.present)), 50)}`);
      console.log(describe('open article by click → next frame            ', clicks.map((t) => t.frame)));
      console.log(
        `open article (click and j, ${opens.length} opens): heading present ${p50p95(opens)} · targets p50 ≤ 50 ms: ${versus(percentile(opens, 50), 50.01)}, ` +
          `p95 ≤ 100 ms: ${versus(percentile(opens, 95), 100.01)}; next frame ${p50p95([...clicks, ...js].map((t) => t.frame))}; main-thread CPU per open ${p50p95(openCpu)}`,
      );

      // Switch feeds: top-level feeds with unread articles, each clicked in the sidebar once.
      const targets = seeded.feeds.filter((feed: SeededFeed) => feed.folderId === null).slice(0, RUNS + 1);
      const switches: Timed[] = [];
      for (const [r, feed] of targets.entries()) {
        const t = await timeInPage(
          page,
          `document.querySelector(${JSON.stringify(`button.feed-item[title="${feed.url}"]`)}).click();`,
          `document.querySelector('[role="listbox"]')?.getAttribute('aria-label') === ${JSON.stringify(`${feed.title} articles`)} && document.querySelector('[role="listbox"] [role="option"]') !== null`,
        );
        if (r > 0) switches.push(t);
      }
      console.log(describe('switch feed (sidebar click) → its first row present', switches.map((t) => t.present)) + ` · target < 100 ms: ${versus(median(switches.map((t) => t.present)), 100)}`);
      console.log(describe('switch feed (sidebar click) → next frame           ', switches.map((t) => t.frame)));

      // Scroll All articles (100,000 rows, pages of 200 loaded as the end nears).
      await page.locator('button.nav-item', { hasText: 'All articles' }).click();
      await page.getByRole('listbox', { name: 'All articles articles' }).getByRole('option').first().waitFor();
      // Floors, same browser, same run: a bare virtualised list of the same rows (and later a bare frame with the
      // same documents), in a page of its own. Scroll runs alternate between the app and the floor, so both meet the
      // same load on a shared machine.
      const floorPage = await context.newPage();
      await allowTsxFunctions(floorPage);
      await floorPage.goto(await serveFloors(context, host.url, rendererDir));
      await floorPage.waitForFunction(() => '__floor' in globalThis);
      const floorRows = await floorPage.evaluate((count) => (globalThis as unknown as { __floor: { showList(n: number): Promise<number> } }).__floor.showList(count), 2000);
      const floorCdp = await context.newCDPSession(floorPage);
      await floorCdp.send('Performance.enable');
      const frames: number[] = [];
      const perRunP95: number[] = [];
      const scrollCpu: number[] = [];
      const scrollCpuPerFrame: number[] = [];
      const floorFrames: number[] = [];
      const floorPerRunP95: number[] = [];
      const floorCpu: number[] = [];
      const floorCpuPerFrame: number[] = [];
      let scrolled = 0;
      for (let r = 0; r <= RUNS; r++) {
        await page.bringToFront();
        const { value: stats, cpu } = await cpuDuring(cdp, () => scrollList(page, 120, 2000));
        await floorPage.bringToFront();
        const { value: floorStats, cpu: floorRunCpu } = await cpuDuring(floorCdp, () => scrollList(floorPage, 120, 2000));
        if (r === 0) continue;
        frames.push(...stats.deltas);
        perRunP95.push(percentile(stats.deltas, 95));
        scrollCpu.push(cpu / 2000);
        scrollCpuPerFrame.push(cpu / Math.max(1, stats.deltas.length));
        scrolled += stats.scrolledPx;
        floorFrames.push(...floorStats.deltas);
        floorPerRunP95.push(percentile(floorStats.deltas, 95));
        floorCpu.push(floorRunCpu / 2000);
        floorCpuPerFrame.push(floorRunCpu / Math.max(1, floorStats.deltas.length));
      }
      if (PROFILE) {
        // Where each frame's main-thread time goes, app and floor, from Chromium's timeline (ms per frame, inclusive).
        for (const [label, target] of [['app', page], ['floor', floorPage]] as const) {
          await target.bringToFront();
          let frameCount = 0;
          const totals = await timelineDuring(browser, target, async () => {
            frameCount = (await scrollList(target, 120, 2000)).deltas.length;
          });
          console.log(`  timeline of scrolling, ${label} (ms per frame over ${frameCount} frames): ${formatTimeline(totals, frameCount)}`);
        }
      }
      await page.bringToFront();
      const over = frames.filter((d) => d > 16.7).length;
      // rAF deltas jitter around 16.67 ms at 60 Hz; beyond 20 ms a frame was really skipped.
      const dropped = frames.filter((d) => d > 20).length;
      console.log(
        `list scroll (120 px per frame for 2 s, ${RUNS} runs, ${Math.round(scrolled / 96)} rows passed): rAF delta p50 ${ms(percentile(frames, 50))}, p95 ${ms(percentile(frames, 95))} ` +
          `(median of per-run p95 ${ms(median(perRunP95))}), max ${ms(Math.max(...frames))}, ${((100 * over) / frames.length).toFixed(1)}% of ${frames.length} frames over 16.7 ms, ` +
          `${((100 * dropped) / frames.length).toFixed(1)}% over 20 ms (beyond vsync jitter: a frame skipped); main thread busy ${(100 * median(scrollCpu)).toFixed(0)}% of the time (median of runs)`,
      );
      const memAfter = await memory(page, cdp);
      const rendererAfter = memAfter.renderers[0];
      console.log(
        `memory after opening ${openedIds.length} articles and scrolling ${Math.round(scrolled / 96)} rows: ` +
          (rendererAfter
            ? `renderer process (page + Workers + DOM) RSS ${mb(rendererAfter.rssBytes)}, PSS ${rendererAfter.pssBytes === null ? 'n/a' : mb(rendererAfter.pssBytes)} · target ≤ 400 MB: ${versus(rendererAfter.pssBytes ?? rendererAfter.rssBytes, 400 * 1024 * 1024 + 1)}`
            : 'renderer process not found in /proc'),
      );

      // The issue asks for medians of runs: the headline is the median over runs of each run's p95, app and floor
      // alike. Frame times come in whole vsyncs (16.7, 33.3 ms …), so the p95 of all runs' frames pooled jumps from
      // 16.7 to 33.3 ms when a little over 5 % of frames anywhere skipped one; it is printed beside, as is the
      // renderer's CPU per frame, which shows the cost a vsync-quantised frame time hides.
      const appP95 = median(perRunP95);
      const floorP95 = median(floorPerRunP95);
      console.log(
        `list scroll, app vs floor (bare @tanstack/react-virtual list of the same ${floorRows} rows): frame p95 (median of ${RUNS} runs' p95) ${ms(appP95)} vs ${ms(floorP95)} = ${ratio(appP95, floorP95)} (target ≤ 1.25×: ${appP95 <= 1.25 * floorP95 ? 'met' : 'MISSED'}); ` +
          `per-run p95 app ${perRunP95.map((x) => x.toFixed(1)).join('/')} vs floor ${floorPerRunP95.map((x) => x.toFixed(1)).join('/')} ms; ` +
          `pooled p95 of all frames ${ms(percentile(frames, 95))} vs ${ms(percentile(floorFrames, 95))} = ${ratio(percentile(frames, 95), percentile(floorFrames, 95))}; ` +
          `frames over 20 ms ${((100 * dropped) / frames.length).toFixed(1)}% vs ${((100 * floorFrames.filter((d) => d > 20).length) / Math.max(1, floorFrames.length)).toFixed(1)}%; ` +
          `p50 ${ms(percentile(frames, 50))} vs ${ms(percentile(floorFrames, 50))}; renderer CPU per frame (CDP TaskDuration, median of runs) ${ms(median(scrollCpuPerFrame))} vs ${ms(median(floorCpuPerFrame))} = ${ratio(median(scrollCpuPerFrame), median(floorCpuPerFrame))}; ` +
          `busy ${(100 * median(scrollCpu)).toFixed(0)}% vs ${(100 * median(floorCpu)).toFixed(0)}% of the time`,
      );
      const floorTitles = await floorPage.evaluate((ids) => (globalThis as unknown as { __floor: { prepareArticles(ids: string[]): Promise<string[]> } }).__floor.prepareArticles(ids), openedIds);
      await floorPage.waitForFunction(() => document.querySelector<HTMLIFrameElement>('iframe.reader-frame')?.contentDocument?.readyState === 'complete');
      const floorSrcdoc: number[] = [];
      const floorSwap: number[] = [];
      for (const [i, title] of floorTitles.entries()) {
        const next = (i + 1) % floorTitles.length;
        const srcdoc = await timeInPage(floorPage, `window.__benchTitle = ${JSON.stringify(title)}; globalThis.__floor.showBySrcdoc(${i});`, frameHeading);
        await floorPage.waitForFunction(() => document.querySelector<HTMLIFrameElement>('iframe.reader-frame')?.contentDocument?.readyState === 'complete');
        const swap = await timeInPage(floorPage, `window.__benchTitle = ${JSON.stringify(floorTitles[next])}; globalThis.__floor.showBySwap(${next});`, frameHeading);
        if (i > 0) {
          floorSrcdoc.push(srcdoc.present);
          floorSwap.push(swap.present);
        }
      }
      console.log(
        `open article, app vs floors (a bare sandboxed frame showing the same sanitised documents, ${floorSrcdoc.length} articles): heading present p50 ${ms(percentile(opens, 50))}, p95 ${ms(percentile(opens, 95))}; ` +
          `floor by srcdoc ${p50p95(floorSrcdoc)} (app ${ratio(percentile(opens, 50), percentile(floorSrcdoc, 50))} at p50); ` +
          `floor by root swap (parse + import, nothing read ahead) ${p50p95(floorSwap)} (app ${ratio(percentile(opens, 50), percentile(floorSwap, 50))} at p50)`,
      );
      await floorPage.close();
    }

    if (!READING_ONLY) {
      // Search while typing, on the whole library, index ready.
      await page.evaluate(() => document.body.dispatchEvent(new KeyboardEvent('keydown', { key: '/', bubbles: true })));
      await page.getByRole('searchbox', { name: 'Search articles' }).waitFor();
      // On the whole library: a reload whose snapshot could not be used (a save cut short by the reload before it)
      // rebuilds the index in slices, and keystrokes meanwhile would be answered from part of it by a busy Worker.
      const waitedForIndex = performance.now();
      await page.locator('.search-indexing').waitFor({ state: 'detached', timeout: 120_000 });
      const indexWait = performance.now() - waitedForIndex;
      if (indexWait > 50) console.log(`  (the index was still loading or building when search opened: waited ${ms(indexWait)} for it before typing)`);
      const keystrokes: Keystroke[] = [];
      let typingCpu = 0;
      for (const [r, word] of SEARCH_WORDS.slice(0, RUNS + 1).entries()) {
        const { value: times, cpu } = await cpuDuring(cdp, () => typeWord(page, word));
        if (r > 0) {
          keystrokes.push(...times);
          typingCpu += cpu;
        }
      }
      const painted = keystrokes.map((k) => k.painted);
      const floor = keystrokes.map((k) => k.query);
      console.log(
        `search while typing (${RUNS} words after a warm-up word, ${keystrokes.length} keystrokes, input event → list painted with the results): ` +
          `p50 ${ms(percentile(painted, 50))}, p95 ${ms(percentile(painted, 95))}, max ${ms(Math.max(...painted))} · target p95 ≤ 50 ms: ${versus(percentile(painted, 95), 50)}`,
      );
      const settled = keystrokes.map((k) => k.settled);
      console.log(`  input event → list's last change (the earlier measure, no frame): p50 ${ms(percentile(settled, 50))}, p95 ${ms(percentile(settled, 95))}`);
      console.log(
        `  floor, the Worker's own query time for the same keystrokes: p50 ${ms(percentile(floor, 50))}, p95 ${ms(percentile(floor, 95))} · ` +
          `ratio p50 ${(percentile(painted, 50) / Math.max(0.01, percentile(floor, 50))).toFixed(1)}×, p95 ${(percentile(painted, 95) / Math.max(0.01, percentile(floor, 95))).toFixed(1)}×`,
      );
      const answered = keystrokes.map((k) => k.answered);
      const afterAnswer = keystrokes.map((k) => k.painted - k.answered);
      console.log(
        `  input event → answer on the UI thread ${p50p95(answered)} (of which the Worker's row read ${p50p95(keystrokes.map((k) => k.rows))}); answer → list painted ${p50p95(afterAnswer)}`,
      );
      console.log(
        `  page main-thread CPU while typing (CDP TaskDuration; the bench's own polling included, the same for any build): ${ms(typingCpu / keystrokes.length)} per keystroke`,
      );
      const slowest = [...keystrokes].sort((a, b) => b.painted - a.painted).slice(0, 6);
      console.log(`  slowest keystrokes: ${slowest.map((k) => `"${k.prefix}" ${ms(k.painted)} (query ${ms(k.query)})`).join(', ')}`);
    }
    if (PROFILE) {
      // Scrolling first: the later profiles leave the list in states of their own.
      if (!SEARCH_ONLY) {
        await page.locator('button.nav-item', { hasText: 'All articles' }).click();
        await page.getByRole('listbox', { name: 'All articles articles' }).getByRole('option').first().waitFor();
        printProfile('scrolling All articles for 2 s', await profileDuring(cdp, () => scrollList(page, 120, 2000)));
      }
      if (!READING_ONLY) {
        // Back to search (the scroll profile left it): the UI thread and the search Worker over the same keystrokes.
        await page.evaluate(() => document.body.dispatchEvent(new KeyboardEvent('keydown', { key: '/', bubbles: true })));
        await page.getByRole('searchbox', { name: 'Search articles' }).waitFor();
        let worker: ProfileSummary | null = null;
        const typing = await profileDuring(
          cdp,
          async () => (worker = await profileWorkerDuring(cdp, (url) => url.includes('search-worker'), async () => [...(await typeWord(page, 'election')), ...(await typeWord(page, 'mortgage'))], 12, 'typing-search-worker')),
          12,
          'typing-main',
        );
        printProfile('typing "election" and "mortgage"', typing);
        if (worker) printProfile('typing "election" and "mortgage"', worker, 'the search Worker');
        // The same again as a trace, which names what the CPU profile leaves as "(program)".
        const traced = await traceDuring(cdp, async () => [...(await typeWord(page, 'election')), ...(await typeWord(page, 'mortgage'))], 14, 'typing-main');
        console.log(`  trace of typing the same words, the page's main thread (ms, nested events overlap): ${traced.map((e) => `${e.name} ${e.ms.toFixed(0)}`).join(' · ')}`);
      }
    }
    if (PROFILE && !SEARCH_ONLY) {
      await page.evaluate(() => document.body.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true })));
      await page.locator('button.nav-item', { hasText: 'All unread' }).click();
      await page.getByRole('listbox', { name: 'All unread articles' }).waitFor();
      // The scroll runs left the list far down: back to the top. Articles read above left the list with the view, so
      // the first rows are unread again: the same reading down the list as measured (click, j, click, j …).
      await page.evaluate(() => void (document.querySelector('.article-list')!.scrollTop = 0));
      await page.locator('[role="listbox"] [role="option"][aria-posinset="1"]').waitFor();
      printProfile(
        'opening 10 articles (click, j, …)',
        await profileDuring(cdp, async () => {
          for (let i = 0; i < 10; i++) await (i % 2 === 0 ? openByClick(page, i) : openByJ(page, i));
        }),
      );
      const feed = seeded.feeds.filter((f) => f.folderId === null)[RUNS + 2]!;
      printProfile(
        'switching feed',
        await profileDuring(cdp, () =>
          timeInPage(
            page,
            `document.querySelector(${JSON.stringify(`button.feed-item[title="${feed.url}"]`)}).click();`,
            `document.querySelector('[role="listbox"]')?.getAttribute('aria-label') === ${JSON.stringify(`${feed.title} articles`)}`,
          ),
        ),
      );
    }
    if (errors.length > 0) console.log(`page errors: ${errors.slice(0, 3).join(' | ')}`);
    await context.close();
    await restartsInBareChromium(host.url);
  } finally {
    await browser.close();
    await host.close();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) void run();
