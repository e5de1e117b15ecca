import { useLiveQuery } from 'dexie-react-hooks';
import type { FormEvent } from 'react';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { removeAccount, signInAgain } from '../../../shared/accounts/manage';
import { serviceVariants } from '../../../shared/accounts/services';
import type { AccountRow } from '../../../shared/db/schema';
import { describeError } from '../../../shared/i18n/errors';
import { useFormatters } from '../../i18n/use-formatters';
import { useLibrary } from '../../library/library-context';
import { AccountSyncBar } from '../primitives/AccountSyncBar';
import { AccountImport } from './AccountImport';
import type { AccountStatus } from './AccountStatusLine';
import { AccountStatusLine } from './AccountStatusLine';

/**
 * One account in Settings → Accounts: its server and sync state, what the server refused, signing in again when
 * the saved password stopped working, syncing now, importing into it, and removing it.
 */
export function AccountItem({ account }: { account: AccountRow }) {
  const { t } = useTranslation();
  const format = useFormatters();
  const { db, host, accounts } = useLibrary();
  const [status, setStatus] = useState<AccountStatus>(null);
  const [password, setPassword] = useState('');
  const [confirming, setConfirming] = useState(false);
  const passwordId = useId();
  const pending = useLiveQuery(() => db.outbox.where('accountId').equals(account.id).toArray(), [db, account.id]) ?? [];
  const feedCount = useLiveQuery(() => db.feeds.where('accountId').equals(account.id).count(), [db, account.id]) ?? 0;
  const rejected = pending.filter((row) => row.rejected);
  const variant = serviceVariants[account.service === 'local' ? 'greader' : account.service];

  async function syncNow() {
    setStatus({ kind: 'busy', message: t('settings.accounts.syncing') });
    const outcome = await accounts.syncAccount(account.id);
    if (outcome.status === 'ok') setStatus({ kind: 'ok', message: t('settings.accounts.synced', { count: outcome.added }) });
    else if (outcome.status === 'error') setStatus({ kind: 'error', message: describeError(outcome.error, t) });
    else setStatus({ kind: 'error', message: outcome.reason === 'needs-sign-in' ? t('settings.accounts.signInFirst') : t('settings.accounts.waitBeforeSync') });
  }

  async function submitSignIn(event: FormEvent) {
    event.preventDefault();
    setStatus({ kind: 'busy', message: t('settings.accounts.signingIn') });
    const answer = await signInAgain(db, host, account.id, password);
    setPassword('');
    if (!answer.ok) return setStatus({ kind: 'error', message: describeError(answer.error, t) });
    setStatus(null);
    void syncNow();
  }

  async function remove() {
    const answer = await removeAccount(db, host, account.id);
    if (!answer.ok) setStatus({ kind: 'error', message: describeError(answer.error, t) });
  }

  return (
    <li className="account-item" aria-label={account.title}>
      <div className="account-head">
        <strong>{account.title}</strong>
        <span className="settings-hint">
          {account.userName} · {account.serverUrl} · {t('settings.accounts.feeds', { count: feedCount })}
        </span>
      </div>
      <p className="settings-hint" aria-live="polite">
        {account.lastSyncAt ? t('settings.accounts.lastSynced', { date: format.dateTime(account.lastSyncAt) }) : t('settings.accounts.notSynced')}
        {pending.length - rejected.length > 0 ? ` · ${t('settings.accounts.pending', { count: pending.length - rejected.length })}` : ''}
      </p>
      <AccountSyncBar accountId={account.id} label={t('sidebar.accountSync', { account: account.title })} />
      {!variant.canEditSubscriptions ? <p className="settings-hint">{t('settings.accounts.feverNoImport')}</p> : null}
      {account.lastError && !account.needsSignIn ? (
        <p className="form-error account-error" role="alert">
          {describeError(account.lastError, t)}
        </p>
      ) : null}
      {rejected.length > 0 ? (
        <p className="form-error account-error" role="alert">
          {t('settings.accounts.rejected', { count: rejected.length, reason: rejected[0]?.rejected ?? '' })}
        </p>
      ) : null}
      {account.needsSignIn ? (
        <form className="account-sign-in" onSubmit={(event) => void submitSignIn(event)}>
          <p className="form-error" role="alert">
            {account.lastError ? describeError(account.lastError, t) : t('settings.accounts.passwordRejected')}
          </p>
          <label htmlFor={passwordId}>{t('settings.accounts.passwordFor', { user: account.userName })}</label>
          <input id={passwordId} type="password" autoComplete="current-password" value={password} required onChange={(event) => setPassword(event.target.value)} />
          <button type="submit" className="primary-button">
            {t('settings.accounts.signInAgain')}
          </button>
        </form>
      ) : null}
      <div className="settings-buttons">
        <button type="button" className="secondary-button" onClick={() => void syncNow()} disabled={status?.kind === 'busy' || account.needsSignIn === 1}>
          {t('settings.accounts.syncNow')}
        </button>
        {confirming ? (
          <>
            <button type="button" className="secondary-button is-danger" onClick={() => void remove()}>
              {t('settings.accounts.removeConfirm', { name: account.title })}
            </button>
            <button type="button" className="secondary-button" onClick={() => setConfirming(false)}>
              {t('settings.accounts.keep')}
            </button>
          </>
        ) : (
          <button type="button" className="secondary-button" onClick={() => setConfirming(true)}>
            {t('settings.accounts.remove')}
          </button>
        )}
      </div>
      <AccountStatusLine status={status} />
      {account.needsSignIn ? null : <AccountImport account={account} />}
    </li>
  );
}

