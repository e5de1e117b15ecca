import { memo } from 'react';
import { useLocale } from '../../../i18n/locale-context';
import type { SelectedView } from '../../../library/views';
import { smartViewTitleKey } from '../../../library/views';
import type { smartViews } from '../../../library/views';
import { useLibraryState } from '../../../state/app-context';

type SmartView = (typeof smartViews)[number];

interface SmartViewItemProps {
  smart: SmartView;
  selected: boolean;
  onSelect: (view: SelectedView) => void;
}

/** All unread, Today, All articles, Bookmarks: each reads only the count it shows. */
export const SmartViewItem = memo(function SmartViewItem({ smart, selected, onSelect }: SmartViewItemProps) {
  const { t, format } = useLocale();
  const count = useLibraryState((state) => (smart.kind === 'unread' ? state.unreadTotal : smart.kind === 'starred' ? state.starredCount : 0));
  return (
    <li>
      <button type="button" className="nav-item" aria-current={selected} onClick={() => onSelect({ kind: smart.kind })}>
        <span className="nav-icon" aria-hidden="true">
          {smart.icon}
        </span>
        <span className="nav-title">{t(smartViewTitleKey(smart.kind))}</span>
        {count > 0 ? <span className="count">{format.number(count)}</span> : null}
      </button>
    </li>
  );
});
