import { useUi } from '../../../state/app-context';

/**
 * An unobtrusive line under the list header: sync progress with counts, and Offline when the host says so. It reads
 * the progress itself, so a sync step re-renders this line and not the list.
 */
export function SyncStatus() {
  const progress = useUi((state) => state.syncProgress);
  const online = useUi((state) => state.online);
  if (!online) {
    return (
      <div className="sync-status is-offline" role="status">
        <span className="badge">Offline</span> Everything stored stays readable; sync resumes when you are back online.
      </div>
    );
  }
  if (!progress.running) return null;
  const fraction = progress.total > 0 ? progress.done / progress.total : 0;
  return (
    <div className="sync-status" role="status" aria-label="Sync progress">
      <span>
        Syncing {progress.done} of {progress.total}
        {progress.currentFeedTitle ? ` · ${progress.currentFeedTitle}` : ''}
        {progress.newArticles > 0 ? ` · ${progress.newArticles} new` : ''}
      </span>
      <progress max={1} value={fraction} aria-label="Feeds synced" />
    </div>
  );
}
