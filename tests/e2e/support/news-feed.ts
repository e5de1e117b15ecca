/** RSS documents for the end-to-end journeys, with real HTML content and the seed article. */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
export const seedArticle = readFileSync(path.join(here, '../../fixtures/seed-article.txt'), 'utf8');

export interface NewsItem {
  guid: string;
  title: string;
  html: string;
  /** Hours before now. */
  ageHours: number;
}

const escape = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

export function seedItemHtml(): string {
  return seedArticle
    .split(/\n\s*\n/)
    .map((paragraph) => paragraph.trim())
    .filter((paragraph) => paragraph && !/^[|\s]*$/.test(paragraph))
    .map((paragraph) => `<p>${escape(paragraph)}</p>`)
    .join('\n');
}

export function newsRss(title: string, origin: string, items: readonly NewsItem[]): string {
  const now = Date.now();
  const entries = items
    .map(
      (item) => `<item>
  <title>${escape(item.title)}</title>
  <link>${origin}/articles/${item.guid}</link>
  <guid isPermaLink="false">${item.guid}</guid>
  <pubDate>${new Date(now - item.ageHours * 3_600_000).toUTCString()}</pubDate>
  <description><![CDATA[${item.html}]]></description>
</item>`,
    )
    .join('\n');
  return `<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel>
<title>${escape(title)}</title><link>${origin}/</link><description>News for the tests</description>
${entries}
</channel></rss>`;
}

export const baseItems: NewsItem[] = [
  { guid: 'seed', title: 'Russia fighter jets pound Daesh positions in Syria’s Raqqah', html: seedItemHtml(), ageHours: 1 },
  { guid: 'second', title: 'City council approves the new cycling plan', html: '<p>The plan adds <strong>40 km</strong> of protected lanes.</p>', ageHours: 3 },
  { guid: 'third', title: 'Rain expected across the region this weekend', html: '<p>Forecasters expect <em>heavy</em> showers.</p><pre><code>rain = true</code></pre>', ageHours: 5 },
];
