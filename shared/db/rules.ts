/**
 * The rules table: ordered by `position` (dense from 0), edited one rule at a time. A rule's condition is stored as
 * typed; it is compiled where it is used (shared/rules), and a condition that does not compile is refused here.
 */
import { compileCondition } from '../rules/condition';
import { hasAction } from '../rules/rule-set';
import { err, ok, type Result } from '../result';
import type { BroadsheetDb, RuleActions, RuleRow, RuleScope } from './schema';
import { coded } from '../i18n/errors';
import type { DescribableError } from '../i18n/errors';

export interface RuleDraft {
  name: string;
  enabled: boolean;
  scope: RuleScope;
  condition: string;
  actions: RuleActions;
}

export function listRules(db: BroadsheetDb): Promise<RuleRow[]> {
  return db.rules.orderBy('position').toArray();
}

/** Why a draft cannot be saved, or null. */
export function checkRuleDraft(draft: RuleDraft): DescribableError | null {
  if (!hasAction(draft.actions)) return coded('rules.errors.noAction', 'Choose at least one action.');
  const compiled = compileCondition(draft.condition);
  if (!compiled.ok) return compiled.error;
  if (compiled.condition.matchesAll && draft.scope.kind === 'all') return coded('rules.errors.needsCondition', 'A rule for every article needs a condition.');
  return null;
}

/** Adds a rule at the end (no id) or replaces the one with `id`. Returns the row as stored. */
export async function saveRule(db: BroadsheetDb, draft: RuleDraft, now: number, id?: string): Promise<Result<RuleRow, DescribableError>> {
  const problem = checkRuleDraft(draft);
  if (problem) return err(problem);
  return db.transaction('rw', db.rules, async () => {
    const existing = id ? await db.rules.get(id) : undefined;
    const position = existing?.position ?? (await db.rules.count());
    const row: RuleRow = {
      id: existing?.id ?? `rule-${now.toString(36)}-${Math.random().toString(36).slice(2, 8)}`,
      name: draft.name.trim() || draft.condition.trim() || 'Rule',
      position,
      enabled: draft.enabled ? 1 : 0,
      scope: draft.scope,
      condition: draft.condition.trim(),
      actions: { ...draft.actions },
      createdAt: existing?.createdAt ?? now,
      updatedAt: now,
    };
    await db.rules.put(row);
    return ok(row);
  });
}

export async function setRuleEnabled(db: BroadsheetDb, id: string, enabled: boolean, now: number): Promise<void> {
  await db.rules.update(id, { enabled: enabled ? 1 : 0, updatedAt: now });
}

/** Deletes a rule and closes the gap in positions. */
export async function deleteRule(db: BroadsheetDb, id: string): Promise<void> {
  await db.transaction('rw', db.rules, async () => {
    await db.rules.delete(id);
    const rest = await db.rules.orderBy('position').toArray();
    await db.rules.bulkPut(rest.map((rule, position) => ({ ...rule, position })));
  });
}

/** Moves a rule to `position` (clamped), renumbering the others densely. */
export async function moveRule(db: BroadsheetDb, id: string, position: number): Promise<void> {
  await db.transaction('rw', db.rules, async () => {
    const rules = await db.rules.orderBy('position').toArray();
    const from = rules.findIndex((rule) => rule.id === id);
    if (from < 0) return;
    const [moved] = rules.splice(from, 1);
    rules.splice(Math.max(0, Math.min(rules.length, position)), 0, moved!);
    await db.rules.bulkPut(rules.map((rule, index) => ({ ...rule, position: index })));
  });
}
