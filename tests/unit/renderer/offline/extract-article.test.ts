// @vitest-environment jsdom
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { extractArticle } from '../../../../renderer/offline/extract-article';

const pages = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../fixtures/pages');
const newsPage = readFileSync(path.join(pages, 'news-article.html'), 'utf8');

describe('extractArticle', () => {
  const article = extractArticle(newsPage, 'https://daily.example/2025/01/bridge-reopens');

  it('keeps the article text', () => {
    expect(article?.html).toContain('reopened to traffic on Monday morning');
    expect(article?.html).toContain('replaced one at a time while the deck stayed in place');
    expect(article?.textLength).toBeGreaterThan(600);
  });

  it('drops navigation, ads, related links, comments and the footer', () => {
    for (const noise of ['Subscribe today', 'Mega Phone', 'one weird trick', 'Most read', 'Nobody asked for this bridge', 'All rights reserved']) {
      expect(article?.html).not.toContain(noise);
    }
  });

  it('resolves relative links and images against the page URL', () => {
    expect(article?.html).toContain('src="https://daily.example/images/bridge.png"');
    expect(article?.html).toContain('href="https://daily.example/reports/bridge-inspection.pdf"');
  });

  it('sanitises what it keeps', () => {
    expect(article?.html).not.toMatch(/<script|trackEverything/);
  });

  it('finds nothing in a page without an article', () => {
    expect(extractArticle('<html><body><nav><a href="/">Home</a></nav><p>Page not found.</p></body></html>', 'https://daily.example/x')).toBeNull();
  });
});

describe('extractArticle with a <base>', () => {
  it("resolves against the page's own http(s) <base>", () => {
    const page = newsPage.replace('<head>', '<head><base href="https://cdn.daily.example/site/">').replace('src="/images/bridge.png"', 'src="images/bridge.png"');
    expect(extractArticle(page, 'https://daily.example/2025/x')?.html).toContain('src="https://cdn.daily.example/site/images/bridge.png"');
  });
});
