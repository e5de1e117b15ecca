// `npm run audit:electron`: runs @doyensec/electronegativity over the built main process, preload and renderer page,
// and fails on any finding that electron/audit-justifications.json does not explain. Run `npm run build` first.
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const justified = JSON.parse(readFileSync(path.join(root, 'electron/audit-justifications.json'), 'utf8'));
const electronVersion = JSON.parse(readFileSync(path.join(root, 'node_modules/electron/package.json'), 'utf8')).version;

for (const part of ['out/main', 'out/preload', 'out/renderer']) {
  if (!existsSync(path.join(root, part))) {
    console.error(`electron audit: ${part} is missing; run npm run build first.`);
    process.exit(1);
  }
}
// Only what ships: the bundles (without source maps, which would be scanned twice) and the page.
const input = mkdtempSync(path.join(tmpdir(), 'broadsheet-audit-'));
for (const part of ['main', 'preload', 'renderer']) {
  cpSync(path.join(root, 'out', part), path.join(input, part), { recursive: true, filter: (file) => !file.endsWith('.map') });
}
cpSync(path.join(root, 'package.json'), path.join(input, 'package.json'));
mkdirSync(path.join(root, 'reports'), { recursive: true });
const csv = path.join(root, 'reports/electronegativity.csv');

const run = spawnSync(
  process.execPath,
  [path.join(root, 'node_modules/@doyensec/electronegativity/dist/index.js'), '-i', input, '-e', electronVersion, '-r', '-v', 'false', '-o', csv],
  { encoding: 'utf8', timeout: 5 * 60 * 1000 },
);
rmSync(input, { recursive: true, force: true });
if (run.status !== 0 || !existsSync(csv)) {
  console.error(run.stdout, run.stderr);
  console.error('electron audit: electronegativity did not run');
  process.exit(1);
}

const findings = readFileSync(csv, 'utf8')
  .split('\n')
  .slice(1)
  .filter((line) => line.trim() !== '')
  .map((line) => ({ check: line.split(',')[0].replace(/"/g, ''), severity: line.split(',')[1]?.replace(/"/g, '') ?? '' }));
const unexplained = findings.filter((finding) => !(finding.check in justified));
for (const finding of findings) {
  const verdict = finding.check in justified ? 'justified' : 'NOT JUSTIFIED';
  console.log(`electron audit: ${finding.check} (${finding.severity}): ${verdict}`);
}
if (unexplained.length > 0) {
  console.error(`electron audit: ${unexplained.length} finding(s) need a fix or a justification in electron/audit-justifications.json`);
  process.exit(1);
}
console.log(`electron audit: ${findings.length} finding(s), all reviewed (reports/electronegativity.csv)`);
