import { useLiveQuery } from 'dexie-react-hooks';
import type { FormEvent } from 'react';
import { useId, useState } from 'react';
import { addAccount, removeAccount, signInAgain } from '../../../shared/accounts/manage';
import { isPlainHttp, remoteServices, serviceVariants } from '../../../shared/accounts/services';
import type { AccountRow } from '../../../shared/db/schema';
import type { AccountSignIn, RemoteService } from '../../../shared/host';
import { useLibrary } from '../../library/library-context';
import { AccountSyncBar } from '../primitives/AccountSyncBar';
import { AccountImport } from './AccountImport';

type Status = { kind: 'ok' | 'error' | 'busy'; message: string } | null;

const dateTime = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });

/**
 * Settings → Accounts: remote services the library syncs with. The password typed here goes to the host once (which
 * keeps it with the system's secure storage) and is dropped from this form's state as soon as the host answered.
 */
export function AccountsSettings() {
  const { db } = useLibrary();
  const accounts = useLiveQuery(() => db.accounts.orderBy('position').toArray(), [db]) ?? [];
  const remote = accounts.filter((a) => a.kind !== 'local');
  return (
    <div className="accounts-settings">
      <section className="settings-block" aria-labelledby="accounts-list-title">
        <h3 id="accounts-list-title">Accounts</h3>
        <p className="settings-hint">
          Feeds of an account are fetched by its server; read and starred articles stay the same here and on your other devices.
        </p>
        {remote.length === 0 ? <p className="settings-hint">Only “On this computer” so far.</p> : null}
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
    setStatus({ kind: 'busy', message: 'Syncing…' });
    const outcome = await accounts.syncAccount(account.id);
    if (outcome.status === 'ok') setStatus({ kind: 'ok', message: `Synced: ${outcome.added} new ${outcome.added === 1 ? 'article' : 'articles'}.` });
    else if (outcome.status === 'error') setStatus({ kind: 'error', message: outcome.error.message });
    else setStatus({ kind: 'error', message: outcome.reason === 'needs-sign-in' ? 'Sign in again first.' : 'The server asked to wait before the next sync.' });
  }

  async function submitSignIn(event: FormEvent) {
    event.preventDefault();
    setStatus({ kind: 'busy', message: 'Signing in…' });
    const answer = await signInAgain(db, host, account.id, password);
    setPassword('');
    if (!answer.ok) return setStatus({ kind: 'error', message: answer.error.message });
    setStatus(null);
    void syncNow();
  }

  async function remove() {
    const answer = await removeAccount(db, host, account.id);
    if (!answer.ok) setStatus({ kind: 'error', message: answer.error.message });
  }

  return (
    <li className="account-item" aria-label={account.title}>
      <div className="account-head">
        <strong>{account.title}</strong>
        <span className="settings-hint">
          {account.userName} · {account.serverUrl} · {feedCount} {feedCount === 1 ? 'feed' : 'feeds'}
        </span>
      </div>
      <p className="settings-hint" aria-live="polite">
        {account.lastSyncAt ? `Last synced ${dateTime.format(account.lastSyncAt)}` : 'Not synced yet'}
        {pending.length - rejected.length > 0 ? ` · ${pending.length - rejected.length} changes waiting to be sent` : ''}
      </p>
      <AccountSyncBar accountId={account.id} label={`${account.title} sync`} />
      {!variant.canEditSubscriptions ? <p className="settings-hint">Fever cannot add, import or change subscriptions: do that on the server.</p> : null}
      {account.lastError && !account.needsSignIn ? (
        <p className="form-error account-error" role="alert">
          {account.lastError.message}
        </p>
      ) : null}
      {rejected.length > 0 ? (
        <p className="form-error account-error" role="alert">
          The server refused {rejected.length} {rejected.length === 1 ? 'change' : 'changes'}: {rejected[0]?.rejected}
        </p>
      ) : null}
      {account.needsSignIn ? (
        <form className="account-sign-in" onSubmit={(event) => void submitSignIn(event)}>
          <p className="form-error" role="alert">
            {account.lastError?.message ?? 'The server no longer accepts the saved password.'}
          </p>
          <label htmlFor={passwordId}>Password for {account.userName}</label>
          <input id={passwordId} type="password" autoComplete="current-password" value={password} required onChange={(event) => setPassword(event.target.value)} />
          <button type="submit" className="primary-button">
            Sign in again
          </button>
        </form>
      ) : null}
      <div className="settings-buttons">
        <button type="button" className="secondary-button" onClick={() => void syncNow()} disabled={status?.kind === 'busy' || account.needsSignIn === 1}>
          Sync now
        </button>
        {confirming ? (
          <>
            <button type="button" className="secondary-button is-danger" onClick={() => void remove()}>
              Remove {account.title} (bookmarks are kept)
            </button>
            <button type="button" className="secondary-button" onClick={() => setConfirming(false)}>
              Keep it
            </button>
          </>
        ) : (
          <button type="button" className="secondary-button" onClick={() => setConfirming(true)}>
            Remove…
          </button>
        )}
      </div>
      <StatusLine status={status} />
      {account.needsSignIn ? null : <AccountImport account={account} />}
    </li>
  );
}

