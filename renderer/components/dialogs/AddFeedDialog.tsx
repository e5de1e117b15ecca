import { useLiveQuery } from 'dexie-react-hooks';
import { useEffect, useState } from 'react';
import { createFolder, isLocalFeed, listFolders } from '../../../shared/db';
import type { DiscoveredFeed } from '../../../shared/feeds/types';
import { useLibrary } from '../../library/library-context';
import { Dialog } from '../primitives/Dialog';
import { FolderSelect, NEW_FOLDER } from '../primitives/FolderSelect';
import { useTranslation } from 'react-i18next';
import type { HostError } from '../../../shared/host';
import { describeError } from '../../../shared/i18n/errors';

interface AddFeedDialogProps {
  open: boolean;
  initialUrl: string;
  onClose: () => void;
  onSubscribed: (feedId: string) => void;
}

/**
 * Subscribe by pasting a feed or a site address. A site is searched for feeds (links in the page, then the
 * usual paths) and the ones found are offered; one found feed is taken at once.
 */
export function AddFeedDialog({ open, initialUrl, onClose, onSubscribed }: AddFeedDialogProps) {
  const { t } = useTranslation();
  const { db, engine } = useLibrary();
  // A local subscription goes in a local folder: an account's folders are its server's.
  const folders = (useLiveQuery(() => listFolders(db), [db]) ?? []).filter(isLocalFeed);
  const [url, setUrl] = useState(initialUrl);
  const [folderId, setFolderId] = useState('');
  const [newFolderTitle, setNewFolderTitle] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<HostError | string | null>(null);
  const [candidates, setCandidates] = useState<DiscoveredFeed[]>([]);

  useEffect(() => {
    if (!open) return;
    setUrl(initialUrl);
    setError(null);
    setCandidates([]);
    setBusy(false);
  }, [open, initialUrl]);

  async function subscribeTo(target: string) {
    setBusy(true);
    setError(null);
    let folder: string | null = folderId || null;
    if (folderId === NEW_FOLDER) folder = newFolderTitle.trim() ? (await createFolder(db, newFolderTitle)).id : null;
    const outcome = await engine.subscribeAndDiscover(target.trim(), folder ? { folderId: folder } : {});
    setBusy(false);
    if (outcome.kind === 'subscribed') {
      onSubscribed(outcome.feedId);
      onClose();
    } else if (outcome.kind === 'choose') {
      if (outcome.candidates.length === 0) setError(t('addFeed.notFound'));
      setCandidates(outcome.candidates);
    } else {
      setError(outcome.error);
    }
  }

  return (
    <Dialog open={open} title={t('addFeed.title')} onClose={onClose}>
      <form
        className="form"
        onSubmit={(event) => {
          event.preventDefault();
          if (url.trim()) void subscribeTo(url);
        }}
      >
        <label className="field">
          <span>{t('addFeed.address')}</span>
          <input
            autoFocus
            type="url"
            required
            placeholder="https://example.com/"
            value={url}
            onChange={(event) => setUrl(event.target.value)}
          />
        </label>
        <FolderSelect folders={folders} value={folderId} onChange={setFolderId} offerNewFolder />
        {folderId === NEW_FOLDER ? (
          <label className="field">
            <span>{t('addFeed.newFolderName')}</span>
            <input value={newFolderTitle} onChange={(event) => setNewFolderTitle(event.target.value)} />
          </label>
        ) : null}
        {candidates.length > 0 ? (
          <fieldset className="candidates">
            <legend>{t('addFeed.candidates')}</legend>
            <ul>
              {candidates.map((candidate) => (
                <li key={candidate.url}>
                  <button type="button" className="candidate" disabled={busy} onClick={() => void subscribeTo(candidate.url)}>
                    <strong>{candidate.title || candidate.url}</strong>
                    <span>{candidate.url}</span>
                  </button>
                </li>
              ))}
            </ul>
          </fieldset>
        ) : null}
        {error ? (
          <p className="form-error" role="alert">
            {describeError(error, t)}
          </p>
        ) : null}
        <div className="form-actions">
          {busy ? <span className="form-busy" role="status">{t('addFeed.looking')}</span> : null}
          <button type="button" className="secondary-button" onClick={onClose}>
            {t('common.cancel')}
          </button>
          <button type="submit" className="primary-button" disabled={busy}>
            {t('addFeed.subscribe')}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
