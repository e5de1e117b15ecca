// `npm run audit:electron`: runs @doyensec/electronegativity over the built main process, preload and renderer page,
// and fails on any finding that electron/audit-justifications.json does not explain. Run `npm run build` first.
// The tool writes its SARIF report to a new temporary folder (never over an older report), which is then read with a
// JSON parser and a schema (scripts/audit/sarif-findings.ts) and kept as reports/electronegativity.sarif.
import { spawnSync } from 'node:child_process';
import { copyFileSync, cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { readAuditFindings, unexplainedFindings } from './audit/sarif-findings.ts';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const justified = JSON.parse(readFileSync(path.join(root, 'electron/audit-justifications.json'), 'utf8')) as Record<string, unknown>;
const electronVersion = (JSON.parse(readFileSync(path.join(root, 'node_modules/electron/package.json'), 'utf8')) as { version: string }).version;

/** Ends the audit as failed; thrown so that the temporary folder is still removed. */
class AuditFailure extends Error {}
function fail(message: string): never {
  throw new AuditFailure(message);
}

for (const part of ['out/main', 'out/preload', 'out/renderer']) {
  if (!existsSync(path.join(root, part))) {
    console.error(`electron audit: ${part} is missing; run npm run build first.`);
    process.exit(1);
  }
}
const work = mkdtempSync(path.join(tmpdir(), 'broadsheet-audit-'));
try {
  // Only what ships: the bundles (without source maps, which would be scanned twice) and the page.
  const input = path.join(work, 'app');
  for (const part of ['main', 'preload', 'renderer']) {
    cpSync(path.join(root, 'out', part), path.join(input, part), { recursive: true, filter: (file) => !file.endsWith('.map') });
  }
  cpSync(path.join(root, 'package.json'), path.join(input, 'package.json'));
  const sarif = path.join(work, 'electronegativity.sarif');

  const run = spawnSync(
    process.execPath,
    [path.join(root, 'node_modules/@doyensec/electronegativity/dist/index.js'), '-i', input, '-e', electronVersion, '-r', '-v', 'false', '-o', sarif],
    { encoding: 'utf8', timeout: 5 * 60 * 1000 },
  );
  if (run.status !== 0) {
    console.error(run.stdout, run.stderr);
    fail(`electronegativity did not run (exit ${run.status ?? run.signal ?? run.error?.message})`);
  }
  if (!existsSync(sarif)) fail('electronegativity ran but wrote no report');

  const report = readAuditFindings(readFileSync(sarif, 'utf8'), 'the electronegativity report');
  mkdirSync(path.join(root, 'reports'), { recursive: true });
  copyFileSync(sarif, path.join(root, 'reports/electronegativity.sarif'));
  if (!report.ok) fail(`${report.error} (kept as reports/electronegativity.sarif)`);

  const unexplained = unexplainedFindings(report.findings, justified);
  for (const finding of report.findings) {
    const verdict = unexplained.includes(finding) ? 'NOT JUSTIFIED' : 'justified';
    console.log(`electron audit: ${finding.check} (${finding.level}, ${finding.file}:${finding.line}): ${verdict}`);
  }
  if (unexplained.length > 0) {
    fail(`${unexplained.length} finding(s) need a fix or a justification in electron/audit-justifications.json`);
  }
  console.log(`electron audit: ${report.findings.length} finding(s), all reviewed (reports/electronegativity.sarif)`);
} catch (error) {
  if (!(error instanceof AuditFailure)) throw error;
  console.error(`electron audit: ${error.message}`);
  process.exitCode = 1;
} finally {
  rmSync(work, { recursive: true, force: true });
}