function AddAccountForm() {
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
    setStatus({ kind: 'busy', message: 'Connecting…' });
    const answer = await host.testAccount(signIn());
    setStatus(answer.ok ? { kind: 'ok', message: 'The server accepted this user name and password.' } : { kind: 'error', message: answer.error.message });
  }

  async function submit(event: FormEvent) {
    event.preventDefault();
    setStatus({ kind: 'busy', message: 'Signing in…' });
    const added = await addAccount(db, host, signIn(), Date.now());
    if (!added.ok) return setStatus({ kind: 'error', message: added.error.message });
    setPassword('');
    setAppKey('');
    setStatus({ kind: 'ok', message: `Added ${added.value.title}; its feeds are arriving.` });
    void accounts.syncAccount(added.value.id);
  }

  return (
    <section className="settings-block" aria-labelledby={`${ids}-title`}>
      <h3 id={`${ids}-title`}>Add an account</h3>
      <form className="account-form" onSubmit={(event) => void submit(event)}>
        <div className="field settings-field">
          <label className="settings-label" htmlFor={`${ids}-service`}>
            Service
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
              <option key={id} value={id}>
                {serviceVariants[id].name}
              </option>
            ))}
          </select>
          <span className="settings-hint" id={`${ids}-service-hint`}>
            {variant.hint}
          </span>
        </div>
        <div className="field settings-field">
          <label className="settings-label" htmlFor={`${ids}-url`}>
            Server address
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
              ⚠ This address starts with http://: the password travels unencrypted. Use it only on a network you trust.
            </span>
          ) : null}
        </div>
        <label className="field settings-field">
          <span className="settings-label">User name</span>
          <input type="text" autoComplete="username" value={userName} required onChange={(event) => setUserName(event.target.value)} />
        </label>
        <label className="field settings-field">
          <span className="settings-label">Password</span>
          <input type="password" autoComplete="current-password" value={password} required onChange={(event) => setPassword(event.target.value)} />
        </label>
        {variant.needsAppCredentials ? (
          <>
            <label className="field settings-field">
              <span className="settings-label">App id</span>
              <input type="text" value={appId} required onChange={(event) => setAppId(event.target.value)} />
            </label>
            <label className="field settings-field">
              <span className="settings-label">App key</span>
              <input type="password" value={appKey} required onChange={(event) => setAppKey(event.target.value)} />
            </label>
          </>
        ) : null}
        <div className="settings-buttons">
          <button type="button" className="secondary-button" disabled={status?.kind === 'busy' || !address || !userName || !password} onClick={() => void test()}>
            Test connection
          </button>
          <button type="submit" className="primary-button" disabled={status?.kind === 'busy'}>
            Add account
          </button>
        </div>
        <StatusLine status={status} />
      </form>
    </section>
  );
}
