/**
 * Serves the floor page (floor-page.tsx, bundled here with esbuild) at /__bench/floor.html on the app's own origin
 * through Playwright routing, so it shares the app's IndexedDB and stylesheet without being part of the app build.
 */
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import type { BrowserContext } from '@playwright/test';

const here = path.dirname(fileURLToPath(import.meta.url));

export async function serveFloors(context: BrowserContext, origin: string, rendererDir: string): Promise<string> {
  const bundle = await build({
    entryPoints: [path.join(here, 'floor-page.tsx')],
    bundle: true,
    format: 'esm',
    minify: true,
    write: false,
    jsx: 'automatic',
    define: { 'process.env.NODE_ENV': '"production"' },
  });
  const script = bundle.outputFiles[0]!.text;
  const css = readdirSync(path.join(rendererDir, 'assets')).find((file) => file.endsWith('.css'));
  const html = `<!doctype html><html><head><meta charset="utf-8">${css ? `<link rel="stylesheet" href="/assets/${css}">` : ''}</head>
<body><div id="root" class="shell" style="display:block"></div><script type="module" src="/__bench/floor.js"></script></body></html>`;
  await context.route(`${origin}/__bench/floor.html`, (route) => route.fulfill({ status: 200, contentType: 'text/html', body: html }));
  await context.route(`${origin}/__bench/floor.js`, (route) => route.fulfill({ status: 200, contentType: 'text/javascript', body: script }));
  return `${origin}/__bench/floor.html`;
}
