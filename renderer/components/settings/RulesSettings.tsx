import { useLiveQuery } from 'dexie-react-hooks';
import { useState } from 'react';
import type { FeedRow, FolderRow, RuleDraft, RuleRow } from '../../../shared/db';
import { deleteRule, listFeeds, listFolders, listRules, moveRule, saveRule, setRuleEnabled } from '../../../shared/db';
import { applyExistingPlan, NO_ACTIONS, planRuleOnExisting, type ExistingPlan } from '../../../shared/rules';
import { useLibrary } from '../../library/library-context';
import { ACTION_LABELS, RuleEditor } from './RuleEditor';

const numbers = new Intl.NumberFormat();
const SHORT_ACTIONS: Record<string, string> = { markRead: 'mark read', bookmark: 'bookmark', hide: 'hide', notify: 'notify', keep: 'keep forever' };

export const emptyRuleDraft: RuleDraft = { name: '', enabled: true, scope: { kind: 'all' }, condition: '', actions: { ...NO_ACTIONS } };

function scopeText(rule: RuleRow, feeds: readonly FeedRow[], folders: readonly FolderRow[]): string {
  switch (rule.scope.kind) {
    case 'all':
      return 'Every feed';
    case 'account':
      return 'Feeds on this computer';
    case 'folder': {
      const id = rule.scope.folderId;
      return `Folder ${folders.find((folder) => folder.id === id)?.title ?? '(deleted)'}`;
    }
    case 'feed': {
      const id = rule.scope.feedId;
      const feed = feeds.find((candidate) => candidate.id === id);
      return `Feed ${feed ? feed.title || feed.url : '(unsubscribed)'}`;
    }
  }
}

const noFeeds: FeedRow[] = [];
const noFolders: FolderRow[] = [];

type Editing = { id: string | null; draft: RuleDraft } | null;
type Pending = { rule: RuleRow; plan: ExistingPlan } | { rule: RuleRow; message: string } | null;

/** Settings → Rules: the ordered list, with add, edit, reorder, on/off, delete and apply to existing articles. */
export function RulesSettings() {
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
        <h3>{editing.id ? 'Edit rule' : 'New rule'}</h3>
        <RuleEditor
          initial={editing.draft}
          feeds={feeds}
          folders={folders}
          submitLabel={editing.id ? 'Save rule' : 'Add rule'}
          onCancel={() => setEditing(null)}
          onSave={async (draft) => {
            const saved = await saveRule(db, draft, Date.now(), editing.id ?? undefined);
            if (!saved.ok) return saved.error;
            setEditing(null);
            setStatus(`Saved “${saved.value.name}”.`);
            return null;
          }}
        />
      </section>
    );
  }

  const list = rules ?? [];
  return (
    <section className="settings-block rules-settings">
      <h3>Rules</h3>
      <p className="settings-hint">Rules act on new articles as they arrive, in this order. A rule that hides an article wins over one that would notify you.</p>
      {list.length === 0 && rules ? <p className="rules-empty">No rules yet. A rule can mark read, bookmark, hide, notify or keep the articles that match it.</p> : null}
      <ol className="rules-list">
        {list.map((rule, index) => {
          const actions = ACTION_LABELS.filter(([key]) => rule.actions[key]).map(([key]) => SHORT_ACTIONS[key]);
          return (
            <li key={rule.id} className={`rule-item${rule.enabled ? '' : ' is-off'}`}>
              <label className="settings-check rule-toggle">
                <input type="checkbox" checked={rule.enabled === 1} onChange={(event) => void setRuleEnabled(db, rule.id, event.target.checked, Date.now())} />
                <span className="rule-name">{rule.name}</span>
              </label>
              <p className="rule-summary">
                <span>{scopeText(rule, feeds, folders)}</span> · <code>{rule.condition || '(every article)'}</code> → {actions.join(', ')}
              </p>
              <div className="rule-buttons">
                <button type="button" className="secondary-button" onClick={() => setEditing({ id: rule.id, draft: { name: rule.name, enabled: rule.enabled === 1, scope: rule.scope, condition: rule.condition, actions: rule.actions } })}>
                  Edit<span className="visually-hidden"> {rule.name}</span>
                </button>
                <button type="button" className="secondary-button" disabled={index === 0} onClick={() => void moveRule(db, rule.id, index - 1)}>
                  Move up<span className="visually-hidden"> {rule.name}</span>
                </button>
                <button type="button" className="secondary-button" disabled={index === list.length - 1} onClick={() => void moveRule(db, rule.id, index + 1)}>
                  Move down<span className="visually-hidden"> {rule.name}</span>
                </button>
                <button
                  type="button"
                  className="secondary-button"
                  onClick={() => {
                    setStatus(null);
                    void planRuleOnExisting(db, rule, Date.now()).then((plan) => setPending('error' in plan ? { rule, message: plan.error } : { rule, plan }));
                  }}
                >
                  Apply to existing articles…<span className="visually-hidden"> ({rule.name})</span>
                </button>
                <button type="button" className="secondary-button is-danger" onClick={() => void deleteRule(db, rule.id)}>
                  Delete<span className="visually-hidden"> {rule.name}</span>
                </button>
              </div>
              {pending && pending.rule.id === rule.id ? (
                <div className="rule-confirm" role="group" aria-label={`Apply ${rule.name} to existing articles`}>
                  {'message' in pending ? (
                    <p className="form-error">{pending.message}</p>
                  ) : (
                    <>
                      <p>
                        This would change {numbers.format(pending.plan.changes.length)} of the {numbers.format(pending.plan.examined)} articles in the library.
                      </p>
                      <div className="settings-buttons">
                        <button
                          type="button"
                          className="primary-button"
                          disabled={pending.plan.changes.length === 0}
                          onClick={() => {
                            const plan = pending.plan;
                            setPending(null);
                            void applyExistingPlan(db, plan, Date.now()).then((count) => setStatus(`Changed ${numbers.format(count)} ${count === 1 ? 'article' : 'articles'}.`));
                          }}
                        >
                          Apply to {numbers.format(pending.plan.changes.length)} {pending.plan.changes.length === 1 ? 'article' : 'articles'}
                        </button>
                        <button type="button" className="secondary-button" onClick={() => setPending(null)}>
                          Cancel
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
          Add rule…
        </button>
      </div>
      <p className="rules-status" role="status">
        {status}
      </p>
    </section>
  );
}
