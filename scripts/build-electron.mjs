// Builds the main process and the preload script with esbuild (the renderer is built by Vite).
// Both are bundled to single CommonJS files: a sandboxed preload cannot load modules, and bundling the shared/
// services into main keeps the packaged app free of TypeScript and loose files.
// The icons the main process needs at run time (tray, Linux window and notifications) are copied to out/icons,
// which electron-builder packs with the rest of out/.
import { copyFileSync, mkdirSync } from 'node:fs';
import { build } from 'esbuild';

const common = {
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node22',
  // electron-updater is optional and loaded at run time from the app's node_modules (electron/updates.ts).
  external: ['electron', 'electron-updater'],
  sourcemap: true,
  logLevel: 'warning',
};

const runtimeIcons = [
  ['build/icons/16x16.png', 'out/icons/tray.png'],
  ['build/icons/32x32.png', 'out/icons/tray@2x.png'],
  ['build/icons/256x256.png', 'out/icons/icon.png'],
];

await Promise.all([
  build({ ...common, entryPoints: ['electron/main.ts'], outfile: 'out/main/main.cjs' }),
  build({ ...common, entryPoints: ['electron/preload.ts'], outfile: 'out/preload/preload.cjs' }),
]);
mkdirSync('out/icons', { recursive: true });
for (const [from, to] of runtimeIcons) copyFileSync(from, to);
