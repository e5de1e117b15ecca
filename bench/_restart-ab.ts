/**
 * Search after a restart, renderer builds alternated (e.g. main's and this one's), for a before/after on a shared
 * machine: one bare Chromium (support/restart-runs.ts) on one seeded library, the host serving whichever build a
 * symlink points at, swapped before each reload, so the builds share one origin (one library) and meet the same load.
 * `RENDERERS=/tmp/before,out/renderer RUNS=6 npx tsx bench/_restart-ab.ts` (BENCH_UI_FEEDS etc. as bench/ui).
 */
import { mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startBrowserHost } from '../tests/support/browser-host';
import { median, ms } from './support/chromium';
import { floorOnce, loadAverage, openBareLibrary, probeRestarts, restartFigure, restartOnce, type RestartProbe } from './support/restart-runs';

const RENDERERS = (process.env.RENDERERS ?? '').split(',').filter(Boolean).map((dir) => path.resolve(dir));
const RUNS = Number(process.env.RUNS ?? 6);
const FEEDS = Number(process.env.BENCH_UI_FEEDS ?? 1000);
const PER_FEED = Number(process.env.BENCH_UI_PER_FEED ?? 100);
if (RENDERERS.length === 0) throw new Error('RENDERERS=dir,dir: the builds to alternate');

const scratch = mkdtempSync(path.join(tmpdir(), 'restart-ab-'));
const served = path.join(scratch, 'renderer');
const serve = (dir: string) => {
  rmSync(served, { force: true });
  symlinkSync(dir, served);
};
serve(RENDERERS[0]!);
const host = await startBrowserHost({ rendererDir: served, version: '0.1.0' });
try {
  const library = await openBareLibrary(`${host.url}/`, {
    feeds: FEEDS,
    articlesPerFeed: PER_FEED,
    folders: 20,
    feedsInFolders: Math.floor(FEEDS / 2),
    contentEvery: 10,
    seed: 20250115,
    newest: Date.UTC(2025, 0, 15),
  });
  try {
    console.log(`restart A/B: ${library.seeded.articles} articles, ${RUNS} rounds after a warm-up, builds ${RENDERERS.join(' / ')}`);
    await probeRestarts(library.page);
    const runs = new Map<string, { app: RestartProbe[]; floor: RestartProbe[]; loads: string[] }>(RENDERERS.map((dir) => [dir, { app: [], floor: [], loads: [] }]));
    for (let r = 0; r <= RUNS; r++) {
      for (const dir of RENDERERS) {
        serve(dir);
        const load = loadAverage();
        const app = await restartOnce(library.page, `${host.url}/`);
        const floor = await floorOnce(library.page, `${host.url}/`, dir);
        if (r === 0) continue;
        const mine = runs.get(dir)!;
        mine.app.push(app);
        mine.floor.push(floor);
        mine.loads.push(load);
      }
    }
    for (const [dir, { app, floor, loads }] of runs) {
      const m = (xs: RestartProbe[], key: keyof RestartProbe) => ms(median(restartFigure(xs, key)));
      console.log(
        `${dir} (load ${loads.join('/')}): usable ${m(app, 'usable')} after navigation start (each ${restartFigure(app, 'usable').map((x) => x.toFixed(0)).join('/')}), ` +
          `first hits ${m(app, 'hits')} (each ${restartFigure(app, 'hits').map((x) => x.toFixed(0)).join('/')}), Worker read + load ${m(app, 'loadMs')}, ` +
          `first row ${m(app, 'firstRow')}, typed ${m(app, 'typed')}; floor usable ${m(floor, 'usable')} (Worker ${m(floor, 'loadMs')})`,
      );
    }
  } finally {
    await library.close();
  }
} finally {
  await host.close();
  rmSync(scratch, { recursive: true, force: true });
}
