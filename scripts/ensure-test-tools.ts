// `npm run test:tools` (the first step of `npm test`): makes sure every program the tests need outside npm is on this
// machine, installing what is missing where it can (Playwright's own installer where its download host answers,
// else Debian's/Ubuntu's packages when running as root with apt-get), else stopping with one line saying exactly
// what to install. `tsx scripts/ensure-test-tools.ts chromium` checks only the named ones (the benchmarks need only
// Chromium). To add a prerequisite, add an entry to PREREQUISITES.
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { findChromium, onPath } from '../tests/support/chromium';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

interface Installer {
  /** What it does, as printed before it runs. */
  describe: string;
  /** Whether it can run here (quick: a short network probe at most). */
  usable: () => Promise<boolean>;
  /** Runs it, its output going to ours; true when it exited 0. */
  install: () => boolean;
}

interface Prerequisite {
  name: string;
  /** Whether the tests in this checkout need it at all. */
  needed: () => boolean;
  /** What was found (printed), or null when it is missing. */
  find: () => { found: string } | { missing: string };
  installers: Installer[];
  /** The one line printed when it is missing and nothing here could install it. */
  howToInstall: string;
}

/** Runs a command with its errors shown; `quiet` drops its progress output (dpkg's is hundreds of lines). */
function run(command: string, args: string[], options: { env?: NodeJS.ProcessEnv; quiet?: boolean } = {}): boolean {
  const result = spawnSync(command, args, { stdio: ['ignore', options.quiet ? 'ignore' : 'inherit', 'inherit'], env: options.env ?? process.env });
  return result.status === 0;
}

/** Running as root with apt-get: Debian's and Ubuntu's packages can be installed without asking anyone. */
function canUseApt(): boolean {
  return process.getuid?.() === 0 && onPath(['apt-get']) !== undefined;
}

/** apt-get update, then install; waits for another apt (another test run, a helper) to release its lock. */
function aptInstall(packages: readonly string[]): boolean {
  const apt = onPath(['apt-get']) ?? 'apt-get';
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  const lock = ['-o', 'DPkg::Lock::Timeout=600'];
  return run(apt, [...lock, 'update', '-qq'], { env }) && run(apt, [...lock, 'install', '-y', '-qq', '--no-install-recommends', ...packages], { env, quiet: true });
}

/** Whether Playwright's browser download host answers at all (any HTTP status) within a few seconds. */
async function playwrightHostReachable(): Promise<boolean> {
  const host = process.env.PLAYWRIGHT_DOWNLOAD_HOST ?? 'https://cdn.playwright.dev';
  try {
    await fetch(host, { method: 'HEAD', signal: AbortSignal.timeout(4000) });
    return true;
  } catch {
    return false;
  }
}

/** Whether a test under tests/ runs the team's FreshRSS server (which needs PHP). */
function testsUseFreshRss(dir = path.join(root, 'tests')): boolean {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const file = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      if (entry.name !== 'fixtures' && testsUseFreshRss(file)) return true;
    } else if (/\.(ts|tsx|mjs|js|sh)$/.test(entry.name) && readFileSync(file, 'utf8').includes('servers/freshrss.sh')) return true;
  }
  return false;
}

/** What ../shared/servers/freshrss.sh needs: PHP with these modules, and the commands it runs. */
const PHP_MODULES = ['pdo_sqlite', 'xml', 'mbstring', 'curl', 'intl', 'zip'];
const PHP_PACKAGES = ['php-cli', 'php-sqlite3', 'php-xml', 'php-mbstring', 'php-curl', 'php-intl', 'php-zip', 'curl', 'python3', 'util-linux'];

