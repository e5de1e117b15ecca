import { useCallback, useEffect, useMemo, useState } from 'react';
import type { CommandId } from '../shared/commands';
import type { AppInfo, Host } from '../shared/host';
import { welcomeArticle } from '../shared/welcome';
import type { ArticleListItem } from './components/ArticleList';
import { ArticleList } from './components/ArticleList';
import { ReaderPane } from './components/ReaderPane';
import { ShortcutsDialog } from './components/ShortcutsDialog';
import type { SmartViewEntry, SmartViewId } from './components/Sidebar';
import { Sidebar } from './components/Sidebar';
import { isMacPlatform, useCommandKeys } from './keyboard/use-command-keys';
import { defaultReaderPreferences } from './reader/article-document';

interface AppProps {
  host: Host | null;
}

const viewTitles: Record<SmartViewId, string> = { all: 'All articles', unread: 'Unread', today: 'Today', starred: 'Bookmarks' };

export function App({ host }: AppProps) {
  const isMac = isMacPlatform();
  const welcome = useMemo(() => welcomeArticle(isMac), [isMac]);
  const [view, setView] = useState<SmartViewId>('all');
  const [selectedId, setSelectedId] = useState<string | null>(welcome.id);
  const [helpOpen, setHelpOpen] = useState(false);
  const [info, setInfo] = useState<AppInfo | null>(null);

  useEffect(() => {
    void host?.appInfo().then((result) => {
      if (result.ok) setInfo(result.value);
    });
  }, [host]);

  const items: ArticleListItem[] = useMemo(
    () =>
      view === 'all'
        ? [{ id: welcome.id, title: welcome.title, feedTitle: welcome.feedTitle, published: welcome.published, snippet: welcome.summary, read: true, starred: false }]
        : [],
    [view, welcome],
  );

  const views: SmartViewEntry[] = [
    { id: 'all', title: 'All articles', icon: '≡' },
    { id: 'unread', title: 'Unread', icon: '●' },
    { id: 'today', title: 'Today', icon: '◷' },
    { id: 'starred', title: 'Bookmarks', icon: '★' },
  ];

  const move = useCallback(
    (step: number) => {
      if (items.length === 0) return;
      const index = items.findIndex((item) => item.id === selectedId);
      const next = items[Math.min(items.length - 1, Math.max(0, index + step))];
      if (next) setSelectedId(next.id);
    },
    [items, selectedId],
  );

  const openLink = useCallback((url: string) => void host?.openExternal(url), [host]);

  useCommandKeys((id: CommandId) => {
    switch (id) {
      case 'article.next':
      case 'article.nextUnread':
        return move(1);
      case 'article.previous':
      case 'article.previousUnread':
        return move(-1);
      case 'help.shortcuts':
        return setHelpOpen(true);
      case 'view.back':
        return setHelpOpen(false);
      case 'go.all':
        return setView('all');
      case 'go.unread':
        return setView('unread');
      case 'go.starred':
        return setView('starred');
      default:
        return undefined;
    }
  });

  const selected = selectedId === welcome.id ? welcome : null;
  const hostLabel = info ? `${info.name} ${info.version} · ${info.host === 'electron' ? 'desktop' : 'browser host'}` : host ? '' : 'No host: read-only';

  return (
    <div className="shell">
      <Sidebar views={views} selected={view} onSelect={setView} onAddFeed={() => undefined} feedCount={0} hostLabel={hostLabel} />
      <ArticleList
        title={viewTitles[view]}
        items={items}
        selectedId={selectedId}
        onSelect={setSelectedId}
        emptyMessage={view === 'starred' ? 'Bookmark an article with S and it stays here for good.' : 'Nothing here yet. Add a feed to start reading.'}
      />
      <ReaderPane
        article={selected ? { title: selected.title, author: selected.author, feedTitle: selected.feedTitle, published: selected.published, html: selected.html } : null}
        preferences={defaultReaderPreferences}
        onOpenLink={openLink}
      />
      <ShortcutsDialog open={helpOpen} isMac={isMac} onClose={() => setHelpOpen(false)} />
    </div>
  );
}
