import { useLiveQuery } from 'dexie-react-hooks';
import { useState } from 'react';
import type { FeedRow, FolderRow, RuleDraft, RuleRow } from '../../../shared/db';
import { deleteRule, listFeeds, listFolders, listRules, moveRule, saveRule, setRuleEnabled } from '../../../shared/db';
import { applyExistingPlan, NO_ACTIONS, planRuleOnExisting, type ExistingPlan } from '../../../shared/rules';
import { useLibrary } from '../../library/library-context';
import { RULE_ACTIONS, RuleEditor } from './RuleEditor';
import { useTranslation } from 'react-i18next';
import type { Translate } from '../../../shared/i18n/translator';
import { useFormatters } from '../../i18n/use-formatters';
import { describeError } from '../../../shared/i18n/errors';
import type { DescribableError } from '../../../shared/i18n/errors';


export const emptyRuleDraft: RuleDraft = { name: '', enabled: true, scope: { kind: 'all' }, condition: '', actions: { ...NO_ACTIONS } };

function scopeText(rule: RuleRow, feeds: readonly FeedRow[], folders: readonly FolderRow[], t: Translate): string {
  switch (rule.scope.kind) {
    case 'all':
      return t('rules.scope.all');
    case 'account':
      return t('rules.scope.local');
    case 'folder': {
      const id = rule.scope.folderId;
      return t('rules.scope.folder', { name: folders.find((folder) => folder.id === id)?.title ?? t('rules.scope.deletedFolder') });
    }
    case 'feed': {
      const id = rule.scope.feedId;
      const feed = feeds.find((candidate) => candidate.id === id);
      return t('rules.scope.feed', { name: feed ? feed.title || feed.url : t('rules.scope.unsubscribedFeed') });
    }
  }
}

const noFeeds: FeedRow[] = [];
const noFolders: FolderRow[] = [];

type Editing = { id: string | null; draft: RuleDraft } | null;
type Pending = { rule: RuleRow; plan: ExistingPlan } | { rule: RuleRow; message: DescribableError } | null;

/** Settings → Rules: the ordered list, with add, edit, reorder, on/off, delete and apply to existing articles. */
export function RulesSettings() {
  const { t } = useTranslation();
  const format = useFormatters();
  const { db } = useLibrary();
  const rules = useLiveQuery(() => listRules(db), [db]);
  const feeds = useLiveQuery(() => listFeeds(db), [db]) ?? noFeeds;
  const folders = useLiveQuery(() => listFolders(db), [db]) ?? noFolders;
  const [editing, setEditing] = useState<Editing>(null);
  const [pending, setPending] = useState<Pending>(null);
  const [status, setStatus] = useState<string | null>(null);

  if (editing) {
    return (
      <section className="settings-block rules-settings">
        <h3>{editing.id ? t('rules.editRule') : t('rules.newRule')}</h3>
        <RuleEditor
          initial={editing.draft}
          feeds={feeds}
          folders={folders}
          submitLabel={editing.id ? t('rules.saveRule') : t('rules.addRule')}
          onCancel={() => setEditing(null)}
          onSave={async (draft) => {
            const saved = await saveRule(db, draft, Date.now(), editing.id ?? undefined);
            if (!saved.ok) return saved.error;
            setEditing(null);
            setStatus(t('rules.list.saved', { name: saved.value.name }));
            return null;
          }}
        />
      </section>
    );
  }

  const list = rules ?? [];
  return (
    <section className="settings-block rules-settings">
      <h3>{t('rules.list.heading')}</h3>
      <p className="settings-hint">{t('rules.list.hint')}</p>
      {list.length === 0 && rules ? <p className="rules-empty">{t('rules.list.empty')}</p> : null}
      <ol className="rules-list">
        {list.map((rule, index) => {
          const actions = RULE_ACTIONS.filter((key) => rule.actions[key]).map((key) => t(`rules.shortActions.${key}`));
          return (
            <li key={rule.id} className={`rule-item${rule.enabled ? '' : ' is-off'}`}>
              <label className="settings-check rule-toggle">
                <input type="checkbox" checked={rule.enabled === 1} onChange={(event) => void setRuleEnabled(db, rule.id, event.target.checked, Date.now())} />
                <span className="rule-name">{rule.name}</span>
              </label>
              <p className="rule-summary">
                <span>{scopeText(rule, feeds, folders, t)}</span> · <code>{rule.condition || t('rules.list.everyArticle')}</code> → {format.list(actions)}
              </p>
              <div className="rule-buttons">
                <button type="button" className="secondary-button" onClick={() => setEditing({ id: rule.id, draft: { name: rule.name, enabled: rule.enabled === 1, scope: rule.scope, condition: rule.condition, actions: rule.actions } })}>
                  {t('rules.list.edit')}<span className="visually-hidden"> {rule.name}</span>
                </button>
                <button type="button" className="secondary-button" disabled={index === 0} onClick={() => void moveRule(db, rule.id, index - 1)}>
                  {t('rules.list.moveUp')}<span className="visually-hidden"> {rule.name}</span>
                </button>
                <button type="button" className="secondary-button" disabled={index === list.length - 1} onClick={() => void moveRule(db, rule.id, index + 1)}>
                  {t('rules.list.moveDown')}<span className="visually-hidden"> {rule.name}</span>
                </button>
                <button
                  type="button"
                  className="secondary-button"
                  onClick={() => {
                    setStatus(null);
                    void planRuleOnExisting(db, rule, Date.now()).then((plan) => setPending('error' in plan ? { rule, message: plan.error } : { rule, plan }));
                  }}
                >
                  {t('rules.list.apply')}<span className="visually-hidden"> ({rule.name})</span>
                </button>
                <button type="button" className="secondary-button is-danger" onClick={() => void deleteRule(db, rule.id)}>
                  {t('common.delete')}<span className="visually-hidden"> {rule.name}</span>
                </button>
              </div>
              {pending && pending.rule.id === rule.id ? (
                <div className="rule-confirm" role="group" aria-label={t('rules.list.applyLabel', { name: rule.name })}>
                  {'message' in pending ? (
                    <p className="form-error">{describeError(pending.message, t)}</p>
                  ) : (
                    <>
                      <p>
                        {t('rules.list.wouldChange', { changes: pending.plan.changes.length, count: pending.plan.examined })}
                      </p>
                      <div className="settings-buttons">
                        <button
                          type="button"
                          className="primary-button"
                          disabled={pending.plan.changes.length === 0}
                          onClick={() => {
                            const plan = pending.plan;
                            setPending(null);
                            void applyExistingPlan(db, plan, Date.now()).then((count) => setStatus(t('rules.list.changed', { count })));
                          }}
                        >
                          {t('rules.list.applyTo', { count: pending.plan.changes.length })}
                        </button>
                        <button type="button" className="secondary-button" onClick={() => setPending(null)}>
                          {t('common.cancel')}
                        </button>
                      </div>
                    </>
                  )}
                </div>
              ) : null}
            </li>
          );
        })}
      </ol>
      <div className="settings-buttons">
        <button type="button" className="primary-button" onClick={() => setEditing({ id: null, draft: emptyRuleDraft })}>
          {t('rules.list.add')}
        </button>
      </div>
      <p className="rules-status" role="status">
        {status}
      </p>
    </section>
  );
}
