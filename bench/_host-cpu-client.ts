/** bench/_host-cpu.ts's client: the sync worker's HTTP transport asking the browser host for the cold sync's 500 feeds (URLs on stdin). */
import { createHttpHostTransport } from '../renderer/host/http-host-transport';
const [origin, token] = process.argv.slice(2) as [string, string];
let input = '';
for await (const chunk of process.stdin) input += chunk;
const urls = JSON.parse(input) as string[];
const transport = createHttpHostTransport(token, origin);
let ok = 0, items = 0;
const t0 = performance.now();
const cpu = process.cpuUsage();
const batches: string[][] = [];
for (let i = 0; i < urls.length; i += 50) batches.push(urls.slice(i, i + 50));
let next = 0;
await Promise.all(Array.from({ length: 3 }, async () => {
  while (next < batches.length) {
    const batch = batches[next++]!;
    await transport.fetchFeeds(batch.map((url) => ({ url })), (_i, result) => {
      if (result.ok && result.value.status === 'ok') { ok++; items += result.value.feed!.items.length; }
    });
  }
}));
const used = process.cpuUsage(cpu);
console.log(`${ok} feeds, ${items} items in ${(performance.now() - t0).toFixed(0)} ms, client CPU ${((used.user + used.system) / 1000).toFixed(0)} ms`);
