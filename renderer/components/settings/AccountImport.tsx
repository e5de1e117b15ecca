import { useRef, useState } from 'react';
import { importIntoAccount, localFeedsToImport, opmlFeedsToImport, type AccountImportReport, type FeedToImport } from '../../../shared/accounts/import';
import { serviceVariants } from '../../../shared/accounts/services';
import type { AccountRow } from '../../../shared/db/schema';
import { parseOpml } from '../../../shared/feeds';
import { useLibrary } from '../../library/library-context';
import { useTranslation } from 'react-i18next';
import { describeError } from '../../../shared/i18n/errors';
import { HiddenFilePicker } from '../primitives/HiddenFilePicker';

type ImportState = { kind: 'idle' } | { kind: 'running'; done: number; total: number } | { kind: 'done'; report: AccountImportReport } | { kind: 'error'; message: string };

/**
 * "Import this computer's subscriptions into <account>" and "Import an OPML file into <account>": one action each
 * (shared/accounts/import.ts), then a sync of the account brings the articles. Fever has no subscribe call: not offered.
 */
export function AccountImport({ account }: { account: AccountRow }) {
  const { t } = useTranslation();
  const { db, host, accounts } = useLibrary();
  const [state, setState] = useState<ImportState>({ kind: 'idle' });
  const fileInput = useRef<HTMLInputElement>(null);
  const service = account.service === 'local' ? null : serviceVariants[account.service];
  if (!service) return null;
  // Fever: the account's hint already says it cannot add subscriptions (AccountsSettings).
  if (!service.canEditSubscriptions) return null;

  async function run(feeds: FeedToImport[] | string) {
    if (typeof feeds === 'string') return setState({ kind: 'error', message: feeds });
    if (feeds.length === 0) return setState({ kind: 'error', message: t('settings.accounts.import.noFeeds') });
    setState({ kind: 'running', done: 0, total: feeds.length });
    const answer = await importIntoAccount(db, host, account.id, feeds, Date.now, (done, total) => setState({ kind: 'running', done, total }));
    if (!answer.ok) return setState({ kind: 'error', message: describeError(answer.error, t) });
    setState({ kind: 'done', report: answer.value });
    if (answer.value.subscribed.length > 0) void accounts.syncAccount(account.id);
  }

  async function fromFile(file: File) {
    const parsed = parseOpml(await file.text());
    const feeds = opmlFeedsToImport(parsed.outlines);
    await run(feeds.length === 0 && parsed.errors.length > 0 ? t('settings.accounts.import.notOpml', { reason: parsed.problems[0] ? describeError(parsed.problems[0], t) : '' }) : feeds);
  }

  const busy = state.kind === 'running';
  return (
    <div className="account-import">
      <div className="settings-buttons">
        <button type="button" className="secondary-button" disabled={busy} onClick={() => void localFeedsToImport(db).then(run)}>
          {t('settings.accounts.import.local', { account: account.title })}
        </button>
        <button type="button" className="secondary-button" disabled={busy} onClick={() => fileInput.current?.click()}>
          {t('settings.accounts.import.file', { account: account.title })}
        </button>
        <HiddenFilePicker
          ref={fileInput}
          accept=".opml,.xml,text/xml,text/x-opml,application/xml"
          label={t('settings.accounts.import.fileLabel', { account: account.title })}
          onFile={(file) => void fromFile(file)}
        />
      </div>
      {state.kind === 'running' ? (
        <p className="settings-hint" role="status">
          {t('settings.accounts.import.progress', { done: state.done, count: state.total })}
        </p>
      ) : null}
      {state.kind === 'error' ? (
        <p className="form-error" role="alert">
          {state.message}
        </p>
      ) : null}
      {state.kind === 'done' ? <ImportReport report={state.report} /> : null}
    </div>
  );
}

function ImportReport({ report }: { report: AccountImportReport }) {
  const { t } = useTranslation();
  const { subscribed, alreadySubscribed, failed } = report;
  return (
    <div className="account-import-report">
      <p className="settings-report" role="status">
        {t('settings.accounts.import.subscribed', { count: subscribed.length })}
        {alreadySubscribed.length > 0 ? `; ${t('settings.accounts.import.alreadySubscribed', { count: alreadySubscribed.length })}` : ''}
        {failed.length > 0 ? `; ${t('settings.accounts.import.failed', { count: failed.length })}` : ''}.
      </p>
      {failed.length > 0 ? (
        <ul className="form-error account-import-failures" aria-label={t('settings.accounts.import.failures')}>
          {failed.map((f) => (
            <li key={f.url}>
              <strong>{f.title}</strong> ({f.url}): {describeError(f, t)}
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
