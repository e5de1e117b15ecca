/**
 * The one place where the tests, benchmarks and scripts find a Chromium, and the flags it needs on machines without a
 * network. `npm test` runs scripts/ensure-test-tools.ts first, which installs one when this finds none.
 */
import { accessSync, constants, statSync } from 'node:fs';
import path from 'node:path';
import { chromium } from '@playwright/test';

export interface FoundChromium {
  path: string;
  /** Which of the places below it came from. */
  source: 'CHROMIUM_PATH' | 'Playwright' | 'system';
}

export type ChromiumLookup = { ok: true; chromium: FoundChromium } | { ok: false; problem: string };

/** The names Debian's and Ubuntu's packages put on the PATH. */
const SYSTEM_NAMES = ['chromium', 'chromium-browser'];

function isExecutableFile(file: string): boolean {
  try {
    if (!statSync(file).isFile()) return false;
    accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** The first of `names` found in a folder of `PATH`, as `command -v` would. */
export function onPath(names: readonly string[], searchPath = process.env.PATH ?? ''): string | undefined {
  for (const dir of searchPath.split(path.delimiter).filter(Boolean)) {
    for (const name of names) {
      const candidate = path.join(dir, name);
      if (isExecutableFile(candidate)) return candidate;
    }
  }
  return undefined;
}

/**
 * CHROMIUM_PATH when set (and then only it: a wrong one is reported, not silently replaced), else Playwright's own
 * Chromium when it was installed (`npx playwright install chromium`), else a system Chromium on the PATH.
 */
export function findChromium(env: NodeJS.ProcessEnv = process.env): ChromiumLookup {
  const configured = env.CHROMIUM_PATH;
  if (configured) {
    if (isExecutableFile(configured)) return { ok: true, chromium: { path: configured, source: 'CHROMIUM_PATH' } };
    return { ok: false, problem: `CHROMIUM_PATH is set to ${configured}, which is not an executable file: point it at a Chromium or unset it.` };
  }
  const bundled = chromium.executablePath();
  if (bundled && isExecutableFile(bundled)) return { ok: true, chromium: { path: bundled, source: 'Playwright' } };
  const system = onPath(SYSTEM_NAMES, env.PATH);
  if (system) return { ok: true, chromium: { path: system, source: 'system' } };
  return { ok: false, problem: 'No Chromium: CHROMIUM_PATH is unset, Playwright has installed none, and no chromium or chromium-browser is on the PATH.' };
}

/** The Chromium to launch; throws one line saying what to do when there is none. */
export function chromiumExecutable(): string {
  const lookup = findChromium();
  if (!lookup.ok) throw new Error(`${lookup.problem} Run \`npm run test:tools\` to install one, or set CHROMIUM_PATH.`);
  return lookup.chromium.path;
}

/** No sandbox (root in CI), no GPU, and nothing that phones home: the machines have no internet. */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
