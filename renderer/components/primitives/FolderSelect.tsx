import type { FolderRow } from '../../../shared/db';
import { useTranslation } from 'react-i18next';

/** The value of the "New folder…" choice, when it is offered. */
export const NEW_FOLDER = '__new__';

interface FolderSelectProps {
  folders: readonly FolderRow[];
  /** A folder id, '' for no folder, or NEW_FOLDER. */
  value: string;
  onChange: (value: string) => void;
  offerNewFolder?: boolean;
}

/** The "Folder" field of the add-feed and feed-settings forms. */
export function FolderSelect({ folders, value, onChange, offerNewFolder = false }: FolderSelectProps) {
  const { t } = useTranslation();
  return (
    <label className="field">
      <span>{t('folderSelect.label')}</span>
      <select value={value} onChange={(event) => onChange(event.target.value)}>
        <option value="">{t('folderSelect.none')}</option>
        {folders.map((folder) => (
          <option key={folder.id} value={folder.id}>
            {folder.title}
          </option>
        ))}
        {offerNewFolder ? <option value={NEW_FOLDER}>{t('folderSelect.newFolder')}</option> : null}
      </select>
    </label>
  );
}
