import type { MouseEvent as ReactMouseEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useFormatters } from '../../../i18n/use-formatters';
import type { SavedSearch } from '../../../../shared/db';
import { useSavedSearchCounts } from '../../../hooks/use-saved-search-counts';
import type { SelectedView } from '../../../library/views';
import { sameView } from '../../../library/views';
import { useLibraryState, useUi } from '../../../state/app-context';

interface SavedSearchListProps {
  saved: readonly SavedSearch[];
  selected: SelectedView;
  onSelect: (view: SelectedView) => void;
  onMenu: (id: string, event: ReactMouseEvent) => void;
}

/** The saved searches with the number of unread articles each finds (recounted when the unread total changes). */
export function SavedSearchList({ saved, selected, onSelect, onMenu }: SavedSearchListProps) {
  const { t } = useTranslation();
  const format = useFormatters();
  const feeds = useLibraryState((state) => state.feeds);
  const folders = useLibraryState((state) => state.folders);
  const unreadTotal = useLibraryState((state) => state.unreadTotal);
  const searching = useUi((state) => state.view.kind === 'search');
  const counts = useSavedSearchCounts(saved, feeds, folders, unreadTotal, searching);
  if (saved.length === 0) return null;
  return (
    <>
      <h2 className="nav-section-title">{t('sidebar.savedSearches')}</h2>
      <ul className="nav-list" aria-label={t('sidebar.savedSearches')}>
        {saved.map((entry) => {
          const view: SelectedView = { kind: 'search', query: entry.query, savedId: entry.id };
          const unread = counts.get(entry.id);
          return (
            <li key={entry.id}>
              <button type="button" className="nav-item" aria-current={sameView(selected, view)} title={entry.query} onClick={() => onSelect(view)} onContextMenu={(event) => onMenu(entry.id, event)}>
                <span className="nav-icon" aria-hidden="true">
                  ⌕
                </span>
                <span className="nav-title">{entry.title}</span>
                {unread ? <span className="count">{format.number(unread)}</span> : null}
              </button>
            </li>
          );
        })}
      </ul>
    </>
  );
}
