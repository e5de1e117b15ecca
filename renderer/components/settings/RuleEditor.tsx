import { useId, useState } from 'react';
import type { FeedRow, FolderRow, RuleActions, RuleDraft, RuleScope } from '../../../shared/db';
import { LOCAL_ACCOUNT_ID } from '../../../shared/rules';
import { useRulePreview } from './use-rule-preview';
import { useTranslation } from 'react-i18next';
import { describeError } from '../../../shared/i18n/errors';
import type { DescribableError } from '../../../shared/i18n/errors';

/** A rule's actions in the order the editor offers them (labels: `rules.actions.<action>`). */
export const RULE_ACTIONS: ReadonlyArray<keyof RuleActions> = ['markRead', 'bookmark', 'hide', 'notify', 'keep'];

function scopeValue(scope: RuleScope): string {
  switch (scope.kind) {
    case 'all':
      return 'all';
    case 'account':
      return `account:${scope.accountId}`;
    case 'folder':
      return `folder:${scope.folderId}`;
    case 'feed':
      return `feed:${scope.feedId}`;
  }
}

function scopeOf(value: string): RuleScope {
  const colon = value.indexOf(':');
  const kind = colon < 0 ? value : value.slice(0, colon);
  const id = value.slice(colon + 1);
  if (kind === 'account') return { kind: 'account', accountId: id };
  if (kind === 'folder') return { kind: 'folder', folderId: id };
  if (kind === 'feed') return { kind: 'feed', feedId: id };
  return { kind: 'all' };
}

interface RuleEditorProps {
  initial: RuleDraft;
  feeds: readonly FeedRow[];
  folders: readonly FolderRow[];
  submitLabel: string;
  /** While the user has not typed a name, the name is this prefix and the condition ("Mute: sponsored"). */
  namePrefix?: string;
  /** Resolves to an error to show, or null when saved. */
  onSave: (draft: RuleDraft) => Promise<DescribableError | null>;
  onCancel: () => void;
}

/** Edits one rule; the preview below the condition follows every keystroke. */
export function RuleEditor({ initial, feeds, folders, submitLabel, namePrefix, onSave, onCancel }: RuleEditorProps) {
  const { t } = useTranslation();
  const [draft, setDraft] = useState<RuleDraft>(initial);
  const [nameTyped, setNameTyped] = useState(false);
  const [error, setError] = useState<DescribableError | null>(null);
  const [saving, setSaving] = useState(false);
  const preview = useRulePreview(draft.scope, draft.condition, feeds, folders);
  const ids = useId();
  const set = (patch: Partial<RuleDraft>) =>
    setDraft((previous) => {
      const next = { ...previous, ...patch };
      if (namePrefix !== undefined && !nameTyped && patch.condition !== undefined) next.name = `${namePrefix}: ${patch.condition.trim()}`;
      return next;
    });

  return (
    <form
      className="rule-editor"
      aria-label={t('rules.editor.label')}
      onSubmit={(event) => {
        event.preventDefault();
        setSaving(true);
        void onSave(draft).then((problem) => {
          setSaving(false);
          setError(problem);
        });
      }}
    >
      <label className="field settings-field">
        <span className="settings-label">{t('common.name')}</span>
        <input type="text" value={draft.name} placeholder={t('rules.editor.namePlaceholder')} onChange={(event) => {
            setNameTyped(true);
            set({ name: event.target.value });
          }} />
      </label>
      <label className="field settings-field">
        <span className="settings-label">{t('rules.editor.appliesTo')}</span>
        <select value={scopeValue(draft.scope)} onChange={(event) => set({ scope: scopeOf(event.target.value) })}>
          <option value="all">{t('rules.scope.all')}</option>
          <option value={`account:${LOCAL_ACCOUNT_ID}`}>{t('rules.scope.local')}</option>
          {folders.length > 0 ? (
            <optgroup label={t('rules.scope.folderGroup')}>
              {folders.map((folder) => (
                <option key={folder.id} value={`folder:${folder.id}`}>
                  {folder.title}
                </option>
              ))}
            </optgroup>
          ) : null}
          {feeds.length > 0 ? (
            <optgroup label={t('rules.scope.feedGroup')}>
              {feeds.map((feed) => (
                <option key={feed.id} value={`feed:${feed.id}`}>
                  {feed.title || feed.url}
                </option>
              ))}
            </optgroup>
          ) : null}
        </select>
      </label>
      <label className="field settings-field">
        <span className="settings-label">{t('rules.editor.condition')}</span>
        <input
          type="text"
          className="rule-condition"
          value={draft.condition}
          spellCheck={false}
          aria-describedby={`${ids}-help ${ids}-preview`}
          aria-invalid={preview.error !== null}
          onChange={(event) => set({ condition: event.target.value })}
        />
        <span id={`${ids}-help`} className="settings-hint">
          {t('rules.editor.conditionHelp')}
        </span>
      </label>
      <div id={`${ids}-preview`} className="rule-preview" aria-live="polite">
        {preview.error ? (
          <p className="form-error">{describeError(preview.error, t)}</p>
        ) : preview.ready ? (
          <>
            <p>
              {preview.matched > 0
                ? t('rules.editor.matchesExamples', { matched: preview.matched, count: preview.sample })
                : t('rules.editor.matches', { matched: preview.matched, count: preview.sample })}
            </p>
            {preview.titles.length > 0 ? (
              <ul className="rule-preview-titles">
                {preview.titles.map((title, index) => (
                  <li key={`${index}-${title}`}>{title}</li>
                ))}
              </ul>
            ) : null}
          </>
        ) : (
          <p>{t('rules.editor.reading')}</p>
        )}
      </div>
      <fieldset className="rule-actions">
        <legend className="settings-label">{t('rules.editor.then')}</legend>
        {RULE_ACTIONS.map((key) => (
          <label key={key} className="settings-check">
            <input type="checkbox" checked={draft.actions[key]} onChange={(event) => set({ actions: { ...draft.actions, [key]: event.target.checked } })} />
            <span>{t(`rules.actions.${key}`)}</span>
          </label>
        ))}
      </fieldset>
      <label className="settings-check">
        <input type="checkbox" checked={draft.enabled} onChange={(event) => set({ enabled: event.target.checked })} />
        <span>{t('rules.editor.enabled')}</span>
      </label>
      <p className="settings-hint">{t('rules.editor.hint')}</p>
      {error ? (
        <p className="form-error" role="alert">
          {describeError(error, t)}
        </p>
      ) : null}
      <div className="settings-buttons">
        <button type="submit" className="primary-button" disabled={saving}>
          {submitLabel}
        </button>
        <button type="button" className="secondary-button" onClick={onCancel}>
          {t('common.cancel')}
        </button>
      </div>
    </form>
  );
}
