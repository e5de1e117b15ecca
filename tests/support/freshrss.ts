/**
 * A real FreshRSS for tests and benches, run with the team kit's script (../shared/servers/freshrss.sh, which installs
 * PHP from Debian when missing). Where the kit is not beside the checkout, `freshRssMissing()` says why and the tests
 * skip, except under CI=true, where the kit is always laid out and its absence is a failure.
 *
 *   const server = await startFreshRss();
 *   server.greaderUrl / server.feverUrl / server.user / server.apiPassword
 *   await server.refresh();   // FreshRSS fetches every feed now
 *   await server.halt();      // the server process dies (SIGKILL), its data stays
 *   await server.resume();    // the same server, same data and port, answers again
 *   await server.stop();      // gone, data removed
 */
import { spawn, execFile } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const run = promisify(execFile);
const here = path.dirname(fileURLToPath(import.meta.url));
export const FRESHRSS_SCRIPT = path.resolve(here, '../../../shared/servers/freshrss.sh');

/** Why FreshRSS tests cannot run here, or null when they can. Throws under CI=true: there the kit must be present. */
export function freshRssMissing(): string | null {
  if (existsSync(FRESHRSS_SCRIPT)) return null;
  const reason = `the team kit's FreshRSS script is not at ${FRESHRSS_SCRIPT}`;
  if (process.env.CI === 'true') throw new Error(`CI: ${reason}`);
  console.warn(`Skipping FreshRSS tests: ${reason}`);
  return reason;
}

export interface FreshRss {
  url: string;
  greaderUrl: string;
  feverUrl: string;
  user: string;
  apiPassword: string;
  dir: string;
  refresh(): Promise<void>;
  halt(): Promise<void>;
  /** Kills the server process at once (synchronously: from inside a progress callback, before the next request). */
  killNow(): void;
  resume(): Promise<void>;
  /** Freezes the server (SIGSTOP): requests wait, nothing fails, until `unfreeze` (SIGCONT). A sync held mid-way. */
  freeze(): Promise<void>;
  unfreeze(): Promise<void>;
  stop(): Promise<void>;
}

export async function startFreshRss(): Promise<FreshRss> {
  const { stdout } = await run('bash', [FRESHRSS_SCRIPT, 'start'], { maxBuffer: 1 << 20 });
  const env = Object.fromEntries(
    stdout
      .split('\n')
      .map((line) => /^(FRESHRSS_[A-Z_]+)=(.*)$/.exec(line))
      .flatMap((m) => (m ? [[m[1] as string, unquote(m[2] as string)]] : [])),
  );
  const url = env.FRESHRSS_URL as string;
  const dir = env.FRESHRSS_DIR as string;
  const port = new URL(url).port;
  const serverPid = async () => Number((await readFile(path.join(dir, 'server.pid'), 'utf8')).trim());
  const answers = async () => {
    try {
      return (await fetch(`${url}/api/greader.php`, { signal: AbortSignal.timeout(2000) })).status > 0;
    } catch {
      return false;
    }
  };
  return {
    url,
    greaderUrl: `${url}/api/greader.php`,
    feverUrl: `${url}/api/fever.php`,
    user: env.FRESHRSS_USER as string,
    apiPassword: env.FRESHRSS_API_PASSWORD as string,
    dir,
    async refresh() {
      await run('bash', [FRESHRSS_SCRIPT, 'refresh', dir], { maxBuffer: 16 << 20 });
    },
    async halt() {
      const pid = await serverPid();
      try {
        process.kill(-pid, 'SIGKILL');
      } catch {
        // Already gone.
      }
      while (await answers()) await new Promise((resolve) => setImmediate(resolve));
    },
    killNow() {
      try {
        process.kill(-Number(readFileSync(path.join(dir, 'server.pid'), 'utf8').trim()), 'SIGKILL');
      } catch {
        // Already gone.
      }
    },
    async resume() {
      // What the script's start does after installing: PHP's server over the same folder, its own process group.
      const child = spawn('php', ['-S', `127.0.0.1:${port}`, '-t', 'p'], {
        cwd: dir,
        detached: true,
        stdio: 'ignore',
        env: { ...process.env, PHP_CLI_SERVER_WORKERS: '4' },
      });
      child.unref();
      await writeFile(path.join(dir, 'server.pid'), String(child.pid));
      // Until it answers (a busy machine may take seconds to start PHP); one that never does is an error here, not a
      // puzzling failure of the test's next step.
      const deadline = Date.now() + 60_000;
      while (!(await answers())) {
        if (Date.now() > deadline) throw new Error(`FreshRSS did not answer on ${url} within 60 s of resuming`);
        await new Promise((resolve) => setTimeout(resolve, 25));
      }
    },
    async freeze() {
      process.kill(-(await serverPid()), 'SIGSTOP');
    },
    async unfreeze() {
      process.kill(-(await serverPid()), 'SIGCONT');
    },
    async stop() {
      try {
        process.kill(-(await serverPid()), 'SIGCONT');
      } catch {
        // Not frozen, or gone.
      }
      await run('bash', [FRESHRSS_SCRIPT, 'stop', dir]);
    },
  };
}

/** The script prints values with printf %q: undo the shell quoting of plain words. */
function unquote(value: string): string {
  return value.replace(/\\(.)/g, '$1');
}
