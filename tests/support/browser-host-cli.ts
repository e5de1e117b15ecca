/** `npm run web`: serves the built renderer with the browser host so the app can be tried in any browser. */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startBrowserHost } from './browser-host';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const port = Number(process.env.PORT ?? 5180);
const version = process.env.npm_package_version ?? '0.0.0';

const host = await startBrowserHost({ rendererDir: path.join(root, 'out/renderer'), port, version });
console.log(`Broadsheet is running in browser-host mode: open ${host.url}/ (Ctrl+C to stop)`);

const stop = () => {
  void host.close().then(() => process.exit(0));
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
