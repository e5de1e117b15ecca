// `npm start`: build, then run the Electron app. Electron downloads its binary on first use; where it cannot
// (no internet), say so in one line and serve the same app with the browser host instead.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

const require = createRequire(import.meta.url);
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';

const built = spawnSync(npm, ['run', 'build'], { stdio: 'inherit', shell: process.platform === 'win32' });
if (built.status !== 0) process.exit(built.status ?? 1);

const electronPath = findOrDownloadElectron();
if (electronPath) {
  const env = { ...process.env };
  delete env.ELECTRON_RUN_AS_NODE;
  const child = spawn(electronPath, ['.', ...process.argv.slice(2)], { stdio: 'inherit', env });
  child.on('exit', (code, signal) => process.exit(signal ? 1 : (code ?? 0)));
} else {
  console.log('Electron could not be downloaded (no internet access?): starting the browser host instead.');
  const child = spawn(npm, ['run', '--silent', 'web:serve'], { stdio: 'inherit', shell: process.platform === 'win32' });
  child.on('exit', (code) => process.exit(code ?? 0));
}

/** The Electron executable, downloading it once if needed; null when it cannot be had. */
function findOrDownloadElectron() {
  const packageDir = path.dirname(require.resolve('electron/package.json'));
  const pathFile = path.join(packageDir, 'path.txt');
  const binaryPath = () => {
    if (!existsSync(pathFile)) return null;
    const relative = readFileSync(pathFile, 'utf8');
    const dist = process.env.ELECTRON_OVERRIDE_DIST_PATH ?? path.join(packageDir, 'dist');
    const full = path.join(dist, relative);
    return existsSync(full) ? full : null;
  };
  if (binaryPath()) return binaryPath();
  console.log('Downloading Electron (first run only)…');
  const download = spawnSync(process.execPath, [path.join(packageDir, 'install.js')], {
    stdio: ['ignore', 'inherit', 'pipe'],
    timeout: 10 * 60 * 1000,
  });
  return download.status === 0 ? binaryPath() : null;
}
