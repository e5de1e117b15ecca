/** bench/_feed-server-cpu.ts's floor: a bare node:http server sending the same feed bytes with the same headers, nothing else. */
import { createInterface } from 'node:readline';
import http from 'node:http';
import { rssCorpus } from './support/rss-corpus';
const feeds = new Map<string, Uint8Array>();
for (const [path, body] of rssCorpus({ feeds: 500, items: 50, seed: 20250115, newest: Date.UTC(2025, 0, 15) })) feeds.set(path, new TextEncoder().encode(body));
const server = http.createServer((req, res) => {
  const body = feeds.get(req.url ?? '');
  if (!body) return void res.writeHead(404).end();
  res.writeHead(200, { 'content-type': 'application/rss+xml; charset=utf-8', etag: '"v1"', 'content-length': String(body.byteLength) }).end(body);
});
await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
console.log(`http://127.0.0.1:${(server.address() as { port: number }).port}`);
for await (const line of createInterface({ input: process.stdin })) {
  if (line === 'quit') break;
  const used = process.cpuUsage();
  console.log(String((used.user + used.system) / 1000));
}
server.close(); server.closeAllConnections();
