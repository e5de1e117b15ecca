/**
 * The browser host's CPU for chromium-sync's cold sync, without Chromium: the browser host in this process, the bench's
 * feed server (same corpus) in a child process of its own, and the sync worker's HTTP transport in another child
 * (Node standing in for the worker: 500 feeds in batches of 50, 3 at once, as the engine asks). Prints per round the
 * CPU of each process; PROFILE_OUT=file.cpuprofile writes a CPU profile of the host's last round; FETCH=undici routes
 * the host's downloads through Node's fetch instead of its default (tests/support/node-http-fetch.ts).
 * Run: `ROUNDS=4 npx tsx bench/_host-cpu.ts` (a leading _ keeps it out of `npm run bench`).
 */
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { Session } from 'node:inspector/promises';
import { writeFileSync } from 'node:fs';
import { startBrowserHost } from '../tests/support/browser-host';
import { createNodeHttpFetch } from '../tests/support/node-http-fetch';
import { benchFeedUrl, routedFetch } from './support/bench-feeds';

const FEEDS = 500;
const feedChild = spawn('npx', ['tsx', process.env.FEED_CHILD ?? 'bench/_feed-server-child.ts'], {
  stdio: ['pipe', 'pipe', 'inherit'],
  // FEED_SERVER_NODE_OPTIONS (e.g. --cpu-prof --cpu-prof-dir=dir) profiles the feed server's process alone.
  env: { ...process.env, NODE_OPTIONS: process.env.FEED_SERVER_NODE_OPTIONS ?? process.env.NODE_OPTIONS ?? '' },
});
const childLines = createInterface({ input: feedChild.stdout })[Symbol.asyncIterator]();
const origin = String((await childLines.next()).value);
const server = { url: (path: string) => new URL(path, origin).href };
const feedServerCpu = async () => {
  feedChild.stdin.write('cpu\n');
  return Number((await childLines.next()).value);
};
const host = await startBrowserHost({ rendererDir: '/tmp', version: '0.1.0', fetch: routedFetch(server, process.env.FETCH === 'undici' ? globalThis.fetch : createNodeHttpFetch()) });
const urls = Array.from({ length: FEEDS }, (_, f) => benchFeedUrl('feed', f));
const runClient = () =>
  new Promise<string>((resolve) => {
    const child = spawn('npx', ['tsx', 'bench/_host-cpu-client.ts', host.url, host.token], { stdio: ['pipe', 'pipe', 'inherit'] });
    child.stdin.end(JSON.stringify(urls));
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.on('exit', () => resolve(out.trim()));
  });
const session = new Session();
session.connect();
await session.post('Profiler.enable');
await session.post('Profiler.setSamplingInterval', { interval: 200 });
const ROUNDS = Number(process.env.ROUNDS ?? 4);
for (let r = 0; r < ROUNDS; r++) {
  const profile = r === ROUNDS - 1 && process.env.PROFILE_OUT;
  if (profile) await session.post('Profiler.start');
  const cpu = process.cpuUsage();
  const faults = process.resourceUsage().minorPageFault;
  const serverBefore = await feedServerCpu();
  const out = await runClient();
  const used = process.cpuUsage(cpu);
  const hostFaults = process.resourceUsage().minorPageFault - faults;
  const serverMs = (await feedServerCpu()) - serverBefore;
  console.log(`round ${r + 1}: ${out} · browser host CPU ${((used.user + used.system) / 1000).toFixed(0)} ms (system ${(used.system / 1000).toFixed(0)}, ${hostFaults} page faults) · feed server CPU ${serverMs.toFixed(0)} ms`);
  if (profile) {
    const { profile: p } = await session.post('Profiler.stop');
    writeFileSync(process.env.PROFILE_OUT as string, JSON.stringify(p));
  }
}
await host.close();
feedChild.stdin.end('quit\n');
