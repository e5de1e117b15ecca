/**
 * Rules acting on articles: on new articles inside the sync merge's transaction (so a merge that rolls back has
 * applied nothing), and on existing articles when the user asks ("Apply to existing articles", counted first).
 * An action only ever changes fields of the article row, so it is written by the same put as the article.
 */
import type { ArticleRow, BroadsheetDb, ContentRow, FeedRow, RuleRow } from '../db/schema';
import { Dexie } from 'dexie';
import { accountOfId } from '../accounts/ids';
import { queueOutbox } from '../db/outbox';
import { decodeHTML } from 'entities';
import type { MatchInput } from './condition';
import { compileConditionCached, compileRules, decide, inScope, scopeFeedOf, type CompiledRule, type RuleDecision } from './rule-set';
import type { DescribableError } from '../i18n/errors';

/**
 * The article body a condition reads, as plain text. Cut (HTML before stripping, text after) so one huge item
 * costs a bounded amount of work per sync; a pattern looks at an even shorter beginning (pattern.ts).
 */
const MAX_HTML_CHARS = 200_000;
const MAX_TEXT_CHARS = 50_000;

/**
 * Tags out, entities decoded, nothing else: a condition only needs the words (measured: a fifth of the cost of
 * the list snippet's clean-up, which also collapses white space and cuts at a word).
 */
function plainText(html: string): string {
  const cut = html.length > MAX_HTML_CHARS ? html.slice(0, MAX_HTML_CHARS) : html;
  let text = cut.indexOf('<') < 0 ? cut : cut.replace(/<(script|style|template)\b[\s\S]*?<\/\1\s*>|<!--[\s\S]*?-->|<[^>]*>/gi, ' ');
  if (text.indexOf('&') >= 0) text = decodeHTML(text);
  return text.length > MAX_TEXT_CHARS ? text.slice(0, MAX_TEXT_CHARS) : text;
}

export function matchInputOf(article: ArticleRow, html: string | undefined, feedTitle: string, folderTitle: string): MatchInput {
  return {
    title: article.title,
    author: article.author ?? '',
    summary: article.summary,
    text: () => (html ? plainText(html) : ''),
    feedTitle,
    folderTitle,
    published: article.published,
  };
}

/** Sets the row fields a decision stands for; returns whether anything changed. */
export function applyDecision(article: ArticleRow, decision: RuleDecision, now: number): boolean {
  let changed = false;
  if ((decision.markRead || decision.hide) && article.read === 0) {
    article.read = 1;
    changed = true;
  }
  if (decision.bookmark && article.starred === 0) {
    article.starred = 1;
    article.starredAt = now;
    changed = true;
  }
  if (decision.hide && article.hidden !== 1) {
    article.hidden = 1;
    changed = true;
  }
  if (decision.keep && article.kept !== 1) {
    article.kept = 1;
    changed = true;
  }
  if (decision.notify && article.ruleNotify !== 1) {
    article.ruleNotify = 1;
    changed = true;
  }
  return changed;
}

/**
 * A rule changed the read or bookmark state of these articles. Local articles need nothing more: the new state is
 * on the rows. Articles of a remote account must tell its server, through that account's outbox, in this same
 * transaction (which must include `accounts` and `outbox`). Returns nothing when no row is an account's.
 */
export function sendRuleStateToAccount(db: BroadsheetDb, changed: readonly ArticleRow[], now: number): PromiseLike<void> | void {
  // Local rows (the whole of every merge today: account sync writes its own pages) return nothing, so no promise
  // is chained into the merge's transaction for them.
  const remote = changed.filter((row) => accountOfId(row.id) !== null);
  if (remote.length === 0) return;
  const read = remote.filter((row) => row.read === 1).map((row) => row.id);
  const starred = remote.filter((row) => row.starred === 1).map((row) => row.id);
  return queueOutbox(db, read, 'read', now).then(() => queueOutbox(db, starred, 'star', now));
}

/** The tables the in-merge hook reads besides those the merge writes; the merge's transaction must include them. */
export function ruleTables(db: BroadsheetDb) {
  return [db.rules, db.folders, db.accounts, db.outbox] as const;
}

/**
 * Runs the enabled rules over the articles a merge is adding, changing the rows in place before they are written.
 * Call inside the merge's transaction (with `ruleTables`). Resolves to how many articles a rule changed. Built on
 * Dexie's own promises (no async function), so it keeps the caller's transaction whatever awaits it. `ruleRows` is the
 * rules table as read in this transaction, when the caller read it once for several feeds.
 */
