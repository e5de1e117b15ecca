import { memo } from 'react';
import { useTranslation } from 'react-i18next';
import { useUi } from '../../../state/app-context';

/**
 * An unobtrusive line under the list header: sync progress with counts, and Offline when the host says so. It reads
 * the progress itself, so a sync step re-renders this line and not the list; and it has no props, so the list's
 * renders (each commit of a sync changes the list) do not render it again.
 */
export const SyncStatus = memo(function SyncStatus() {
  const { t } = useTranslation();
  const progress = useUi((state) => state.syncProgress);
  const online = useUi((state) => state.online);
  if (!online) {
    return (
      <div className="sync-status is-offline" role="status">
        <span className="badge">{t('sync.offlineBadge')}</span> {t('sync.offlineText')}
      </div>
    );
  }
  if (!progress.running) return null;
  const fraction = progress.total > 0 ? progress.done / progress.total : 0;
  return (
    <div className="sync-status" role="status" aria-label={t('sync.progressLabel')}>
      {/* The counts whole, then the feed being fetched, cut short with an ellipsis (a feed not fetched yet is named by
          its address): a long name neither wraps the line nor pushes it and the bar out of the pane. */}
      <span className="sync-status-counts">
        {t('sync.progress', { done: progress.done, total: progress.total })}
        {progress.newArticles > 0 ? ` · ${t('sync.newArticles', { count: progress.newArticles })}` : ''}
      </span>
      {progress.currentFeedTitle ? <bdi className="sync-status-feed">· {progress.currentFeedTitle}</bdi> : null}
      <progress max={1} value={fraction} aria-label={t('sync.feedsSynced')} />
    </div>
  );
});
