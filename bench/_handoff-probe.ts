/**
 * What the sync worker → search worker hand-off costs each side (scratch experiment, not part of the bench): a sender
 * worker makes a cold sync's new articles (25,000 in commits of 2,800, bodies sliced out of one string per feed as the
 * parser leaves them) and posts them, in the columns of renderer/search/articles-to-index.ts, to a receiver worker over a
 * MessageChannel; the receiver reads every character of every string, as the index does. Only the posting is measured
 * (the rows are made before). Variants: `one` message per commit (as the sync worker did), `chunkN` (N articles per
 * message), `joined`/`joinedchunkN` (bodies joined into one string with their ends), `noneN` (columns made, not posted).
 * Each run has a fresh page and two fresh workers; the two worker threads' CPU (system part) and minor page faults are
 * read from /proc; variants alternate. Run: `VARIANTS=one,chunk100 ROUNDS=5 npx tsx bench/_handoff-probe.ts`.
 */
import { startFeedServer } from '../tests/support/feed-server';
import { launchChromium } from './support/chromium';
import { workerThreads } from './support/proc-threads';
import { loadavg } from 'node:os';

const WORDS =
  'news report update market city council science study health space launch court ruling election vote team season record energy climate storm river company shares bank prices workers budget policy research rocket mission phone network startup trade farmers harvest railway airport bridge housing museum festival police trial parliament summit';

const SENDER = `
const WORDS = ${JSON.stringify(WORDS)}.split(' ');
let seed = 1;
const random = () => { seed = (seed + 0x6d2b79f5) | 0; let t = Math.imul(seed ^ (seed >>> 15), 1 | seed); t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t; return ((t ^ (t >>> 14)) >>> 0) / 4294967296; };
const words = (n) => { let s = ''; for (let i = 0; i < n; i++) s += (i ? ' ' : '') + WORDS[Math.floor(random() * WORDS.length)]; return s; };
let port;
let made = [];
// A commit's rows: feeds of 50 items, each feed's texts sliced from one flat string (the parsed document).
const makeRows = (c, perCommit) => {
  const rows = [];
    for (let f = 0; f < perCommit / 50; f++) {
      const parts = []; const at = [];
      let length = 0;
      for (let i = 0; i < 50; i++) {
        const t = words(8), s = words(40), b = '<p>' + words(100) + '</p><p>' + words(100) + '</p><p>' + words(100) + '</p>';
        for (const x of [t, s, b]) { at.push(length); parts.push(x); length += x.length; }
      }
      at.push(length);
      const doc = new TextDecoder().decode(new TextEncoder().encode(parts.join('')));
      for (let i = 0; i < 50; i++) rows.push({ id: 'a' + c + '-' + f + '-' + i + 'xxxxxxxxxxxxxxxx', feedId: 'f' + f + 'yyyyyyyyyyyyyyyy', title: doc.slice(at[3 * i], at[3 * i + 1]), author: null, summary: doc.slice(at[3 * i + 1], at[3 * i + 2]), published: 1e12 + i, fetchedAt: 1e12, body: doc.slice(at[3 * i + 2], at[3 * i + 3]) });
    }
  return rows;
};
onmessage = (event) => {
  if (event.ports[0]) { port = event.ports[0]; return; }
  const { variant, commits, perCommit, make } = event.data;
  if (make) { made = []; for (let c = 0; c < commits; c++) made.push(makeRows(c, perCommit)); postMessage({}); return; }
  const t0 = performance.now();
  let posted = 0;
  for (const rows of made) {
    const t1 = performance.now();
    const columns = (list) => ({ ids: list.map((r) => r.id), feedIds: list.map((r) => r.feedId), titles: list.map((r) => r.title), authors: list.map((r) => r.author), summaries: list.map((r) => r.summary), published: list.map((r) => r.published), fetchedAt: list.map((r) => r.fetchedAt), bodies: list.map((r) => r.body) });
    const joined = (list) => {
      const c = columns(list);
      const ends = new Uint32Array(list.length); let n = 0;
      for (let i = 0; i < list.length; i++) { n += c.bodies[i].length; ends[i] = n; }
      return { ...c, bodies: c.bodies.join(''), bodyEnds: ends };
    };
    const m = /^(?:chunk|none)(\\d+)$/.exec(variant) ?? /^joinedchunk(\\d+)$/.exec(variant);
    const size = m ? Number(m[1]) : rows.length;
    for (let k = 0; k < rows.length; k += size) {
      const list = rows.slice(k, k + size);
      if (variant.startsWith('joined')) { const j = joined(list); port.postMessage({ type: 'index-rows', articles: j }, [j.bodyEnds.buffer]); }
      else if (variant.startsWith('none')) sink = columns(list);
      else port.postMessage({ type: 'index-rows', articles: columns(list) });
      posted++;
    }
    sendMs += performance.now() - t1;
  }
  postMessage({ ms: performance.now() - t0, sendMs, posted });
  sendMs = 0;
};
let sendMs = 0;
let sink;
`;

