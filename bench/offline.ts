/**
 * Offline storage figures (never asserted): images stored per second and bytes stored for a 1,000-article sync
 * served by a local HTTP server (Node fetch → shared/net fetchImage → fake-indexeddb), and the time to rewrite an
 * article with 20 stored images for the reader (DOMPurify in jsdom). Median of 5 runs after a warm-up.
 */
import { readFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { JSDOM } from 'jsdom';
import { BroadsheetDb, subscribe } from '../shared/db';
import { createHostServices } from '../shared/host-services';
import { mergeParsedFeed } from '../shared/sync/merge';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const png = readFileSync(path.join(root, 'tests/fixtures/images/photo.png'));
const ARTICLES = 1000;
const RUNS = 5;

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? 0;
}

async function syncRun(origin: string, run: number): Promise<{ seconds: number; stored: number; bytes: number }> {
  const { storeArticleImages } = await import('../renderer/offline/store-images');
  const db = new BroadsheetDb({ name: `bench-offline-${run}`, indexedDB: new IDBFactory(), IDBKeyRange });
  const feed = await subscribe(db, `${origin}/feed.xml`, { now: 0 });
  if (!feed.ok) throw new Error(feed.error.message);
  const items = Array.from({ length: ARTICLES }, (_, index) => ({
    guid: `a${index}`,
    url: `${origin}/articles/${index}`,
    title: `Article ${index}`,
    summary: `<p>Article ${index}</p><img src="${origin}/images/${run}-${index}.png">`,
    published: index * 1000,
    categories: [],
    enclosures: [],
  }));
  const merged = await mergeParsedFeed(db, feed.value.feed.id, { format: 'rss', title: 'Bench', items }, 0, () => ({}));
  const host = createHostServices({ fetch: globalThis.fetch, version: '0.0.0', host: 'browser', os: 'linux', openExternal: async () => undefined });
  const started = performance.now();
  const report = await storeArticleImages({ db, host, now: Date.now, concurrency: 4 }, merged?.added ?? []);
  const seconds = (performance.now() - started) / 1000;
  db.close();
  return { seconds, stored: report.stored, bytes: report.bytes };
}

async function rewriteTimes(): Promise<number[]> {
  const dom = new JSDOM('<!doctype html><html><body></body></html>');
  const globals = globalThis as Record<string, unknown>;
  globals.window = dom.window;
  globals.document = dom.window.document;
  globals.Element = dom.window.Element;
  const { articleDocument, defaultReaderPreferences } = await import('../renderer/reader/article-document');
  const stored = new Map<string, string>();
  const paragraphs: string[] = [];
  for (let i = 0; i < 20; i++) {
    const url = `https://news.example/images/${i}.jpg`;
    stored.set(url, `blob:http://app/${i}`);
    paragraphs.push(`<p>${'Words of the article. '.repeat(30)}</p><figure><img src="${url}" srcset="${url} 800w, ${url}?w=1600 1600w" alt="${i}"><figcaption>Photo ${i}</figcaption></figure>`);
  }
  const article = { title: 'Twenty pictures', feedTitle: 'Bench', url: 'https://news.example/story', html: paragraphs.join('\n'), storedImages: stored };
  articleDocument(article, defaultReaderPreferences);
  const times: number[] = [];
  for (let run = 0; run < 20; run++) {
    const started = performance.now();
    articleDocument(article, defaultReaderPreferences);
    times.push(performance.now() - started);
  }
  return times;
}

export async function run(): Promise<void> {
  const server = http.createServer((_request, response) => {
    response.writeHead(200, { 'content-type': 'image/png', 'content-length': String(png.length) });
    response.end(png);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  try {
    await syncRun(origin, 0); // warm-up
    const runs = [];
    for (let run = 1; run <= RUNS; run++) runs.push(await syncRun(origin, run));
    const seconds = median(runs.map((r) => r.seconds));
    const last = runs[runs.length - 1];
    console.log(`offline images: ${ARTICLES} articles × 1 image (${png.length} B PNG), median of ${RUNS}`);
    console.log(`  ${(ARTICLES / seconds).toFixed(0)} images stored/s (${(seconds * 1000).toFixed(0)} ms), ${last?.stored ?? 0} stored, ${((last?.bytes ?? 0) / 1024).toFixed(0)} KiB`);
  } finally {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
  const times = await rewriteTimes();
  console.log(`reader rewrite: article with 20 stored images, median ${median(times).toFixed(2)} ms (20 runs after a warm-up, jsdom)`);
}

if (import.meta.url === `file://${process.argv[1]}`) void run();
