/**
 * The bench feed server's own CPU for a cold sync's 500 downloads (500 × 50 items, as chromium-sync serves them), in a
 * child process of its own, beside a bare node:http server sending the same bytes (the least a Node server can cost):
 * the gap is what the feed server's own bookkeeping costs per request. The client here reads every body over
 * keep-alive connections, 16 at a time, as the browser host does.
 * Run: `ROUNDS=5 npx tsx bench/_feed-server-cpu.ts` (a leading _ keeps it out of `npm run bench`).
 */
import { spawn } from 'node:child_process';
import http from 'node:http';
import { createInterface } from 'node:readline';

const ROUNDS = Number(process.env.ROUNDS ?? 5);
const paths = Array.from({ length: 500 }, (_, f) => `/feed${f}.xml`);

async function measure(child: string): Promise<number[]> {
  const proc = spawn('npx', ['tsx', child], { stdio: ['pipe', 'pipe', 'inherit'] });
  const lines = createInterface({ input: proc.stdout })[Symbol.asyncIterator]();
  const origin = String((await lines.next()).value);
  const cpu = async () => {
    proc.stdin.write('cpu\n');
    return Number((await lines.next()).value);
  };
  const agent = new http.Agent({ keepAlive: true });
  const get = (path: string) =>
    new Promise<number>((resolve, reject) => {
      http
        .get(`${origin}${path}`, { agent, headers: { accept: 'application/rss+xml', 'user-agent': 'Broadsheet/0.1.0' } }, (res) => {
          let bytes = 0;
          res.on('data', (chunk: Buffer) => (bytes += chunk.length));
          res.on('end', () => resolve(bytes));
        })
        .on('error', reject);
    });
  const out: number[] = [];
  for (let r = 0; r < ROUNDS; r++) {
    const before = await cpu();
    let next = 0;
    await Promise.all(Array.from({ length: 16 }, async () => { while (next < paths.length) await get(paths[next++] as string); }));
    out.push((await cpu()) - before);
  }
  agent.destroy();
  proc.stdin.end('quit\n');
  return out;
}

for (let pass = 0; pass < 2; pass++) {
  for (const [name, child] of [['feed server', 'bench/_feed-server-child.ts'], ['bare node:http', process.env.BARE_CHILD ?? 'bench/_bare-feed-server-child.ts']] as const) {
    const rounds = await measure(child);
    console.log(`${name.padEnd(15)} CPU per 500 downloads: ${rounds.map((ms) => ms.toFixed(0)).join(', ')} ms`);
  }
}
