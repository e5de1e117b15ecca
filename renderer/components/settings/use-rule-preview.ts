import { useEffect, useMemo, useState } from 'react';
import type { ArticleRow, FeedRow, FolderRow, RuleScope } from '../../../shared/db';
import { compileConditionCached, decide, matchInputOf, NO_ACTIONS, scopeFeedOf } from '../../../shared/rules';
import { useLibrary } from '../../library/library-context';
import type { DescribableError } from '../../../shared/i18n/errors';

/** How many of the newest articles the preview tries a condition on. */
export const PREVIEW_SAMPLE = 1000;
const PREVIEW_TITLES = 5;

export interface RulePreview {
  /** False until the sample is read. */
  ready: boolean;
  sample: number;
  matched: number;
  titles: string[];
  error: DescribableError | null;
}

/**
 * The rule editor's live preview: the condition tried on the newest articles as it is typed, in memory (the
 * sample is read once, hidden articles included, so a mute rule shows what it already catches; the article text
 * only when the condition asks for it).
 */
export function useRulePreview(scope: RuleScope, condition: string, feeds: readonly FeedRow[], folders: readonly FolderRow[]): RulePreview {
  const { db } = useLibrary();
  const [sample, setSample] = useState<ArticleRow[] | null>(null);
  const [html, setHtml] = useState<ReadonlyMap<string, string> | null>(null);
  const compiled = useMemo(() => compileConditionCached(condition), [condition]);
  const needsText = compiled.ok && compiled.condition.readsText;

  useEffect(() => {
    let cancelled = false;
    void db.articles
      .orderBy('sortTime')
      .reverse()
      .limit(PREVIEW_SAMPLE)
      .toArray()
      .then((rows) => !cancelled && setSample(rows));
    return () => {
      cancelled = true;
    };
  }, [db]);

  useEffect(() => {
    if (!needsText || !sample || html) return;
    let cancelled = false;
    void db.contents.bulkGet(sample.map((row) => row.id)).then((rows) => {
      if (!cancelled) setHtml(new Map(rows.flatMap((row) => (row ? [[row.articleId, row.html] as const] : []))));
    });
    return () => {
      cancelled = true;
    };
  }, [db, needsText, sample, html]);

  return useMemo((): RulePreview => {
    if (!compiled.ok) return { ready: sample !== null, sample: sample?.length ?? 0, matched: 0, titles: [], error: compiled.error };
    if (!sample) return { ready: false, sample: 0, matched: 0, titles: [], error: null };
    const byId = new Map(feeds.map((feed) => [feed.id, feed]));
    const folderTitles = new Map(folders.map((folder) => [folder.id, folder.title]));
    const rule = { id: 'preview', name: '', position: 0, enabled: 1 as const, scope, condition, actions: { ...NO_ACTIONS, markRead: true }, createdAt: 0, updatedAt: 0 };
    const rules = [{ rule, condition: compiled.condition }];
    const titles: string[] = [];
    let matched = 0;
    for (const article of sample) {
      const feed = byId.get(article.feedId);
      if (!feed) continue;
      const input = matchInputOf(article, html?.get(article.id), feed.title, feed.folderId ? (folderTitles.get(feed.folderId) ?? '') : '');
      if (!decide(rules, scopeFeedOf(feed), input)) continue;
      matched++;
      if (titles.length < PREVIEW_TITLES) titles.push(article.title);
    }
    return { ready: true, sample: sample.length, matched, titles, error: null };
  }, [compiled, sample, html, feeds, folders, scope, condition]);
}
