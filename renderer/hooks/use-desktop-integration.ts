import { useEffect, useRef } from 'react';
import type { ArticleRow, FeedRow, Settings } from '../../shared/db';
import { defaultHostSettings } from '../../shared/host';
import { batchNewArticleNotifications, ruleNotifications } from '../../shared/notifications';
import type { SyncProgress } from '../../shared/sync';
import { useLibrary } from '../library/library-context';

/**
 * Keeps the host in step with the library: the unread badge, the desktop settings (tray, login item, menu
 * accelerators), and one batch of "new articles" notifications after each sync run while the window is not in use.
 */
export function useDesktopIntegration(unreadTotal: number, settings: Settings, feeds: readonly FeedRow[], progress: SyncProgress): void {
  const { db, engine, host } = useLibrary();
  const added = useRef<string[]>([]);
  const wasRunning = useRef(false);
  const feedsRef = useRef(feeds);
  feedsRef.current = feeds;

  useEffect(() => {
    void host.setUnreadCount(unreadTotal);
  }, [host, unreadTotal]);

  useEffect(() => {
    void host.appInfo().then((info) => {
      const defaults = defaultHostSettings(info.ok ? info.value.os : 'linux');
      void host.setSettings({ ...defaults, tray: settings.tray ?? defaults.tray, startAtLogin: settings.startAtLogin, startHidden: settings.startHidden, keyBindings: settings.keyBindings });
    });
  }, [host, settings.tray, settings.startAtLogin, settings.startHidden, settings.keyBindings]);

  useEffect(() => engine.onArticlesAdded((ids) => added.current.push(...ids)), [engine]);

  useEffect(() => {
    const started = !wasRunning.current && progress.running;
    const finished = wasRunning.current && !progress.running;
    wasRunning.current = progress.running;
    // Articles that arrived outside a sync run (the first fetch of a new subscription) are no news.
    if (started) added.current = [];
    if (!finished || added.current.length === 0) return;
    const ids = added.current;
    added.current = [];
    const inUse = document.visibilityState === 'visible' && document.hasFocus();
    void db.articles.bulkGet(ids).then((rows) => {
      const titles = new Map(feedsRef.current.map((feed) => [feed.id, feed.title || feed.url]));
      // Articles a rule asked about are announced whatever the feed's or the app's notification setting, and even
      // while the window is in use: the user asked for these by name (shared/rules).
      const asked = rows.filter((row): row is ArticleRow => row?.ruleNotify === 1);
      for (const notification of ruleNotifications(asked, titles)) void host.notify(notification);
      if (!settings.notifyNewArticles || inUse) return;
      const byFeed = new Map<string, { id: string; title: string }[]>();
      for (const row of rows) {
        // Hidden articles are no news; asked-about ones were announced above.
        if (!row || row.hidden === 1 || row.ruleNotify === 1) continue;
        byFeed.set(row.feedId, [...(byFeed.get(row.feedId) ?? []), { id: row.id, title: row.title }]);
      }
      const muted = feedsRef.current.filter((feed) => feed.options.notify === false).map((feed) => feed.id);
      const outcomes = [...byFeed].map(([feedId, articles]) => ({ feedId, added: articles.length, articles }));
      for (const notification of batchNewArticleNotifications(outcomes, titles, { notifyNewArticles: true, mutedFeedIds: muted })) {
        void host.notify(notification);
      }
    });
  }, [db, host, progress.running, settings.notifyNewArticles]);
}
