// `npm run test:stress`: the whole end-to-end suite, each test 5 times (`--repeat-each 5`), while a child process
// keeps one core busy, as a loaded laptop or a shared CI machine would. A race between a test and the app shows up
// here long before it fails a real run. Extra arguments go to Playwright (e.g. `npm run test:stress -- search`).
// Prints runs, failures and the wall time; exits non-zero when any run failed.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
/** `--repeat-each N` on the command line (a shorter run) wins over the default of 5; Playwright takes the last one given. */
const repeatArg = process.argv.lastIndexOf('--repeat-each');
const REPEAT = repeatArg >= 0 && Number(process.argv[repeatArg + 1]) > 0 ? Number(process.argv[repeatArg + 1]) : 5;

// Spins in slices of 50 ms and stops as soon as its parent is gone (reparented), so it can never outlive the run,
// even if this script is killed outright.
const BURNER = `const parent = process.ppid;
for (;;) {
  const end = Date.now() + 50;
  while (Date.now() < end);
  if (process.ppid !== parent) process.exit(0);
}`;
const burner = spawn(process.execPath, ['-e', BURNER], { stdio: 'ignore' });

const reports = mkdtempSync(path.join(tmpdir(), 'broadsheet-stress-'));
const jsonReport = path.join(reports, 'e2e.json');
const started = Date.now();
const playwright = spawn(
  process.execPath,
  [path.join(root, 'node_modules/@playwright/test/cli.js'), 'test', '--repeat-each', String(REPEAT), '--reporter=list,json', ...process.argv.slice(2)],
  // In its own process group, so a signal sent to ours (Ctrl+C, `timeout`) reaches it only as the SIGINT relayed below.
  { cwd: root, stdio: 'inherit', detached: true, env: { ...process.env, PLAYWRIGHT_JSON_OUTPUT_NAME: jsonReport } },
);

function stopBurner(): void {
  if (burner.exitCode === null && burner.signalCode === null) burner.kill('SIGKILL');
}
// Stopped early (Ctrl+C, a time limit): Playwright is interrupted as by Ctrl+C, so it still prints the failures so far
// and writes its report, and the summary below counts what ran. A second signal ends everything at once.
let interrupted = false;
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
  process.on(signal, () => {
    stopBurner();
    if (!interrupted) {
      interrupted = true;
      playwright.kill('SIGINT');
      return;
    }
    playwright.kill('SIGKILL');
    rmSync(reports, { recursive: true, force: true });
    process.exit(130);
  });
}

playwright.on('exit', (code, signal) => {
  stopBurner();
  const minutes = ((Date.now() - started) / 60_000).toFixed(1);
  let summary = `Playwright ended without a report (exit ${code ?? signal})`;
  try {
    const stats = (JSON.parse(readFileSync(jsonReport, 'utf8')) as { stats: { expected: number; unexpected: number; flaky: number; skipped: number } }).stats;
    const runs = stats.expected + stats.unexpected + stats.flaky;
    summary = `${runs} runs (each test ×${REPEAT}), ${stats.unexpected} failed, ${stats.flaky} flaky, ${stats.skipped} skipped${interrupted ? ' or not run' : ''}`;
  } catch {
    // No report: Playwright did not get as far as running tests; its exit code says so below.
  }
  rmSync(reports, { recursive: true, force: true });
  console.log(`test:stress: ${summary}${interrupted ? ' (stopped early)' : ''}, ${minutes} min wall time with one core kept busy`);
  process.exit(interrupted ? 130 : (code ?? 1));
});
