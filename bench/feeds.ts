/**
 * Feed parsing throughput: a generated corpus (fixed seed) of 240 feeds, half RSS 2.0 (content:encoded in CDATA,
 * dc:creator, enclosures) and half Atom 1.0 (escaped HTML content, xml:base, categories), 20–40 items each with
 * realistic article HTML (paragraphs, entities, relative and absolute links, images with srcset).
 * Side by side in one run: shared/feeds parseFeed (from strings and from bytes), rss-parser (the popular baseline:
 * xml2js underneath, async) and a bare htmlparser2 SAX pass with no object building (the floor).
 * Prints the median of 5 runs after a warm-up. Run: `npx tsx bench/feeds.ts`.
 */
import { Parser } from 'htmlparser2';
import RssParser from 'rss-parser';
import { parseFeed } from '../shared/feeds';
import { mulberry32 } from '../tests/support/random';

const FEEDS = 240;
const RUNS = 5;

const WORDS = (
  'the of and to in a is that for it as was with be by on not he this are or his from at which but have an they you ' +
  'were her she there been one all we their has would when if so no what up out who them some could into its then ' +
  'government minister report market city water research people school energy policy court health election climate ' +
  'council company president data network science museum railway harbour festival village ministry café naïve résumé'
).split(' ');

interface Corpus {
  texts: string[];
  bytes: Uint8Array[];
  urls: string[];
  items: number;
  totalBytes: number;
}

