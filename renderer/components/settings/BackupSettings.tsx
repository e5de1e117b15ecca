import { useRef, useState } from 'react';
import { exportLibrary, importLibrary } from '../../../shared/db';
import { useLibrary } from '../../library/library-context';
import { dateStamp, downloadText } from '../primitives/download-file';
import { exportOpmlFile } from '../dialogs/opml-import';
import { useTranslation } from 'react-i18next';
import { useFormatters } from '../../i18n/use-formatters';
import { HiddenFilePicker } from '../primitives/HiddenFilePicker';

type Report = { kind: 'ok' | 'error'; message: string; detail?: string[] } | null;

/** The Backup section of Settings: the whole library as JSON, and subscriptions as OPML. */
export function BackupSettings({ onImportOpml }: { onImportOpml: () => void }) {
  const { t } = useTranslation();
  const format = useFormatters();
  const { db, engine } = useLibrary();
  const [report, setReport] = useState<Report>(null);
  const [busy, setBusy] = useState(false);
  const fileInput = useRef<HTMLInputElement>(null);

  async function exportBackup() {
    const backup = await exportLibrary(db);
    downloadText(`broadsheet-library-${dateStamp()}.json`, JSON.stringify(backup), 'application/json');
    setReport({
      kind: 'ok',
      message: t('settings.backup.exported', { feeds: t('settings.backup.feeds', { count: backup.feeds.length }), bookmarks: t('settings.backup.bookmarks', { count: backup.starred.length }) }),
    });
  }

  async function importBackup(file: File) {
    setBusy(true);
    setReport(null);
    try {
      let input: unknown;
      try {
        input = JSON.parse(await file.text());
      } catch {
        setReport({ kind: 'error', message: t('settings.backup.notJson', { file: file.name }) });
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
        message: t('settings.backup.restored', {
          feeds: t('settings.backup.feeds', { count: feeds }),
          folders: t('settings.backup.folders', { count: folders }),
          bookmarks: t('settings.backup.bookmarks', { count: starred }),
        }),
        detail: duplicates.length > 0 ? [t('settings.backup.alreadySubscribed', { list: format.list(duplicates) })] : undefined,
      });
      if (feeds > 0) void engine.syncDue();
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="backup-settings">
      <section className="settings-block">
        <h3>{t('settings.backup.heading')}</h3>
        <p className="settings-hint">{t('settings.backup.hint')}</p>
        <div className="settings-buttons">
          <button type="button" className="primary-button" onClick={() => void exportBackup()}>
            {t('settings.backup.export')}
          </button>
          <button type="button" className="secondary-button" disabled={busy} onClick={() => fileInput.current?.click()}>
            {busy ? t('settings.backup.importing') : t('settings.backup.import')}
          </button>
          <HiddenFilePicker
            ref={fileInput}
            accept=".json,application/json"
            label={t('settings.backup.fileLabel')}
            disabled={busy}
            onFile={(file) => void importBackup(file)}
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
        <h3>{t('settings.backup.opmlHeading')}</h3>
        <p className="settings-hint">{t('settings.backup.opmlHint')}</p>
        <div className="settings-buttons">
          <button type="button" className="secondary-button" onClick={onImportOpml}>
            {t('settings.backup.importOpml')}
          </button>
          <button
            type="button"
            className="secondary-button"
            onClick={() => void exportOpmlFile(db).then((count) => setReport({ kind: 'ok', message: t('settings.backup.exportedOpml', { feeds: t('settings.backup.feeds', { count }) }) }))}
          >
            {t('settings.backup.exportOpml')}
          </button>
        </div>
      </section>
    </div>
  );
}
