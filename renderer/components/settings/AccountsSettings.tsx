import { useLiveQuery } from 'dexie-react-hooks';
import type { FormEvent } from 'react';
import { useId, useState } from 'react';
import { addAccount, removeAccount, signInAgain } from '../../../shared/accounts/manage';
import { isPlainHttp, remoteServices, serviceVariants } from '../../../shared/accounts/services';
import type { AccountRow } from '../../../shared/db/schema';
import type { AccountSignIn, RemoteService } from '../../../shared/host';
import { useLibrary } from '../../library/library-context';
import { useTranslation } from 'react-i18next';
import { describeError } from '../../../shared/i18n/errors';
import type { Translate } from '../../../shared/i18n/translator';
import { useFormatters } from '../../i18n/use-formatters';
import { AccountSyncBar } from '../primitives/AccountSyncBar';
import { AccountImport } from './AccountImport';

type Status = { kind: 'ok' | 'error' | 'busy'; message: string } | null;

/** A service's name in the picker: a product's own name, or (for the generic protocols) a message. */
function serviceName(service: RemoteService, t: Translate): string {
  if (service === 'greader') return t('settings.accounts.services.greader.name');
  if (service === 'fever') return t('settings.accounts.services.fever.name');
  return serviceVariants[service].name;
}

/**
 * Settings → Accounts: remote services the library syncs with. The password typed here goes to the host once (which
 * keeps it with the system's secure storage) and is dropped from this form's state as soon as the host answered.
 */
export function AccountsSettings() {
  const { t } = useTranslation();
  const { db } = useLibrary();
  const accounts = useLiveQuery(() => db.accounts.orderBy('position').toArray(), [db]) ?? [];
  const remote = accounts.filter((a) => a.kind !== 'local');
  return (
    <div className="accounts-settings">
      <section className="settings-block" aria-labelledby="accounts-list-title">
        <h3 id="accounts-list-title">{t('settings.accounts.heading')}</h3>
        <p className="settings-hint">{t('settings.accounts.hint')}</p>
        {remote.length === 0 ? <p className="settings-hint">{t('settings.accounts.onlyLocal')}</p> : null}
        <ul className="account-list">
          {remote.map((account) => (
            <AccountItem key={account.id} account={account} />
          ))}
        </ul>
      </section>
      <AddAccountForm />
    </div>
  );
}

/** What the last action came to: an alert when it failed, a status otherwise. */
function StatusLine({ status }: { status: Status }) {
  if (!status) return null;
  return (
    <p className={status.kind === 'error' ? 'form-error' : 'settings-report'} role={status.kind === 'error' ? 'alert' : 'status'}>
      {status.message}
    </p>
  );
}

function AccountItem({ account }: { account: AccountRow }) {
  const { t } = useTranslation();
  const format = useFormatters();
  const { db, host, accounts } = useLibrary();
  const [status, setStatus] = useState<Status>(null);
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
      <StatusLine status={status} />
      {account.needsSignIn ? null : <AccountImport account={account} />}
    </li>
  );
}

