/** Loads one article's full text through the host and stores it, or records why it could not. */
import type { BroadsheetDb } from '../../shared/db';
import type { Host } from '../../shared/host';
import type { Result } from '../../shared/result';
import { err, ok } from '../../shared/result';
import { extractArticle } from './extract-article';

export interface FullTextDeps {
  db: BroadsheetDb;
  host: Pick<Host, 'fetchPage'>;
  now: () => number;
}

/** The stored full text's HTML, or the sentence recorded in contents.fullTextError. */
export async function loadFullText(deps: FullTextDeps, articleId: string): Promise<Result<string, string>> {
  const { db, host, now } = deps;
  const article = await db.articles.get(articleId);
  if (!article) return err('The article is no longer in the library.');
  const failed = async (message: string) => {
    await db.transaction('rw', db.contents, async () => {
      const content = await db.contents.get(articleId);
      if (content) await db.contents.update(articleId, { fullTextError: message, fullTextFetchedAt: now() });
    });
    return err(message);
  };
  if (!article.url) return failed('This article has no web page to load the full text from.');
  const page = await host.fetchPage(article.url);
  if (!page.ok) return failed(page.error.message);
  const extracted = extractArticle(page.value.html, page.value.finalUrl);
  if (!extracted) return failed('No article text was found on its web page.');
  const stored = await db.transaction('rw', db.contents, async () => {
    const content = await db.contents.get(articleId);
    if (!content) return false;
    await db.contents.update(articleId, { fullText: extracted.html, fullTextFetchedAt: now(), fullTextError: null });
    return true;
  });
  return stored ? ok(extracted.html) : err('The article is no longer in the library.');
}
