/**
 * Which of the sync worker's native jobs make its page faults (scratch experiment, not part of the bench): runs each
 * candidate in a dedicated worker of a page served by the feed server and prints the worker thread's CPU (system
 * part) and minor page faults from /proc.
 */
import { startFeedServer } from '../tests/support/feed-server';
import { launchChromium } from './support/chromium';
import { workerThreads } from './support/proc-threads';

const MB = 1024 * 1024;
const big = new Uint8Array(65 * MB).fill(0x61);
const server = await startFeedServer();
server.route('/big', (_req, res) => {
  res.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': String(big.byteLength) });
  res.end(big);
});
server.route('/p.html', (_req, res) => void res.writeHead(200, { 'content-type': 'text/html' }).end('<!doctype html><title>p</title>'));
const WORKER = `
onmessage = async (event) => {
  const kind = event.data;
  const t0 = performance.now();
  if (kind === 'fetch') {
    const reader = (await fetch('/big')).body.getReader();
    let n = 0;
    for (;;) { const { done, value } = await reader.read(); if (done) break; n += value.byteLength; }
  } else if (kind === 'fetch-copy') {
    const reader = (await fetch('/big')).body.getReader();
    const held = []; let heldBytes = 0;
    for (;;) {
      const { done, value } = await reader.read(); if (done) break;
      held.push(value); heldBytes += value.byteLength;
      while (heldBytes >= 131072) {
        const out = new Uint8Array(131072); let at = 0;
        while (at < 131072) { const p = held[0]; const c = Math.min(p.byteLength, 131072 - at); out.set(p.subarray(0, c), at); at += c; if (c === p.byteLength) held.shift(); else held[0] = p.subarray(c); }
        heldBytes -= 131072;
      }
    }
  } else if (kind === 'fetch-byob') {
    const reader = (await fetch('/big')).body.getReader({ mode: 'byob' });
    let buffer = new ArrayBuffer(262144);
    for (;;) { const { done, value } = await reader.read(new Uint8Array(buffer)); if (done) break; buffer = value.buffer; }
  } else if (kind === 'fetch-ab') {
    await (await fetch('/big')).arrayBuffer();
  } else if (kind === 'post-small') {
    const other = new Worker(URL.createObjectURL(new Blob(['onmessage = () => {}'], { type: 'text/javascript' })));
    for (let m = 0; m < 9 * 60; m++) {
      const bodies = []; for (let i = 0; i < 50; i++) bodies.push(('x' + i).padEnd(4000, 'y'));
      other.postMessage({ bodies });
    }
  } else if (kind === 'decode') {
    const bytes = new Uint8Array(131072).fill(0x62);
    const d = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
    let keep = [];
    for (let f = 0; f < 500; f++) { for (let i = 0; i < 50; i++) keep.push(d.decode(bytes.subarray(i * 2600, i * 2600 + 2600))); if (keep.length > 3000) keep = []; }
  } else if (kind === 'post') {
    const other = new Worker(URL.createObjectURL(new Blob(['onmessage = () => {}'], { type: 'text/javascript' })));
    for (let m = 0; m < 9; m++) {
      const bodies = []; for (let i = 0; i < 3000; i++) bodies.push(('x' + i).padEnd(4000, 'y'));
      other.postMessage({ bodies });
    }
  }
  postMessage(performance.now() - t0);
};`;
server.route('/w.js', (_req, res) => void res.writeHead(200, { 'content-type': 'text/javascript' }).end(WORKER));


const browser = await launchChromium();
const page = await browser.newPage();
await page.goto(server.url('/p.html'));
await page.evaluate(() => { (globalThis as unknown as { w: Worker }).w = new Worker('/w.js'); });
for (const kind of (process.env.KINDS ?? 'fetch,fetch-copy,decode,post,fetch,fetch-copy,decode,post').split(',')) {
  const before = workerThreads();
  const wall = await page.evaluate((kind) => new Promise<number>((resolve) => { const w = (globalThis as unknown as { w: Worker }).w; w.onmessage = (e) => resolve(e.data as number); w.postMessage(kind); }), kind);
  const after = workerThreads();
  const rows = [...after].map(([k, a]) => { const b = before.get(k) ?? { ms: 0, sysMs: 0, faults: 0 }; return `${k} CPU ${a.ms - b.ms} ms (system ${a.sysMs - b.sysMs}) faults ${a.faults - b.faults}`; });
  console.log(`${kind.padEnd(11)} ${wall.toFixed(0)} ms · ${rows.join(' | ')}`);
}
await browser.close();
await server.close();
