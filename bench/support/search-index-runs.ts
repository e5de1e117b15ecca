/**
 * bench/ui's `BENCH_UI_ONLY=index` part: the search index's first build and its restart, each repeated (one build per
 * page load is what the full run measures; its spread on a shared machine is larger than the changes being judged).
 * A build: the saved snapshot's row is deleted (the app then rebuilds from the library, as on a first start), the
 * page reloaded, and the time taken from that page load until the snapshot is saved again, with the renderer
 * process's CPU time (page + Workers) over the same span. Restarts are measured in a bare Chromium
 * (restart-runs.ts); with BENCH_UI_PROFILE=1 a restart's search Worker is profiled here from its first instruction.
 */
import type { CDPSession, Page } from '@playwright/test';
import { median, ms, waitForApp } from './chromium';
import { printProfile } from './cpu-profile';
import { chromiumCpu } from './process-cpu';
import { profileWorkerFromStart } from './worker-start-profile';

/** CPU time (user + system) of this run's Chromium renderer processes (page + Workers), in ms. */
function rendererCpuMs(): number {
  return chromiumCpu().byType.get('renderer') ?? 0;
}

/** Until the search Worker has built its index and saved the snapshot (its row exists); ms since that page's navigation start. Polls every 50 ms. */
export function waitForSnapshotRow(page: Pick<Page, 'evaluate'>): Promise<number> {
  return page.evaluate(
    () =>
      new Promise<number>((resolve, reject) => {
        const deadline = performance.now() + 240_000;
        const look = () => {
          const open = indexedDB.open('broadsheet');
          open.onerror = () => reject(open.error);
          open.onsuccess = () => {
            const db = open.result;
            const get = db.transaction('searchSnapshots').objectStore('searchSnapshots').count();
            get.onsuccess = () => {
              db.close();
              if (get.result > 0) resolve(performance.now());
              else if (performance.now() > deadline) reject(new Error('no search snapshot after 4 minutes'));
              else setTimeout(look, 50);
            };
          };
        };
        look();
      }),
  );
}

/** Deletes the saved snapshot's row, so the next load builds the index from the library. */
function forgetSnapshot(page: Page): Promise<void> {
  return page.evaluate(
    () =>
      new Promise<void>((resolve, reject) => {
        const open = indexedDB.open('broadsheet');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const db = open.result;
          const tx = db.transaction('searchSnapshots', 'readwrite');
          tx.objectStore('searchSnapshots').clear();
          tx.oncomplete = () => {
            db.close();
            resolve();
          };
          tx.onerror = () => reject(tx.error);
        };
      }),
  );
}

interface Usable {
  at: number;
  loadMs: number | null;
}

function usableMark(page: Page): Promise<Usable | null> {
  return page.evaluate(
    () =>
      new Promise<Usable | null>((resolve) => {
        const started = performance.now();
        const look = () => {
          const mark = performance.getEntriesByName('broadsheet:search-usable')[0] as PerformanceMark | undefined;
          if (mark) return resolve({ at: mark.startTime, loadMs: (mark.detail as { loadMs: number | null }).loadMs });
          if (performance.now() - started > 60_000) return resolve(null);
          setTimeout(look, 10);
        };
        look();
      }),
  );
}

const isSearchWorker = (url: string) => url.includes('search-worker');

export async function measureIndexRuns(
  page: Page,
  cdp: CDPSession,
  options: { runs: number; profile: boolean },
): Promise<void> {
  const builds: Array<{ wall: number; cpu: number }> = [];
  for (let r = 0; r < options.runs; r++) {
    await forgetSnapshot(page);
    const cpu = rendererCpuMs();
    await page.reload();
    const wall = await waitForSnapshotRow(page);
    builds.push({ wall, cpu: rendererCpuMs() - cpu });
    await waitForApp(page);
  }
  const walls = builds.map((b) => b.wall);
  console.log(
    `search index build, repeated (snapshot row deleted, reload, until the snapshot is saved again; ${options.runs} runs): ` +
      `median ${ms(median(walls))} (min ${ms(Math.min(...walls))}, max ${ms(Math.max(...walls))}) after navigation start · target ≤ 5 s: ${median(walls) <= 5000 ? 'met' : 'MISSED'}; ` +
      `renderer CPU (page + Workers) median ${ms(median(builds.map((b) => b.cpu)))} · each: ${builds.map((b) => `${(b.wall / 1000).toFixed(2)} s / ${(b.cpu / 1000).toFixed(2)} s CPU`).join(', ')}`,
  );

  if (options.profile) {
    const restart = await profileWorkerFromStart(cdp, isSearchWorker, async () => {
      await page.reload();
      await usableMark(page);
    });
    if (restart) printProfile('a restart (reload until the saved index is usable)', restart, 'the search Worker');
    await waitForApp(page);
    await forgetSnapshot(page);
    const build = await profileWorkerFromStart(cdp, isSearchWorker, async () => {
      await page.reload();
      await waitForSnapshotRow(page);
    }, 20);
    if (build) printProfile('a first build (reload with no snapshot until it is saved)', build, 'the search Worker');
  }
}
