import iconUrl from '../../build/icon.svg';

export type SmartViewId = 'all' | 'unread' | 'today' | 'starred';

export interface SmartViewEntry {
  id: SmartViewId;
  title: string;
  icon: string;
  count?: number;
}

interface SidebarProps {
  views: SmartViewEntry[];
  selected: SmartViewId;
  onSelect: (view: SmartViewId) => void;
  onAddFeed: () => void;
  feedCount: number;
  hostLabel: string;
}

export function Sidebar({ views, selected, onSelect, onAddFeed, feedCount, hostLabel }: SidebarProps) {
  return (
    <nav className="sidebar" aria-label="Feeds">
      <div className="sidebar-header">
        <div className="brand">
          <img src={iconUrl} alt="" />
          <span>Broadsheet</span>
        </div>
        <button type="button" className="icon-button" onClick={onAddFeed} title="Add feed (A)" aria-label="Add feed">
          +
        </button>
      </div>
      <ul className="nav-list">
        {views.map((view) => (
          <li key={view.id}>
            <button
              type="button"
              className="nav-item"
              aria-current={selected === view.id}
              onClick={() => onSelect(view.id)}
            >
              <span className="nav-icon" aria-hidden="true">
                {view.icon}
              </span>
              <span className="nav-title">{view.title}</span>
              {view.count ? <span className="count">{view.count}</span> : null}
            </button>
          </li>
        ))}
      </ul>
      <h2 className="nav-section-title">Subscriptions</h2>
      {feedCount === 0 ? (
        <div className="sidebar-empty" role="note" aria-label="No subscriptions yet">
          <p>
            <strong>No feeds yet.</strong> Paste the address of a site or a feed and Broadsheet finds its feeds.
          </p>
          <p>
            Press <kbd>A</kbd> or use the button below. An OPML export from another reader can be imported too.
          </p>
          <button type="button" className="primary-button" onClick={onAddFeed}>
            Add a feed
          </button>
        </div>
      ) : null}
      <div className="sidebar-footer">{hostLabel}</div>
    </nav>
  );
}
