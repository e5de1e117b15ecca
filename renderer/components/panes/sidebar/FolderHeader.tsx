import type { MouseEvent as ReactMouseEvent } from 'react';
import { memo } from 'react';
import { useLocale } from '../../../i18n/locale-context';
import type { FolderRow } from '../../../../shared/db';
import { useLibraryState } from '../../../state/app-context';
import { FOLDER_DRAG_TYPE } from './sidebar-drag';

interface FolderHeaderProps {
  folder: FolderRow;
  open: boolean;
  selected: boolean;
  dropTarget: boolean;
  draggable: boolean;
  onToggle: (folderId: string) => void;
  onSelect: (folderId: string) => void;
  onMenu: (folder: FolderRow, event: ReactMouseEvent) => void;
}

/** A folder's row in the sidebar (its feeds are listed under it): it reads the folder's own unread sum. */
export const FolderHeader = memo(function FolderHeader({ folder, open, selected, dropTarget, draggable, onToggle, onSelect, onMenu }: FolderHeaderProps) {
  const { t, format } = useLocale();
  const unread = useLibraryState((state) => state.unreadByFolder[folder.id] ?? 0);
  return (
    <div
      className={`folder-row${dropTarget ? ' is-drop-target' : ''}`}
      draggable={draggable}
      onDragStart={(event) => {
        event.dataTransfer.setData(FOLDER_DRAG_TYPE, folder.id);
        event.dataTransfer.effectAllowed = 'move';
      }}
    >
      <button type="button" className="folder-toggle" aria-expanded={open} aria-label={open ? t('sidebar.collapseFolder', { folder: folder.title }) : t('sidebar.expandFolder', { folder: folder.title })} onClick={() => onToggle(folder.id)}>
        {open ? '▾' : '▸'}
      </button>
      <button type="button" className="nav-item folder-item" aria-current={selected} onClick={() => onSelect(folder.id)} onContextMenu={(event) => onMenu(folder, event)}>
        <span className="nav-title" dir="auto" translate="no">{folder.title}</span>
        {unread > 0 ? <span className="count">{format.number(unread)}</span> : null}
      </button>
    </div>
  );
});
