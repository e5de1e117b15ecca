// The renderer build. Main and preload are built by scripts/build-electron.mjs (esbuild): see README, Development.
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';
import { CONTENT_SECURITY_POLICY_META } from './shared/csp.ts';

export default defineConfig({
  root: fileURLToPath(new URL('./renderer', import.meta.url)),
  // Relative asset URLs so the same build loads from app:// in Electron and from the browser host.
  base: './',
  plugins: [
    react(),
    {
      // The CSP also travels as a <meta>, so the page is protected whichever way it is loaded.
      name: 'broadsheet-csp-meta',
      transformIndexHtml: () => [
        { tag: 'meta', attrs: { 'http-equiv': 'Content-Security-Policy', content: CONTENT_SECURITY_POLICY_META }, injectTo: 'head-prepend' },
      ],
    },
  ],
  build: {
    outDir: fileURLToPath(new URL('./out/renderer', import.meta.url)),
    emptyOutDir: true,
    target: 'chrome120',
    sourcemap: true,
    assetsInlineLimit: 0,
    // A desktop app loads its bundle from disk once; splitting it would only add requests. The warning is noise here.
    chunkSizeWarningLimit: 2048,
    // No inline module-preload polyfill: the CSP forbids inline script.
    modulePreload: { polyfill: false },
  },
  worker: { format: 'es' },
});
