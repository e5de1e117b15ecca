import { useEffect, useRef, useState } from 'react';
import { parseOpml } from '../../../shared/feeds';
import { useLibrary } from '../../library/library-context';
import { Dialog } from '../primitives/Dialog';
import type { OpmlImportSummary } from './opml-import';
import { importOpmlInBatches, opmlFeedCount } from './opml-import';
import { Trans, useTranslation } from 'react-i18next';
import { describeError } from '../../../shared/i18n/errors';
import { HiddenFilePicker } from '../primitives/HiddenFilePicker';
import type { DescribableError } from '../../../shared/i18n/errors';

interface OpmlDialogProps {
  open: boolean;
  onClose: () => void;
}

type Phase =
  | { kind: 'choose'; error: DescribableError | string | null }
  | { kind: 'importing'; fileName: string; done: number; total: number }
  | { kind: 'done'; fileName: string; summary: OpmlImportSummary };

/**
 * Import subscriptions from another reader: pick an OPML file, watch the feeds go in, then read what was added,
 * what was already there and what was skipped. The new feeds are fetched in the background afterwards.
 */
export function OpmlDialog({ open, onClose }: OpmlDialogProps) {
  const { t } = useTranslation();
  const { db, engine } = useLibrary();
  const [phase, setPhase] = useState<Phase>({ kind: 'choose', error: null });
  const fileInput = useRef<HTMLInputElement>(null);
  const chooseButton = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    if (!open) return;
    setPhase({ kind: 'choose', error: null });
    chooseButton.current?.focus();
  }, [open]);

  async function importFile(file: File) {
    const parsed = parseOpml(await file.text());
    const total = opmlFeedCount(parsed);
    if (total === 0) {
      setPhase({ kind: 'choose', error: parsed.problems[0] ?? t('opml.noFeeds', { file: file.name }) });
      return;
    }
    setPhase({ kind: 'importing', fileName: file.name, done: 0, total });
    const summary = await importOpmlInBatches(db, parsed, (done) => setPhase({ kind: 'importing', fileName: file.name, done, total }));
    setPhase({ kind: 'done', fileName: file.name, summary });
    if (summary.added > 0) void engine.syncDue();
  }

  return (
    <Dialog open={open} title={t('opml.title')} onClose={onClose} className="opml-dialog">
      <div>
        {phase.kind === 'choose' ? (
          <div className="form">
            <p className="dialog-lead">{t('opml.lead')}</p>
            <button type="button" ref={chooseButton} className="file-drop" onClick={() => fileInput.current?.click()}>
              <span className="file-drop-title">{t('opml.choose')}</span>
              <span className="file-drop-hint">{t('opml.chooseHint')}</span>
            </button>
            <HiddenFilePicker
              ref={fileInput}
              accept=".opml,.xml,text/xml,text/x-opml,application/xml"
              label={t('opml.fileLabel')}
              onFile={(file) => void importFile(file)}
            />
            {phase.error ? (
              <p className="form-error" role="alert">
                {describeError(phase.error, t)}
              </p>
            ) : null}
            <div className="form-actions">
              <button type="button" className="secondary-button" onClick={onClose}>
                {t('common.cancel')}
              </button>
            </div>
          </div>
        ) : null}
        {phase.kind === 'importing' ? (
          <div className="form">
            <p className="dialog-lead">{t('opml.importing', { file: phase.fileName })}</p>
            <progress className="opml-progress" aria-label={t('opml.progressLabel')} max={phase.total} value={phase.done} />
            <p className="form-busy" aria-live="polite">
              {t('opml.progress', { done: phase.done, count: phase.total })}
            </p>
          </div>
        ) : null}
        {phase.kind === 'done' ? (
          <div className="form">
            <section className="opml-report" role="status" aria-label={t('opml.report.label')}>
              <p className="opml-report-headline">
                <Trans
                  i18nKey={phase.summary.foldersCreated > 0 ? 'opml.report.addedInFolders' : 'opml.report.added'}
                  values={{
                    feeds: t('opml.report.feeds', { count: phase.summary.added }),
                    folders: t('opml.report.newFolders', { count: phase.summary.foldersCreated }),
                    file: phase.fileName,
                  }}
                  components={{ strong: <strong /> }}
                />
                {phase.summary.added > 0 ? ` ${t('opml.report.fetching')}` : ''}
              </p>
              {phase.summary.duplicates.length > 0 ? (
                <details className="opml-report-list" open={phase.summary.duplicates.length <= 5}>
                  <summary>{t('opml.report.duplicates', { count: phase.summary.duplicates.length })}</summary>
                  <ul aria-label={t('opml.report.duplicatesLabel')}>
                    {phase.summary.duplicates.map((url) => (
                      <li key={url}>{url}</li>
                    ))}
                  </ul>
                </details>
              ) : null}
              {phase.summary.invalid.length > 0 ? (
                <details className="opml-report-list is-problem" open>
                  <summary>{t('opml.report.skipped', { count: phase.summary.invalid.length })}</summary>
                  <ul aria-label={t('opml.report.skippedLabel')}>
                    {phase.summary.invalid.map((problem, index) => (
                      <li key={`${index}:${problem.message}`}>{describeError(problem, t)}</li>
                    ))}
                  </ul>
                </details>
              ) : null}
            </section>
            <div className="form-actions">
              <button type="button" className="secondary-button" onClick={() => setPhase({ kind: 'choose', error: null })}>
                {t('opml.report.importAnother')}
              </button>
              <button type="button" className="primary-button" autoFocus onClick={onClose}>
                {t('common.done')}
              </button>
            </div>
          </div>
        ) : null}
      </div>
    </Dialog>
  );
}
