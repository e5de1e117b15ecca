/**
 * RSS 2.0 documents for sync benches, from a fixed seed: titles of ~8 words, a 40-word description and a 300-word
 * content:encoded per item (the sizes bench/sync.ts uses in Node, so the two sets of figures compare).
 */

import { mulberry32 } from '../../tests/support/random';

const WORDS = (
  'news report update market city council science study health space launch court ruling election vote team season ' +
  'record energy climate storm river company shares bank prices workers budget policy research rocket mission phone ' +
  'network startup trade farmers harvest railway airport bridge housing museum festival police trial parliament summit'
).split(' ');

export interface RssCorpusOptions {
  feeds: number;
  items: number;
  seed: number;
  /** Newest publication time (ms). */
  newest: number;
  /** Paths are `/<prefix><f>.xml`; default "feed". */
  prefix?: string;
}

/** Path on the feed server → RSS body, for feeds 0..feeds-1 at `/<prefix><f>.xml`. */
export function rssCorpus(options: RssCorpusOptions): Map<string, string> {
  const random = mulberry32(options.seed);
  const words = (n: number) => Array.from({ length: n }, () => WORDS[Math.floor(random() * WORDS.length)]).join(' ');
  const out = new Map<string, string>();
  for (let f = 0; f < options.feeds; f++) {
    const items: string[] = [];
    for (let i = 0; i < options.items; i++) {
      const published = new Date(options.newest - Math.floor(random() * 30 * 86_400_000)).toUTCString();
      const link = `https://site${f}.example/p/${i}`;
      const title = words(8);
      items.push(
        `<item><title>${title}</title><link>${link}</link><guid>${link}</guid><pubDate>${published}</pubDate>` +
          `<description>${words(40)}</description>` +
          `<content:encoded><![CDATA[<p>${words(100)}</p><p>${words(100)}</p><p>${words(100)}</p>]]></content:encoded></item>`,
      );
    }
    out.set(
      `/${options.prefix ?? 'feed'}${f}.xml`,
      `<?xml version="1.0" encoding="utf-8"?>\n<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel>` +
        `<title>Feed ${f}</title><link>https://site${f}.example/</link><description>Bench feed ${f}</description>\n` +
        `${items.join('\n')}\n</channel></rss>\n`,
    );
  }
  return out;
}
