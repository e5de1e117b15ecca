/**
 * Full text: the article part of a web page, found by Mozilla's Readability on a DOMParser document (nothing
 * in it runs: DOMParser documents have no scripting and load nothing). Relative links and images are resolved
 * against the page (or its own <base>) by hand first: the app's CSP (`base-uri 'none'`) forbids a <base> in the
 * parsed document, which would otherwise resolve them against the app.
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
  absolutizeUrls(doc, pageUrl);
  const parsed = new Readability(doc, { charThreshold: MIN_ARTICLE_TEXT }).parse();
  if (!parsed?.content) return null;
  const textLength = (parsed.textContent ?? '').trim().length;
  if (textLength < MIN_ARTICLE_TEXT) return null;
  return { html: sanitizeArticleHtml(parsed.content), title: parsed.title ?? '', textLength };
}

function resolve(raw: string, base: string): string {
  try {
    return new URL(raw.trim(), base).href;
  } catch {
    return raw;
  }
}

function absolutizeUrls(doc: Document, pageUrl: string): void {
  let base = pageUrl;
  const declared = doc.querySelector('base[href]')?.getAttribute('href');
  if (declared) {
    const resolved = resolve(declared, pageUrl);
    if (/^https?:/i.test(resolved)) base = resolved;
  }
  for (const element of Array.from(doc.querySelectorAll('base'))) element.remove();
  for (const attribute of ['href', 'src', 'poster', 'cite']) {
    for (const element of Array.from(doc.querySelectorAll(`[${attribute}]`))) {
      const value = element.getAttribute(attribute) ?? '';
      // In-page anchors stay as they are; Readability handles them.
      if (value.startsWith('#')) continue;
      element.setAttribute(attribute, resolve(value, base));
    }
  }
  for (const element of Array.from(doc.querySelectorAll('[srcset]'))) {
    const candidates = (element.getAttribute('srcset') ?? '').split(/,\s+/).map((candidate) => {
      const [url = '', ...descriptors] = candidate.trim().split(/\s+/);
      return [resolve(url, base), ...descriptors].join(' ');
    });
    element.setAttribute('srcset', candidates.join(', '));
  }
}
