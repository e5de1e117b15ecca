/**
 * Shared by the benches that run the real app in Debian's Chromium: launch the browser as the e2e tests do, serve
 * the built renderer through the browser host, and read the renderer's memory from /proc (the search Worker's
 * heap lives in the same renderer process, so a page-only heap figure would miss it).
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Page } from '@playwright/test';
import { startBrowserHost, type BrowserHost } from '../../tests/support/browser-host';
import { CHROMIUM_ARGS, chromiumExecutable } from '../../tests/support/chromium';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
/** BENCH_RENDERER_DIR serves another build, e.g. an unminified one for readable profiles (see support/cpu-profile.ts). */
export const rendererDir = process.env.BENCH_RENDERER_DIR ?? path.join(repoRoot, 'out/renderer');

/** Launches Chromium with the e2e flags plus `extraArgs` (e.g. --enable-precise-memory-info). */
export function launchChromium(extraArgs: string[] = []): Promise<Browser> {
  return chromium.launch({ executablePath: chromiumExecutable(), args: [...CHROMIUM_ARGS, ...extraArgs] });
}

/** The browser host over out/renderer; fails with a hint when the renderer is not built. */
export function startAppHost(fetchImpl?: typeof fetch): Promise<BrowserHost> {
  if (!existsSync(path.join(rendererDir, 'index.html'))) throw new Error(`${rendererDir} is missing: run \`npm run build:renderer\` first`);
  return startBrowserHost({ rendererDir, version: '0.1.0', ...(fetchImpl ? { fetch: fetchImpl } : {}) });
}

/**
 * tsx compiles with esbuild's keepNames, which wraps nested functions in `__name(...)`; functions passed to
 * page.evaluate are serialised by their source, so the page needs a no-op `__name` or they throw.
 */
export async function allowTsxFunctions(page: Page): Promise<void> {
  const shim = 'globalThis.__name = globalThis.__name || ((fn) => fn);';
  await page.addInitScript(shim);
  await page.evaluate(shim).catch(() => undefined);
}

/** Waits until the app has opened its library (the sidebar is there), after a goto or reload. */
export async function waitForApp(page: Page): Promise<void> {
  await page.getByRole('navigation', { name: 'Feeds' }).waitFor({ timeout: 60_000 });
}

export function median(xs: readonly number[]): number {
  return percentile(xs, 50);
}

/** Nearest-rank percentile (p in 0..100). */
export function percentile(xs: readonly number[], p: number): number {
  if (xs.length === 0) return Number.NaN;
  const sorted = [...xs].sort((a, b) => a - b);
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank] as number;
}

export const ms = (x: number) => `${x.toFixed(1)} ms`;
export const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MB`;

/** "target < 500 ms: met" or "target < 500 ms: MISSED by 1.8x". */
export function versus(value: number, target: number, lowerIsBetter = true): string {
  const met = lowerIsBetter ? value < target : value >= target;
  if (met) return 'met';
  const ratio = lowerIsBetter ? value / target : target / value;
  return `MISSED by ${ratio.toFixed(1)}x`;
}

export interface ProcessMemory {
  pid: number;
  rssBytes: number;
  /** Proportional set size (shared pages divided among their users); null when smaps_rollup is unreadable. */
  pssBytes: number | null;
}

/**
 * Chromium renderer processes started by this Node process (descendants with --type=renderer), largest first.
 * Linux only; empty elsewhere.
 */
export function rendererProcesses(): ProcessMemory[] {
  let entries: string[];
  try {
    entries = readdirSync('/proc').filter((name) => /^\d+$/.test(name));
  } catch {
    return [];
  }
  const parent = new Map<number, number>();
  const cmdline = new Map<number, string>();
  for (const name of entries) {
    const pid = Number(name);
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      // Field 4 (ppid) comes after the parenthesised command name, which may itself hold spaces.
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      parent.set(pid, ppid);
      cmdline.set(pid, readFileSync(`/proc/${pid}/cmdline`, 'utf8').replace(/\0/g, ' '));
    } catch {
      // The process ended while we looked.
    }
  }
  const descends = (pid: number): boolean => {
    for (let p = parent.get(pid), hops = 0; p !== undefined && hops < 20; p = parent.get(p), hops++) if (p === process.pid) return true;
    return false;
  };
  const out: ProcessMemory[] = [];
  for (const [pid, command] of cmdline) {
    if (!command.includes('--type=renderer') || !descends(pid)) continue;
    try {
      const status = readFileSync(`/proc/${pid}/status`, 'utf8');
      const rssKb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
      let pssBytes: number | null = null;
      try {
        const rollup = readFileSync(`/proc/${pid}/smaps_rollup`, 'utf8');
        const pss = /^Pss:\s+(\d+)/m.exec(rollup)?.[1];
        if (pss) pssBytes = Number(pss) * 1024;
      } catch {
        pssBytes = null;
      }
      out.push({ pid, rssBytes: rssKb * 1024, pssBytes });
    } catch {
      // Gone.
    }
  }
  return out.sort((a, b) => b.rssBytes - a.rssBytes);
}
