import { useEffect, useRef, useState } from 'react';
import type { FeedRow, FolderRow } from '../../shared/db';
import { moveFeed, renameFeed, setFeedSettings } from '../../shared/db';
import { useLibrary } from '../library/library-context';
import { Dialog } from './Dialog';
import { stopCommandKeys } from './stop-command-keys';
import { retentionChoices, syncIntervals } from './setting-choices';

interface FeedSettingsDialogProps {
  feed: FeedRow | null;
  folders: readonly FolderRow[];
  onClose: () => void;
}

const feedIntervals = syncIntervals.filter((choice) => choice.minutes > 0);
const feedRetention = retentionChoices.filter((choice) => choice.days !== null);

/** One feed's own title, folder, refresh interval, retention and full-text loading. */
export function FeedSettingsDialog({ feed, folders, onClose }: FeedSettingsDialogProps) {
  const { db, engine } = useLibrary();
  const [title, setTitle] = useState('');
  const [folderId, setFolderId] = useState('');
  const [interval, setIntervalChoice] = useState('');
  const [retention, setRetention] = useState('');
  const [fullText, setFullText] = useState(false);
  const titleInput = useRef<HTMLInputElement>(null);

  useEffect(() => {
    if (!feed) return;
    setTitle(feed.title);
    setFolderId(feed.folderId ?? '');
    setIntervalChoice(feed.intervalMinutes === null ? '' : String(feed.intervalMinutes));
    setRetention(feed.retentionDays === null ? '' : String(feed.retentionDays));
    setFullText(feed.options.fullText === true);
    titleInput.current?.focus();
  }, [feed]);

  async function save() {
    if (!feed) return;
    if (title.trim() !== feed.title) await renameFeed(db, feed.id, title);
    if ((folderId || null) !== feed.folderId) await moveFeed(db, feed.id, folderId || null);
    const intervalMinutes = interval ? Number(interval) : null;
    await setFeedSettings(db, feed.id, { intervalMinutes, retentionDays: retention ? Number(retention) : null, options: { fullText } });
    // A new interval takes effect from the next check; checking now puts it on the new schedule at once.
    if (intervalMinutes !== feed.intervalMinutes) void engine.syncFeed(feed.id);
    onClose();
  }

  const extraInterval = feed && feed.intervalMinutes !== null && !feedIntervals.some((choice) => choice.minutes === feed.intervalMinutes) ? feed.intervalMinutes : null;
  const extraRetention = feed && feed.retentionDays !== null && !feedRetention.some((choice) => choice.days === feed.retentionDays) ? feed.retentionDays : null;

  return (
    <Dialog open={feed !== null} title="Feed settings" onClose={onClose}>
      <form
        className="form"
        onKeyDown={stopCommandKeys}
        onSubmit={(event) => {
          event.preventDefault();
          void save();
        }}
      >
        <p className="settings-hint feed-settings-url">{feed?.url}</p>
        <label className="field">
          <span>Title</span>
          <input ref={titleInput} value={title} onChange={(event) => setTitle(event.target.value)} placeholder="The feed’s own title" />
        </label>
        <label className="field">
          <span>Folder</span>
          <select value={folderId} onChange={(event) => setFolderId(event.target.value)}>
            <option value="">No folder</option>
            {folders.map((folder) => (
              <option key={folder.id} value={folder.id}>
                {folder.title}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
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
        <label className="settings-check">
          <input type="checkbox" checked={fullText} onChange={(event) => setFullText(event.target.checked)} />
          <span>Load the full article text (for feeds that only send a summary)</span>
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
