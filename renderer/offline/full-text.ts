/** Loads one article's full text through the host and stores it, or records why it could not. */
import type { BroadsheetDb } from '../../shared/db';
import type { Host } from '../../shared/host';
import type { Result } from '../../shared/result';
import { err, ok } from '../../shared/result';
import { extractArticle } from './extract-article';
import { coded } from '../../shared/i18n/errors';
import type { DescribableError } from '../../shared/i18n/errors';

export interface FullTextDeps {
  db: BroadsheetDb;
  host: Pick<Host, 'fetchPage'>;
  now: () => number;
}

/** The stored full text's HTML, or the sentence recorded in contents.fullTextError. */
export async function loadFullText(deps: FullTextDeps, articleId: string): Promise<Result<string, DescribableError>> {
  const { db, host, now } = deps;
  const article = await db.articles.get(articleId);
  const gone = coded('errors.fullText.gone', 'The article is no longer in the library.');
  if (!article) return err(gone);
  const failed = async (problem: DescribableError) => {
    await db.transaction('rw', db.contents, async () => {
      const content = await db.contents.get(articleId);
      if (content) await db.contents.update(articleId, { fullTextError: problem.message, fullTextFetchedAt: now() });
    });
    return err(problem);
  };
  if (!article.url) return failed(coded('errors.fullText.noPage', 'This article has no web page to load the full text from.'));
  const page = await host.fetchPage(article.url);
  if (!page.ok) return failed(page.error);
  const extracted = extractArticle(page.value.html, page.value.finalUrl);
  if (!extracted) return failed(coded('errors.fullText.noText', 'No article text was found on its web page.'));
  const stored = await db.transaction('rw', db.contents, async () => {
    const content = await db.contents.get(articleId);
    if (!content) return false;
    await db.contents.update(articleId, { fullText: extracted.html, fullTextFetchedAt: now(), fullTextError: null });
    return true;
  });
  return stored ? ok(extracted.html) : err(gone);
}