const RECEIVER = `
let port;
let sum = 0;
const read = (s) => { for (let k = 0; k < s.length; k++) sum += s.charCodeAt(k); };
onmessage = (event) => {
  if (event.ports[0]) {
    port = event.ports[0];
    let got = 0;
    port.onmessage = (e) => {
      const a = e.data.articles;
      for (const column of [a.ids, a.feedIds, a.titles, a.summaries]) for (const s of column) read(s);
      if (typeof a.bodies === 'string') { let from = 0; for (let i = 0; i < a.bodyEnds.length; i++) { const to = a.bodyEnds[i]; for (let k = from; k < to; k++) sum += a.bodies.charCodeAt(k); from = to; } }
      else for (const s of a.bodies) read(s);
      got += a.ids.length;
    };
    return;
  }
  postMessage(sum);
};
`;


const server = await startFeedServer();
server.route('/p.html', (_req, res) => void res.writeHead(200, { 'content-type': 'text/html' }).end('<!doctype html><title>p</title>'));
server.route('/sender.js', (_req, res) => void res.writeHead(200, { 'content-type': 'text/javascript' }).end(SENDER));
server.route('/receiver.js', (_req, res) => void res.writeHead(200, { 'content-type': 'text/javascript' }).end(RECEIVER));
const browser = await launchChromium();
const variants = (process.env.VARIANTS ?? 'one,chunk250').split(',');
const rounds = Number(process.env.ROUNDS ?? 3);
const totals = new Map<string, { sender: number[]; senderSys: number[]; senderFaults: number[]; receiver: number[]; receiverSys: number[]; receiverFaults: number[]; sendMs: number[] }>();
try {
  for (let r = 0; r <= rounds; r++) {
    for (const variant of variants) {
      // A fresh page (and two fresh workers) per run, as a cold sync has.
      const page = await browser.newPage();
      await page.goto(server.url('/p.html'));
      await page.evaluate(() => {
        const g = globalThis as unknown as { s: Worker; r: Worker };
        g.s = new Worker('/sender.js');
        g.r = new Worker('/receiver.js');
        const channel = new MessageChannel();
        g.s.postMessage(null, [channel.port1]);
        g.r.postMessage(null, [channel.port2]);
      });
      // Warm: one small commit so both threads exist and have compiled; then the measured rows are made.
      await page.evaluate((variant) => new Promise((resolve) => { const g = globalThis as unknown as { s: Worker }; g.s.onmessage = resolve; g.s.postMessage({ variant, commits: 1, perCommit: 100, make: true }); }), variant);
      await page.evaluate((variant) => new Promise((resolve) => { const g = globalThis as unknown as { s: Worker }; g.s.onmessage = resolve; g.s.postMessage({ variant }); }), variant);
      await page.evaluate((variant) => new Promise((resolve) => { const g = globalThis as unknown as { s: Worker }; g.s.onmessage = resolve; g.s.postMessage({ variant, commits: 9, perCommit: 2800, make: true }); }), variant);
      const before = workerThreads();
      const [senderKey, receiverKey] = [...before.keys()].sort((a, b) => Number(a.split(':')[1]) - Number(b.split(':')[1])).slice(-2);
      const load = loadavg()[0] ?? 0;
      const result = await page.evaluate(
        (variant) =>
          new Promise<{ sendMs: number; posted: number }>((resolve) => {
            const g = globalThis as unknown as { s: Worker; r: Worker };
            g.s.onmessage = (e) => {
              // The receiver has taken every message once it answers this one (its port's messages came first).
              const result = e.data as { sendMs: number; posted: number };
              g.r.onmessage = () => resolve(result);
              g.r.postMessage('done?');
            };
            g.s.postMessage({ variant });
          }),
        variant,
      );
      const after = workerThreads();
      await page.close();
      if (r === 0) continue;
      const d = (key: string | undefined) => {
        const a = after.get(key!)!;
        const b = before.get(key!)!;
        return { ms: a.ms - b.ms, sys: a.sysMs - b.sysMs, faults: a.faults - b.faults };
      };
      const s = d(senderKey);
      const rv = d(receiverKey);
      const t = totals.get(variant) ?? totals.set(variant, { sender: [], senderSys: [], senderFaults: [], receiver: [], receiverSys: [], receiverFaults: [], sendMs: [] }).get(variant)!;
      t.sender.push(s.ms); t.senderSys.push(s.sys); t.senderFaults.push(s.faults); t.receiver.push(rv.ms); t.receiverSys.push(rv.sys); t.receiverFaults.push(rv.faults); t.sendMs.push(result.sendMs);
      console.log(`${variant.padEnd(14)} load ${load.toFixed(1)} · ${result.posted} messages · sender ${s.ms} ms (sys ${s.sys}, ${s.faults} faults; columns+post ${result.sendMs.toFixed(0)} ms) · receiver ${rv.ms} ms (sys ${rv.sys}, ${rv.faults} faults)`);
    }
  }
  const med = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
  for (const [variant, t] of totals) console.log(`median ${variant.padEnd(14)} sender ${med(t.sender)} ms (sys ${med(t.senderSys)}, ${med(t.senderFaults)} faults, columns+post ${med(t.sendMs).toFixed(0)} ms) · receiver ${med(t.receiver)} ms (sys ${med(t.receiverSys)}, ${med(t.receiverFaults)} faults)`);
} finally {
  await browser.close();
  await server.close();
}
