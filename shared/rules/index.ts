export { compilePattern, maxCharsFor, MAX_PATTERN_LENGTH } from './pattern';
export type { GuardedPattern, PatternResult } from './pattern';
export { compileCondition, FieldCache } from './condition';
export type { CompiledCondition, ConditionResult, MatchInput } from './condition';
export { compileRules, compileConditionCached, decide, inScope, hasAction, accountOf, scopeFeedOf, LOCAL_ACCOUNT_ID, NO_ACTIONS } from './rule-set';
export type { CompiledRule, RuleDecision, RuleError, ScopeFeed } from './rule-set';
export { applyRulesToNewArticles, planRuleOnExisting, applyExistingPlan, matchInputOf, sendRuleStateToAccount, ruleTables } from './apply';
export type { ExistingPlan } from './apply';
export { suggestCondition, significantWords } from './suggest';
