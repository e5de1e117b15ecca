import { useRef, useState } from 'react';
import { exportLibrary, importLibrary } from '../../../shared/db';
import { useLibrary } from '../../library/library-context';
import { dateStamp, downloadText } from '../primitives/download-file';
import { exportOpmlFile } from '../dialogs/opml-import';

type Report = { kind: 'ok' | 'error'; message: string; detail?: string[] } | null;

const plural = (count: number, one: string, many: string) => `${count} ${count === 1 ? one : many}`;

/** The Backup section of Settings: the whole library as JSON, and subscriptions as OPML. */
export function BackupSettings({ onImportOpml }: { onImportOpml: () => void }) {
  const { db, engine } = useLibrary();
  const [report, setReport] = useState<Report>(null);
  const [busy, setBusy] = useState(false);
  const fileInput = useRef<HTMLInputElement>(null);

  async function exportBackup() {
    const backup = await exportLibrary(db);
    downloadText(`broadsheet-library-${dateStamp()}.json`, JSON.stringify(backup), 'application/json');
    setReport({ kind: 'ok', message: `Exported ${plural(backup.feeds.length, 'feed', 'feeds')} and ${plural(backup.starred.length, 'bookmark', 'bookmarks')}.` });
  }

  async function importBackup(file: File) {
    setBusy(true);
    setReport(null);
    try {
      let input: unknown;
      try {
        input = JSON.parse(await file.text());
      } catch {
        setReport({ kind: 'error', message: `${file.name} is not a Broadsheet backup (not JSON).` });
        return;
      }
      const result = await importLibrary(db, input);
      if (!result.ok) {
        setReport({ kind: 'error', message: result.error });
        return;
      }
      const { feeds, folders, starred, duplicates } = result.value;
      setReport({
        kind: 'ok',
        message: `Restored ${plural(feeds, 'feed', 'feeds')}, ${plural(folders, 'folder', 'folders')} and ${plural(starred, 'bookmark', 'bookmarks')}.`,
        detail: duplicates.length > 0 ? [`Already subscribed, left as they were: ${duplicates.join(', ')}`] : undefined,
      });
      if (feeds > 0) void engine.syncDue();
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="backup-settings">
      <section className="settings-block">
        <h3>Library backup</h3>
        <p className="settings-hint">Subscriptions, folders, feed settings, bookmarks with their text, read state, settings and rules, in one file.</p>
        <div className="settings-buttons">
          <button type="button" className="primary-button" onClick={() => void exportBackup()}>
            Export library…
          </button>
          <button type="button" className="secondary-button" disabled={busy} onClick={() => fileInput.current?.click()}>
            {busy ? 'Importing…' : 'Import library…'}
          </button>
          <input
            ref={fileInput}
            tabIndex={-1}
            className="visually-hidden"
            type="file"
            accept=".json,application/json"
            aria-label="Library backup file"
            disabled={busy}
            onChange={(event) => {
              const file = event.target.files?.[0];
              event.target.value = '';
              if (file) void importBackup(file);
            }}
          />
        </div>
        {report ? (
          <div className={report.kind === 'error' ? 'form-error' : 'settings-report'} role={report.kind === 'error' ? 'alert' : 'status'}>
            <p>{report.message}</p>
            {report.detail?.map((line) => (
              <p key={line} className="settings-hint">
                {line}
              </p>
            ))}
          </div>
        ) : null}
      </section>
      <section className="settings-block">
        <h3>Subscriptions (OPML)</h3>
        <p className="settings-hint">Move your feeds between Broadsheet and other newsreaders.</p>
        <div className="settings-buttons">
          <button type="button" className="secondary-button" onClick={onImportOpml}>
            Import OPML…
          </button>
          <button
            type="button"
            className="secondary-button"
            onClick={() => void exportOpmlFile(db).then((count) => setReport({ kind: 'ok', message: `Exported ${plural(count, 'feed', 'feeds')} as OPML.` }))}
          >
            Export OPML…
          </button>
        </div>
      </section>
    </div>
  );
}
