import { useTranslation } from 'react-i18next';
import { useLibrary } from '../../../library/library-context';
import { useLibraryState, useUi } from '../../../state/app-context';

/** The feed count, or Syncing…, Offline, or reading only without a host; and the settings button. */
export function SidebarFooter({ onOpenSettings }: { onOpenSettings: () => void }) {
  const { t } = useTranslation();
  const { connected } = useLibrary();
  const online = useUi((state) => state.online);
  const running = useUi((state) => state.syncProgress.running);
  const feedCount = useLibraryState((state) => state.feeds.length);
  const text = connected ? (online ? (running ? t('sidebar.footerSyncing') : t('sidebar.footerFeeds', { count: feedCount })) : t('sync.offlineBadge')) : t('sidebar.footerNotConnected');
  return (
    <div className="sidebar-footer">
      <span className="sidebar-footer-text">{text}</span>
      <button type="button" className="icon-button sidebar-settings" onClick={onOpenSettings} title={t('sidebar.settings')} aria-label={t('sidebar.settings')}>
        ⚙
      </button>
    </div>
  );
}