function findFreshRssTools(): { found: string } | { missing: string } {
  const php = onPath(['php']);
  if (!php) return { missing: 'No php on the PATH.' };
  const modules = spawnSync(php, ['-m'], { encoding: 'utf8' }).stdout.toLowerCase().split('\n').map((line) => line.trim());
  const absent = PHP_MODULES.filter((module) => !modules.includes(module));
  if (absent.length > 0) return { missing: `PHP lacks the modules ${absent.join(', ')}.` };
  const commands = ['curl', 'python3', 'flock', 'setsid'].filter((command) => !onPath([command]));
  if (commands.length > 0) return { missing: `No ${commands.join(', ')} on the PATH.` };
  return { found: php };
}

const PREREQUISITES: Record<string, Prerequisite> = {
  chromium: {
    name: 'Chromium (end-to-end tests, benchmarks)',
    needed: () => true,
    find: () => {
      const lookup = findChromium();
      return lookup.ok ? { found: `${lookup.chromium.path} (${lookup.chromium.source})` } : { missing: lookup.problem };
    },
    installers: [
      {
        describe: "Installing Playwright's Chromium (npx playwright install chromium)",
        usable: playwrightHostReachable,
        // As root, --with-deps also installs the libraries it needs from apt.
        install: () => run(process.execPath, [path.join(root, 'node_modules/@playwright/test/cli.js'), 'install', ...(canUseApt() ? ['--with-deps'] : []), 'chromium']),
      },
      {
        describe: "Installing Debian's chromium package (apt-get install chromium)",
        usable: async () => canUseApt(),
        install: () => aptInstall(['chromium']),
      },
    ],
    howToInstall:
      'Install a Chromium for the end-to-end tests: `sudo apt-get install chromium` (Debian/Ubuntu), or `npx playwright install chromium`, or set CHROMIUM_PATH to a Chromium or Chrome binary.',
  },
  php: {
    name: 'PHP (FreshRSS integration tests)',
    needed: () => testsUseFreshRss(),
    find: findFreshRssTools,
    installers: [
      {
        describe: `Installing PHP for the FreshRSS tests (apt-get install ${PHP_PACKAGES.join(' ')})`,
        usable: async () => canUseApt(),
        install: () => aptInstall(PHP_PACKAGES),
      },
    ],
    howToInstall: `Install PHP for the FreshRSS integration tests: \`sudo apt-get install ${PHP_PACKAGES.join(' ')}\` (Debian/Ubuntu; elsewhere PHP 8 with ${PHP_MODULES.join(', ')}).`,
  },
};

/** Ensures each named prerequisite; returns the lines to print for the ones still missing. */
async function ensure(names: readonly string[]): Promise<string[]> {
  const problems: string[] = [];
  for (const key of names) {
    const prerequisite = PREREQUISITES[key];
    if (!prerequisite) {
      problems.push(`test tools: unknown prerequisite "${key}" (known: ${Object.keys(PREREQUISITES).join(', ')})`);
      continue;
    }
    if (!prerequisite.needed()) continue;
    let state = prerequisite.find();
    if ('found' in state) {
      console.log(`test tools: ${prerequisite.name}: ${state.found}`);
      continue;
    }
    // A wrong CHROMIUM_PATH is the user's setting to fix, not a reason to install another browser.
    if (key === 'chromium' && process.env.CHROMIUM_PATH) {
      problems.push(`test tools: ${state.missing}`);
      continue;
    }
    for (const installer of prerequisite.installers) {
      if (!(await installer.usable())) continue;
      console.log(`test tools: ${state.missing} ${installer.describe}.`);
      if (installer.install()) {
        state = prerequisite.find();
        if ('found' in state) break;
      }
      console.log(`test tools: that did not provide it${'missing' in state ? `: ${state.missing}` : '.'}`);
    }
    if ('found' in state) console.log(`test tools: ${prerequisite.name}: ${state.found}`);
    else problems.push(`test tools: ${prerequisite.howToInstall}`);
  }
  return problems;
}

const requested = process.argv.slice(2);
const problems = await ensure(requested.length > 0 ? requested : Object.keys(PREREQUISITES));
for (const problem of problems) console.error(problem);
process.exitCode = problems.length > 0 ? 1 : 0;
