import { useEffect, useRef, useState } from 'react';
import type { FeedOptions, FeedRow, FolderRow } from '../../../shared/db';
import { isLocalFeed, moveFeed, renameFeed, setFeedSettings } from '../../../shared/db';
import { useLibrary } from '../../library/library-context';
import { Dialog } from '../primitives/Dialog';
import { FolderSelect } from '../primitives/FolderSelect';
import { retentionChoices, syncIntervals } from '../settings/setting-choices';

interface FeedSettingsDialogProps {
  feed: FeedRow | null;
  folders: readonly FolderRow[];
  onClose: () => void;
}

/** '' follows the app-wide setting; 'on' and 'off' are the feed's own choice. */
const tristate = (value: boolean | undefined) => (value === undefined ? '' : value ? 'on' : 'off');
const fromTristate = (value: string) => (value === '' ? undefined : value === 'on');

const feedIntervals = syncIntervals.filter((choice) => choice.minutes > 0);
const feedRetention = retentionChoices.filter((choice) => choice.days !== null);

/**
 * One feed's own title, folder, refresh interval, retention and full-text loading. A feed of a remote account is
 * fetched, named and filed by its server (rename and move are in its menu, and go to the server): here it has only
 * what Broadsheet does with its articles (retention, full text, offline images).
 */
export function FeedSettingsDialog({ feed, folders, onClose }: FeedSettingsDialogProps) {
  const { db, engine } = useLibrary();
  const [title, setTitle] = useState('');
  const [folderId, setFolderId] = useState('');
  const [interval, setIntervalChoice] = useState('');
  const [retention, setRetention] = useState('');
  const [fullText, setFullText] = useState('');
  const [offlineImages, setOfflineImages] = useState('');
  const [notify, setNotify] = useState(true);
  const titleInput = useRef<HTMLInputElement>(null);

  useEffect(() => {
    if (!feed) return;
    setTitle(feed.title);
    setFolderId(feed.folderId ?? '');
    setIntervalChoice(feed.intervalMinutes === null ? '' : String(feed.intervalMinutes));
    setRetention(feed.retentionDays === null ? '' : String(feed.retentionDays));
    setFullText(tristate(feed.options.fullText));
    setOfflineImages(tristate(feed.options.offlineImages));
    setNotify(feed.options.notify !== false);
    if (titleInput.current) titleInput.current.focus();
    else document.querySelector<HTMLElement>('.feed-settings-form select')?.focus();
  }, [feed]);

  const local = feed === null || isLocalFeed(feed);

  async function save() {
    if (!feed) return;
    if (local && title.trim() !== feed.title) await renameFeed(db, feed.id, title);
    if (local && (folderId || null) !== feed.folderId) await moveFeed(db, feed.id, folderId || null);
    const intervalMinutes = local && interval ? Number(interval) : null;
    // undefined follows the app-wide setting ("As in Settings").
    const options: FeedOptions = { fullText: fromTristate(fullText), offlineImages: fromTristate(offlineImages), notify: local ? notify : feed.options.notify };
    await setFeedSettings(db, feed.id, { intervalMinutes, retentionDays: retention ? Number(retention) : null, options });
    // A new interval takes effect from the next check; checking now puts it on the new schedule at once.
    if (local && intervalMinutes !== feed.intervalMinutes) void engine.syncFeed(feed.id);
    onClose();
  }

  const extraInterval = feed && feed.intervalMinutes !== null && !feedIntervals.some((choice) => choice.minutes === feed.intervalMinutes) ? feed.intervalMinutes : null;
  const extraRetention = feed && feed.retentionDays !== null && !feedRetention.some((choice) => choice.days === feed.retentionDays) ? feed.retentionDays : null;

  return (
    <Dialog open={feed !== null} title="Feed settings" onClose={onClose}>
      <form
        className="form feed-settings-form"
        onSubmit={(event) => {
          event.preventDefault();
          void save();
        }}
      >
        <p className="settings-hint feed-settings-url">{feed?.url}</p>
        {local ? (
          <>
            <label className="field">
              <span>Title</span>
              <input ref={titleInput} value={title} onChange={(event) => setTitle(event.target.value)} placeholder="The feed’s own title" />
            </label>
            <FolderSelect folders={folders} value={folderId} onChange={setFolderId} />
          </>
        ) : (
          <p className="settings-hint">{feed?.title}: its account’s server fetches it. Rename, move or unsubscribe it from its menu in the sidebar.</p>
        )}
        <label className="field" hidden={!local}>
          <span>Check for new articles</span>
          <select value={interval} onChange={(event) => setIntervalChoice(event.target.value)}>
            <option value="">As in Settings</option>
            {feedIntervals.map((choice) => (
              <option key={choice.minutes} value={choice.minutes}>
                {choice.label}
              </option>
            ))}
            {extraInterval !== null ? <option value={extraInterval}>Every {extraInterval} minutes</option> : null}
          </select>
        </label>
        <label className="field">
          <span>Keep articles</span>
          <select value={retention} onChange={(event) => setRetention(event.target.value)}>
            <option value="">As in Settings</option>
            {feedRetention.map((choice) => (
              <option key={choice.days} value={choice.days ?? ''}>
                {choice.label}
              </option>
            ))}
            {extraRetention !== null ? <option value={extraRetention}>{extraRetention} days</option> : null}
          </select>
        </label>
        <label className="field">
          <span>Load the full article text</span>
          <select value={fullText} onChange={(event) => setFullText(event.target.value)}>
            <option value="">As in Settings</option>
            <option value="on">Yes, for new articles (the feed sends only a summary)</option>
            <option value="off">No</option>
          </select>
        </label>
        <label className="field">
          <span>Keep images for reading offline</span>
          <select value={offlineImages} onChange={(event) => setOfflineImages(event.target.value)}>
            <option value="">As in Settings</option>
            <option value="on">Yes</option>
            <option value="off">No</option>
          </select>
        </label>
        <label className="settings-check" hidden={!local}>
          <input type="checkbox" checked={notify} onChange={(event) => setNotify(event.target.checked)} />
          <span>Notify me of new articles from this feed</span>
        </label>
        <div className="form-actions">
          <button type="button" className="secondary-button" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" className="primary-button">
            Save
          </button>
        </div>
      </form>
    </Dialog>
  );
}
