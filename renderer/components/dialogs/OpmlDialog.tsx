import { useEffect, useRef, useState } from 'react';
import { parseOpml } from '../../../shared/feeds';
import { useLibrary } from '../../library/library-context';
import { Dialog } from '../primitives/Dialog';
import type { OpmlImportSummary } from './opml-import';
import { importOpmlInBatches, opmlFeedCount } from './opml-import';

interface OpmlDialogProps {
  open: boolean;
  onClose: () => void;
}

type Phase =
  | { kind: 'choose'; error: string | null }
  | { kind: 'importing'; fileName: string; done: number; total: number }
  | { kind: 'done'; fileName: string; summary: OpmlImportSummary };

const plural = (count: number, one: string, many: string) => `${count} ${count === 1 ? one : many}`;

/**
 * Import subscriptions from another reader: pick an OPML file, watch the feeds go in, then read what was added,
 * what was already there and what was skipped. The new feeds are fetched in the background afterwards.
 */
export function OpmlDialog({ open, onClose }: OpmlDialogProps) {
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
      setPhase({ kind: 'choose', error: parsed.errors[0] ?? `${file.name} lists no feeds.` });
      return;
    }
    setPhase({ kind: 'importing', fileName: file.name, done: 0, total });
    const summary = await importOpmlInBatches(db, parsed, (done) => setPhase({ kind: 'importing', fileName: file.name, done, total }));
    setPhase({ kind: 'done', fileName: file.name, summary });
    if (summary.added > 0) void engine.syncDue();
  }

  return (
    <Dialog open={open} title="Import subscriptions (OPML)" onClose={onClose} className="opml-dialog">
      <div>
        {phase.kind === 'choose' ? (
          <div className="form">
            <p className="dialog-lead">
              Most newsreaders can export their subscriptions as an OPML file. Folders come across; a feed you already follow is left as it is.
            </p>
            <button type="button" ref={chooseButton} className="file-drop" onClick={() => fileInput.current?.click()}>
              <span className="file-drop-title">Choose an OPML file…</span>
              <span className="file-drop-hint">.opml or .xml, exported from another newsreader</span>
            </button>
            <input
              ref={fileInput}
              tabIndex={-1}
              className="visually-hidden"
              type="file"
              accept=".opml,.xml,text/xml,text/x-opml,application/xml"
              aria-label="OPML file"
              onChange={(event) => {
                const file = event.target.files?.[0];
                event.target.value = '';
                if (file) void importFile(file);
              }}
            />
            {phase.error ? (
              <p className="form-error" role="alert">
                {phase.error}
              </p>
            ) : null}
            <div className="form-actions">
              <button type="button" className="secondary-button" onClick={onClose}>
                Cancel
              </button>
            </div>
          </div>
        ) : null}
        {phase.kind === 'importing' ? (
          <div className="form">
            <p className="dialog-lead">Importing {phase.fileName}…</p>
            <progress className="opml-progress" aria-label="Import progress" max={phase.total} value={phase.done} />
            <p className="form-busy" aria-live="polite">
              {phase.done} of {plural(phase.total, 'feed', 'feeds')}
            </p>
          </div>
        ) : null}
        {phase.kind === 'done' ? (
          <div className="form">
            <section className="opml-report" role="status" aria-label="Import report">
              <p className="opml-report-headline">
                <strong>Added {plural(phase.summary.added, 'feed', 'feeds')}</strong>
                {phase.summary.foldersCreated > 0 ? ` in ${plural(phase.summary.foldersCreated, 'new folder', 'new folders')}` : ''} from {phase.fileName}.
                {phase.summary.added > 0 ? ' They are being fetched now.' : ''}
              </p>
              {phase.summary.duplicates.length > 0 ? (
                <details className="opml-report-list" open={phase.summary.duplicates.length <= 5}>
                  <summary>{plural(phase.summary.duplicates.length, 'duplicate', 'duplicates')} (already subscribed or listed twice)</summary>
                  <ul aria-label="Duplicates">
                    {phase.summary.duplicates.map((url) => (
                      <li key={url}>{url}</li>
                    ))}
                  </ul>
                </details>
              ) : null}
              {phase.summary.invalid.length > 0 ? (
                <details className="opml-report-list is-problem" open>
                  <summary>{plural(phase.summary.invalid.length, 'entry', 'entries')} skipped</summary>
                  <ul aria-label="Skipped entries">
                    {phase.summary.invalid.map((line) => (
                      <li key={line}>{line}</li>
                    ))}
                  </ul>
                </details>
              ) : null}
            </section>
            <div className="form-actions">
              <button type="button" className="secondary-button" onClick={() => setPhase({ kind: 'choose', error: null })}>
                Import another file
              </button>
              <button type="button" className="primary-button" autoFocus onClick={onClose}>
                Done
              </button>
            </div>
          </div>
        ) : null}
      </div>
    </Dialog>
  );
}
