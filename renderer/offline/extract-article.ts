/**
 * Full text: the article part of a web page, found by Mozilla's Readability on a DOMParser document (nothing
 * in it runs: DOMParser documents have no scripting and load nothing). A <base> set to the page URL makes
 * relative links and images resolve against the page, not the app.
 */
import { Readability } from '@mozilla/readability';
import { sanitizeArticleHtml } from '../reader/sanitize';

export interface ExtractedArticle {
  /** Sanitised HTML of the article body. */
  html: string;
  title: string;
  /** Characters of text in it. */
  textLength: number;
}

/** Below this much text, what Readability found is a teaser or an error page, not an article. */
export const MIN_ARTICLE_TEXT = 200;

export function extractArticle(pageHtml: string, pageUrl: string): ExtractedArticle | null {
  const doc = new DOMParser().parseFromString(pageHtml, 'text/html');
  for (const base of Array.from(doc.querySelectorAll('base'))) base.remove();
  const base = doc.createElement('base');
  base.href = pageUrl;
  doc.head.prepend(base);
  const parsed = new Readability(doc, { charThreshold: MIN_ARTICLE_TEXT }).parse();
  if (!parsed?.content) return null;
  const textLength = (parsed.textContent ?? '').trim().length;
  if (textLength < MIN_ARTICLE_TEXT) return null;
  return { html: sanitizeArticleHtml(parsed.content), title: parsed.title ?? '', textLength };
}
