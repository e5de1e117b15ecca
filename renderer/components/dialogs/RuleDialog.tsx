import type { FeedRow, FolderRow, RuleDraft } from '../../../shared/db';
import { saveRule } from '../../../shared/db';
import { useLibrary } from '../../library/library-context';
import { Dialog } from '../primitives/Dialog';
import { RuleEditor } from '../settings/RuleEditor';
import { useTranslation } from 'react-i18next';

export interface RuleRequest {
  title: string;
  draft: RuleDraft;
  /** The name follows the condition after this prefix until the user types one. */
  namePrefix?: string;
}

interface RuleDialogProps {
  request: RuleRequest | null;
  feeds: readonly FeedRow[];
  folders: readonly FolderRow[];
  onClose: () => void;
  onSaved: (name: string) => void;
}

/** "Mute / Notify me about articles like this…": a new rule, prefilled from an article, in its own dialog. */
export function RuleDialog({ request, feeds, folders, onClose, onSaved }: RuleDialogProps) {
  const { t } = useTranslation();
  const { db } = useLibrary();
  return (
    <Dialog open={request !== null} title={request?.title ?? t('rules.newRule')} onClose={onClose} className="rule-dialog">
      {request ? (
        <RuleEditor
          initial={request.draft}
          feeds={feeds}
          folders={folders}
          submitLabel={t('rules.addRule')}
          {...(request.namePrefix !== undefined ? { namePrefix: request.namePrefix } : {})}
          onCancel={onClose}
          onSave={async (draft) => {
            const saved = await saveRule(db, draft, Date.now());
            if (!saved.ok) return saved.error;
            onSaved(saved.value.name);
            onClose();
            return null;
          }}
        />
      ) : null}
    </Dialog>
  );
}
