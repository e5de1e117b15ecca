import { useLibrary } from '../../../library/library-context';
import { useLibraryState, useUi } from '../../../state/app-context';

/** The feed count, or Syncing…, Offline, or reading only without a host; and the settings button. */
export function SidebarFooter({ onOpenSettings }: { onOpenSettings: () => void }) {
  const { connected } = useLibrary();
  const online = useUi((state) => state.online);
  const running = useUi((state) => state.syncProgress.running);
  const feedCount = useLibraryState((state) => state.feeds.length);
  const text = connected ? (online ? (running ? 'Syncing…' : `${feedCount} ${feedCount === 1 ? 'feed' : 'feeds'}`) : 'Offline') : 'Not connected: reading only';
  return (
    <div className="sidebar-footer">
      <span className="sidebar-footer-text">{text}</span>
      <button type="button" className="icon-button sidebar-settings" onClick={onOpenSettings} title="Settings" aria-label="Settings">
        ⚙
      </button>
    </div>
  );
}
