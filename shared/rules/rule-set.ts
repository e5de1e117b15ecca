/**
 * Rules compiled for use, their scope, and what a list of them decides for one article. Every matching enabled
 * rule contributes its actions, in order; "hide" wins over everything that would show the article again: a hidden
 * article is stored read, is not bookmarked and is not announced.
 */
import type { FeedRow, RuleActions, RuleRow, RuleScope } from '../db/schema';
import { compileCondition, FieldCache, type CompiledCondition, type ConditionResult, type MatchInput } from './condition';
import type { DescribableError } from '../i18n/errors';

/** The account of feeds that are fetched by this computer (accounts add their own ids). */
export const LOCAL_ACCOUNT_ID = 'local';

export interface CompiledRule {
  rule: RuleRow;
  condition: CompiledCondition;
}

export interface RuleError {
  ruleId: string;
  error: DescribableError;
}

/** What to do to one article: the union of the actions of the rules it matched (hide already applied). */
export type RuleDecision = RuleActions;

/** A feed as scope sees it. */
export interface ScopeFeed {
  id: string;
  folderId: string | null;
  accountId: string;
}

export function accountOf(feed: FeedRow): string {
  // Feeds of remote accounts carry their account id (the accounts work adds it to FeedRow); others are local.
  const account = (feed as FeedRow & { accountId?: unknown }).accountId;
  return typeof account === 'string' && account !== '' ? account : LOCAL_ACCOUNT_ID;
}

export function scopeFeedOf(feed: FeedRow): ScopeFeed {
  return { id: feed.id, folderId: feed.folderId, accountId: accountOf(feed) };
}

export function inScope(scope: RuleScope, feed: ScopeFeed): boolean {
  switch (scope.kind) {
    case 'all':
      return true;
    case 'account':
      return feed.accountId === scope.accountId;
    case 'folder':
      return feed.folderId === scope.folderId;
    case 'feed':
      return feed.id === scope.feedId;
  }
}

// A pure memo (the same text always compiles to the same condition): a sync merges hundreds of feeds, and each merge
// reads the rules afresh inside its transaction, so each condition would otherwise be parsed hundreds of times.
const compiled = new Map<string, ConditionResult>();
const MEMO_LIMIT = 1000;

export function compileConditionCached(source: string): ConditionResult {
  let result = compiled.get(source);
  if (!result) {
    result = compileCondition(source);
    if (compiled.size >= MEMO_LIMIT) compiled.clear();
    compiled.set(source, result);
  }
  return result;
}

/** The enabled rules in order, compiled; a rule whose condition does not compile is left out and reported. */
export function compileRules(rows: readonly RuleRow[]): { rules: CompiledRule[]; errors: RuleError[] } {
  const rules: CompiledRule[] = [];
  const errors: RuleError[] = [];
  for (const rule of [...rows].sort((a, b) => a.position - b.position)) {
    if (rule.enabled !== 1 || !hasAction(rule.actions)) continue;
    const result = compileConditionCached(rule.condition);
    if (result.ok) rules.push({ rule, condition: result.condition });
    else errors.push({ ruleId: rule.id, error: result.error });
  }
  return { rules, errors };
}

export function hasAction(actions: RuleActions): boolean {
  return actions.markRead || actions.bookmark || actions.hide || actions.notify || actions.keep;
}

export const NO_ACTIONS: Readonly<RuleActions> = Object.freeze({ markRead: false, bookmark: false, hide: false, notify: false, keep: false });

/** What the rules decide for one article of `feed`; null when no rule matched. */
export function decide(rules: readonly CompiledRule[], feed: ScopeFeed, article: MatchInput): RuleDecision | null {
  let decision: RuleDecision | null = null;
  let cache: FieldCache | null = null;
  for (const { rule, condition } of rules) {
    if (!inScope(rule.scope, feed)) continue;
    cache ??= new FieldCache(article);
    if (!condition.matches(article, cache)) continue;
    decision ??= { ...NO_ACTIONS };
    const a = rule.actions;
    decision.markRead ||= a.markRead;
    decision.bookmark ||= a.bookmark;
    decision.hide ||= a.hide;
    decision.notify ||= a.notify;
    decision.keep ||= a.keep;
  }
  if (decision?.hide) Object.assign(decision, { markRead: true, bookmark: false, notify: false });
  return decision;
}