function makeCorpus(seed: number): Corpus {
  const random = mulberry32(seed);
  const pick = <T>(list: T[]): T => list[Math.floor(random() * list.length)]!;
  const sentence = (min: number, max: number): string => {
    const n = min + Math.floor(random() * (max - min));
    const words: string[] = [];
    for (let i = 0; i < n; i++) words.push(pick(WORDS));
    const s = words.join(' ');
    return s.charAt(0).toUpperCase() + s.slice(1);
  };
  const articleHtml = (): string => {
    const paragraphs = 4 + Math.floor(random() * 10);
    let html = '';
    for (let p = 0; p < paragraphs; p++) {
      let para = '';
      const sentences = 2 + Math.floor(random() * 5);
      for (let s = 0; s < sentences; s++) {
        para += `${sentence(6, 22)}${random() < 0.1 ? ' &amp; more' : ''}${random() < 0.05 ? ' &mdash;' : ''}. `;
        if (random() < 0.25) para += `<a href="${random() < 0.3 ? '/2024/' : 'https://news.example.org/'}${pick(WORDS)}-${Math.floor(random() * 1e4)}.html">${sentence(1, 4)}</a> `;
        if (random() < 0.1) para += `<em>${sentence(1, 3)}</em> `;
      }
      html += `<p>${para.trim()}</p>\n`;
      if (random() < 0.15) {
        const img = `${random() < 0.3 ? 'images/' : 'https://cdn.example.net/img/'}${Math.floor(random() * 1e6)}`;
        html += `<figure><img src="${img}.jpg" srcset="${img}-2x.jpg 2x" alt="${sentence(2, 5)}" width="640" height="360"><figcaption>${sentence(3, 8)}</figcaption></figure>\n`;
      }
      if (random() < 0.05) html += `<blockquote><p>${sentence(8, 20)}</p></blockquote>\n`;
    }
    return html;
  };
  const escape = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  const date = (): Date => new Date(Date.UTC(2024, 0, 1) + Math.floor(random() * 365 * 86_400_000));

  const texts: string[] = [];
  const urls: string[] = [];
  let items = 0;
  for (let f = 0; f < FEEDS; f++) {
    const site = `https://site${f}.example.com`;
    const count = 20 + Math.floor(random() * 21);
    items += count;
    let xml: string;
    if (f % 2 === 0) {
      xml = `<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:atom="http://www.w3.org/2005/Atom">\n<channel>\n<title>${escape(sentence(2, 5))}</title>\n<link>${site}/</link>\n<atom:link rel="self" href="${site}/feed"/>\n<description>${escape(sentence(5, 12))}</description>\n<language>en</language>\n`;
      for (let i = 0; i < count; i++) {
        const html = articleHtml();
        const slug = `${pick(WORDS)}-${i}`;
        xml += `<item>\n<title>${escape(sentence(4, 12))}</title>\n<link>${site}/2024/${slug}</link>\n<guid isPermaLink="false">${site}/?p=${f * 1000 + i}</guid>\n<pubDate>${date().toUTCString()}</pubDate>\n<dc:creator><![CDATA[${sentence(2, 3)}]]></dc:creator>\n<category><![CDATA[${pick(WORDS)}]]></category>\n<category><![CDATA[${pick(WORDS)}]]></category>\n<description><![CDATA[${html.slice(0, 300)}…]]></description>\n<content:encoded><![CDATA[${html}]]></content:encoded>\n${random() < 0.2 ? `<enclosure url="${site}/media/${slug}.mp3" length="${Math.floor(random() * 1e8)}" type="audio/mpeg"/>\n` : ''}</item>\n`;
      }
      xml += '</channel>\n</rss>\n';
    } else {
      xml = `<?xml version="1.0" encoding="utf-8"?>\n<feed xmlns="http://www.w3.org/2005/Atom" xml:base="${site}/blog/" xml:lang="en">\n<title type="text">${escape(sentence(2, 5))}</title>\n<subtitle>${escape(sentence(5, 12))}</subtitle>\n<link rel="alternate" type="text/html" href="${site}/"/>\n<link rel="self" href="${site}/atom.xml"/>\n<id>${site}/</id>\n<updated>${date().toISOString()}</updated>\n<author><name>${sentence(2, 3)}</name></author>\n`;
      for (let i = 0; i < count; i++) {
        const html = articleHtml();
        xml += `<entry>\n<title type="html">${escape(sentence(4, 12))}</title>\n<link rel="alternate" type="text/html" href="posts/${pick(WORDS)}-${i}"/>\n<id>tag:site${f}.example.com,2024:${i}</id>\n<published>${date().toISOString()}</published>\n<updated>${date().toISOString()}</updated>\n<category term="${pick(WORDS)}"/>\n<summary type="html">${escape(html.slice(0, 300))}</summary>\n<content type="html">${escape(html)}</content>\n</entry>\n`;
      }
      xml += '</feed>\n';
    }
    texts.push(xml);
    urls.push(`${site}/feed`);
  }
  const encoder = new TextEncoder();
  const bytes = texts.map((t) => encoder.encode(t));
  return { texts, bytes, urls, items, totalBytes: bytes.reduce((n, b) => n + b.byteLength, 0) };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

function cpuMs(): number {
  const usage = process.cpuUsage();
  return (usage.user + usage.system) / 1000;
}

/**
 * Runs every contender once per round (rounds interleaved, so a noisy neighbour on a shared machine slows all of them
 * alike) and keeps each one's median wall time, and its median CPU time (this process, GC threads included), which
 * other jobs on a shared machine disturb far less.
 */
async function measureAll(contenders: [string, () => Promise<number> | number][]): Promise<[string, { ms: number; cpuMs: number; items: number }][]> {
  const times = contenders.map(() => [] as number[]);
  const cpuTimes = contenders.map(() => [] as number[]);
  const items = contenders.map(() => 0);
  for (const [, run] of contenders) await run(); // warm-up
  for (let round = 0; round < RUNS; round++) {
    for (let c = 0; c < contenders.length; c++) {
      const started = performance.now();
      const cpuStarted = cpuMs();
      items[c] = await contenders[c]![1]();
      times[c]!.push(performance.now() - started);
      cpuTimes[c]!.push(cpuMs() - cpuStarted);
    }
  }
  return contenders.map(([name], c) => [name, { ms: median(times[c]!), cpuMs: median(cpuTimes[c]!), items: items[c]! }]);
}

export async function run(): Promise<void> {
  const corpus = makeCorpus(20_240_601);
  const mb = corpus.totalBytes / 1e6;
  console.log(`corpus: ${FEEDS} feeds (RSS + Atom), ${corpus.items} items, ${mb.toFixed(1)} MB; median of ${RUNS} runs after a warm-up`);

  const rssParser = new RssParser();
  const results = await measureAll([
    ['shared/feeds parseFeed (string)', () => {
      let n = 0;
      for (let i = 0; i < corpus.texts.length; i++) n += parseFeed(corpus.texts[i]!, { url: corpus.urls[i]! }).items.length;
      return n;
    }],
    ['shared/feeds parseFeed (bytes)', () => {
      let n = 0;
      for (let i = 0; i < corpus.bytes.length; i++) n += parseFeed(corpus.bytes[i]!, { url: corpus.urls[i]!, contentType: 'application/xml' }).items.length;
      return n;
    }],
    ['rss-parser 3 (xml2js)', async () => {
      let n = 0;
      for (const text of corpus.texts) n += (await rssParser.parseString(text)).items.length;
      return n;
    }],
    ['htmlparser2 bare SAX pass', () => {
      let events = 0;
      for (const text of corpus.texts) {
        const parser = new Parser({ onopentag: () => void events++, ontext: () => void events++, onclosetag: () => void events++ }, { xmlMode: true });
        parser.end(text);
      }
      return corpus.items;
    }],
  ]);

  for (const [name, r] of results) {
    const mbps = mb / (r.ms / 1000);
    const itemsPerSec = r.items / (r.ms / 1000);
    console.log(`${name.padEnd(34)} ${r.ms.toFixed(0).padStart(6)} ms  ${mbps.toFixed(1).padStart(7)} MB/s  ${Math.round(itemsPerSec).toLocaleString('en-US').padStart(9)} items/s  (${r.items} items; CPU ${r.cpuMs.toFixed(0)} ms)`);
  }
  const [ours, , rss, sax] = results.map(([, r]) => r);
  console.log(`speed-up over rss-parser: ${(rss!.ms / ours!.ms).toFixed(2)}x wall, ${(rss!.cpuMs / ours!.cpuMs).toFixed(2)}x CPU (target >= 3x)`);
  console.log(`time vs bare SAX pass:    ${(ours!.ms / sax!.ms).toFixed(2)}x wall, ${(ours!.cpuMs / sax!.cpuMs).toFixed(2)}x CPU (target <= 2x)`);
}

if (import.meta.url === `file://${process.argv[1]}`) void run();
