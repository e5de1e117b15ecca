// Builds the main process and the preload script with esbuild (the renderer is built by Vite).
// Both are bundled to single CommonJS files: a sandboxed preload cannot load modules, and bundling the shared/
// services into main keeps the packaged app free of TypeScript and loose files.
import { build } from 'esbuild';

const common = {
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node22',
  external: ['electron'],
  sourcemap: true,
  logLevel: 'warning',
};

await Promise.all([
  build({ ...common, entryPoints: ['electron/main.ts'], outfile: 'out/main/main.cjs' }),
  build({ ...common, entryPoints: ['electron/preload.ts'], outfile: 'out/preload/preload.cjs' }),
]);