export function applyRulesToNewArticles(db: BroadsheetDb, feed: FeedRow, fresh: ReadonlyArray<{ article: ArticleRow; content: ContentRow }>, now: number, ruleRows?: PromiseLike<RuleRow[]>): PromiseLike<number> {
  if (fresh.length === 0) return Dexie.Promise.resolve(0);
  return (ruleRows ?? db.rules.toArray()).then((rows) => {
    const { rules } = compileRules(rows);
    if (rules.length === 0) return 0;
    const folderTitle = feed.folderId ? db.folders.get(feed.folderId).then((folder) => folder?.title ?? '') : Dexie.Promise.resolve('');
    return folderTitle.then((folder) => {
      const scopeFeed = scopeFeedOf(feed);
      const stateChanged: ArticleRow[] = [];
      let changed = 0;
      for (const { article, content } of fresh) {
        const decision = decide(rules, scopeFeed, matchInputOf(article, content.html, feed.title, folder));
        if (!decision) continue;
        const before = { read: article.read, starred: article.starred };
        if (applyDecision(article, decision, now)) changed++;
        if (article.read !== before.read || article.starred !== before.starred) stateChanged.push(article);
      }
      const sent = stateChanged.length > 0 ? sendRuleStateToAccount(db, stateChanged, now) : undefined;
      return sent ? Dexie.Promise.resolve(sent).then(() => changed) : changed;
    });
  });
}

export interface ExistingPlan {
  /** Articles the rule would change, with their new rows. */
  changes: ArticleRow[];
  /** How many articles were looked at. */
  examined: number;
}

/** One rule alone, compiled (enabled or not: the user asked for it by name). */
function compileOne(rule: RuleRow): CompiledRule | DescribableError {
  const result = compileConditionCached(rule.condition);
  return result.ok ? { rule, condition: result.condition } : result.error;
}

/**
 * What applying `rule` to the articles already in the library would change (notify is left out: old news is
 * not announced). Read-only; `applyExistingPlan` writes it.
 */
export async function planRuleOnExisting(db: BroadsheetDb, rule: RuleRow, now: number): Promise<ExistingPlan | { error: DescribableError }> {
  const compiled = compileOne({ ...rule, actions: { ...rule.actions, notify: false } });
  if (!('rule' in compiled)) return { error: compiled };
  return db.transaction('r', [db.feeds, db.folders, db.articles, db.contents], async () => {
    const feeds = (await db.feeds.toArray()).filter((feed) => inScope(rule.scope, scopeFeedOf(feed)));
    const folders = new Map((await db.folders.toArray()).map((folder) => [folder.id, folder.title]));
    const changes: ArticleRow[] = [];
    let examined = 0;
    for (const feed of feeds) {
      const articles = await db.articles.where('[feedId+sortTime]').between([feed.id, -Infinity], [feed.id, Infinity]).toArray();
      const contents = compiled.condition.readsText ? await db.contents.bulkGet(articles.map((a) => a.id)) : [];
      const scopeFeed = scopeFeedOf(feed);
      const folderTitle = feed.folderId ? (folders.get(feed.folderId) ?? '') : '';
      articles.forEach((article, i) => {
        examined++;
        if (article.hidden === 1 && !compiled.rule.actions.keep) return;
        const decision = decide([compiled], scopeFeed, matchInputOf(article, contents[i]?.html, feed.title, folderTitle));
        if (!decision) return;
        const next = { ...article };
        if (applyDecision(next, { ...decision, notify: false }, now)) changes.push(next);
      });
    }
    return { changes, examined };
  });
}

/** Writes a plan in one transaction, keeping the unread counters right. Returns how many articles changed. */
export async function applyExistingPlan(db: BroadsheetDb, plan: ExistingPlan, now: number): Promise<number> {
  if (plan.changes.length === 0) return 0;
  return db.transaction('rw', [db.feeds, db.articles, db.accounts, db.outbox], async () => {
    const current = await db.articles.bulkGet(plan.changes.map((a) => a.id));
    const delta = new Map<string, number>();
    const rows: ArticleRow[] = [];
    plan.changes.forEach((next, i) => {
      const now = current[i];
      // Deleted since the plan was made: nothing to change.
      if (!now) return;
      const merged: ArticleRow = { ...now, read: next.read, starred: next.starred, starredAt: next.starredAt };
      for (const flag of ['hidden', 'kept'] as const) if (next[flag] === 1) merged[flag] = 1;
      if (merged.read !== now.read) delta.set(now.feedId, (delta.get(now.feedId) ?? 0) + (merged.read === 1 ? -1 : 1));
      rows.push(merged);
    });
    await db.articles.bulkPut(rows);
    const feeds = await db.feeds.bulkGet([...new Set(rows.map((row) => row.feedId))]);
    for (const feed of feeds) {
      if (!feed) continue;
      const sent = sendRuleStateToAccount(db, rows.filter((row) => row.feedId === feed.id), now);
      if (sent) await sent;
      const n = delta.get(feed.id) ?? 0;
      if (n !== 0) await db.feeds.put({ ...feed, unreadCount: feed.unreadCount + n });
    }
    return rows.length;
  });
}
