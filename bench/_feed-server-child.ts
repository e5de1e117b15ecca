/** The bench's feed server in a process of its own (for bench/_host-cpu.ts): prints its origin, then its CPU (ms) for each line read. */
import { createInterface } from 'node:readline';
import { startFeedServer } from '../tests/support/feed-server';
import { rssCorpus } from './support/rss-corpus';

const server = await startFeedServer();
for (const [path, body] of rssCorpus({ feeds: 500, items: 50, seed: 20250115, newest: Date.UTC(2025, 0, 15) })) server.setFeed(path, body, { etag: '"v1"' });
console.log(server.origin);
for await (const line of createInterface({ input: process.stdin })) {
  if (line === 'quit') break;
  const used = process.cpuUsage();
  console.log(String((used.user + used.system) / 1000));
}
await server.close();