function AddAccountForm() {
  const { t } = useTranslation();
  const { db, host, accounts } = useLibrary();
  const [service, setService] = useState<RemoteService>('freshrss');
  const [serverUrl, setServerUrl] = useState('');
  const [userName, setUserName] = useState('');
  const [password, setPassword] = useState('');
  const [appId, setAppId] = useState('');
  const [appKey, setAppKey] = useState('');
  const [status, setStatus] = useState<Status>(null);
  const ids = useId();
  const variant = serviceVariants[service];
  const address = serverUrl.trim() || variant.hostedUrl || '';

  const signIn = (): AccountSignIn => ({
    service,
    serverUrl: address,
    userName: userName.trim(),
    password,
    ...(variant.needsAppCredentials ? { appId: appId.trim(), appKey: appKey.trim() } : {}),
  });

  async function test() {
    setStatus({ kind: 'busy', message: t('settings.accounts.connecting') });
    const answer = await host.testAccount(signIn());
    setStatus(answer.ok ? { kind: 'ok', message: t('settings.accounts.accepted') } : { kind: 'error', message: describeError(answer.error, t) });
  }

  async function submit(event: FormEvent) {
    event.preventDefault();
    setStatus({ kind: 'busy', message: t('settings.accounts.signingIn') });
    const added = await addAccount(db, host, signIn(), Date.now());
    if (!added.ok) return setStatus({ kind: 'error', message: describeError(added.error, t) });
    setPassword('');
    setAppKey('');
    setStatus({ kind: 'ok', message: t('settings.accounts.added', { name: added.value.title }) });
    void accounts.syncAccount(added.value.id);
  }

  return (
    <section className="settings-block" aria-labelledby={`${ids}-title`}>
      <h3 id={`${ids}-title`}>{t('settings.accounts.addHeading')}</h3>
      <form className="account-form" onSubmit={(event) => void submit(event)}>
        <div className="field settings-field">
          <label className="settings-label" htmlFor={`${ids}-service`}>
            {t('settings.accounts.service')}
          </label>
          <select
            id={`${ids}-service`}
            aria-describedby={`${ids}-service-hint`}
            value={service}
            onChange={(event) => {
              setService(event.target.value as RemoteService);
              setStatus(null);
            }}
          >
            {remoteServices.map((id) => (
              <option key={id} value={id} translate={id === 'greader' || id === 'fever' ? undefined : 'no'}>
                {serviceName(id, t)}
              </option>
            ))}
          </select>
          <span className="settings-hint" id={`${ids}-service-hint`}>
            {t(`settings.accounts.services.${service}.hint`)}
          </span>
        </div>
        <div className="field settings-field">
          <label className="settings-label" htmlFor={`${ids}-url`}>
            {t('settings.accounts.serverAddress')}
          </label>
          <input
            id={`${ids}-url`}
            type="url"
            inputMode="url"
            aria-describedby={isPlainHttp(address) ? `${ids}-url-warning` : undefined}
            placeholder={variant.hostedUrl ?? 'https://rss.example.com'}
            value={serverUrl}
            required={!variant.hostedUrl}
            onChange={(event) => setServerUrl(event.target.value)}
          />
          {isPlainHttp(address) ? (
            <span className="account-warning" role="note" id={`${ids}-url-warning`}>
              {t('settings.accounts.httpWarning')}
            </span>
          ) : null}
        </div>
        <label className="field settings-field">
          <span className="settings-label">{t('settings.accounts.userName')}</span>
          <input type="text" autoComplete="username" value={userName} required onChange={(event) => setUserName(event.target.value)} />
        </label>
        <label className="field settings-field">
          <span className="settings-label">{t('settings.accounts.password')}</span>
          <input type="password" autoComplete="current-password" value={password} required onChange={(event) => setPassword(event.target.value)} />
        </label>
        {variant.needsAppCredentials ? (
          <>
            <label className="field settings-field">
              <span className="settings-label">{t('settings.accounts.appId')}</span>
              <input type="text" value={appId} required onChange={(event) => setAppId(event.target.value)} />
            </label>
            <label className="field settings-field">
              <span className="settings-label">{t('settings.accounts.appKey')}</span>
              <input type="password" value={appKey} required onChange={(event) => setAppKey(event.target.value)} />
            </label>
          </>
        ) : null}
        <div className="settings-buttons">
          <button type="button" className="secondary-button" disabled={status?.kind === 'busy' || !address || !userName || !password} onClick={() => void test()}>
            {t('settings.accounts.test')}
          </button>
          <button type="submit" className="primary-button" disabled={status?.kind === 'busy'}>
            {t('settings.accounts.add')}
          </button>
        </div>
        <StatusLine status={status} />
      </form>
    </section>
  );
}
