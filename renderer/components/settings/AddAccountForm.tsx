import type { FormEvent } from 'react';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { addAccount } from '../../../shared/accounts/manage';
import { isPlainHttp, remoteServices, serviceVariants } from '../../../shared/accounts/services';
import type { AccountSignIn, RemoteService } from '../../../shared/host';
import { describeError } from '../../../shared/i18n/errors';
import type { Translate } from '../../../shared/i18n/translator';
import { useLibrary } from '../../library/library-context';
import type { AccountStatus } from './AccountStatusLine';
import { AccountStatusLine } from './AccountStatusLine';

/** A service's name in the picker: a product's own name, or (for the generic protocols) a message. */
function serviceName(service: RemoteService, t: Translate): string {
  if (service === 'greader') return t('settings.accounts.services.greader.name');
  if (service === 'fever') return t('settings.accounts.services.fever.name');
  return serviceVariants[service].name;
}

/**
 * Settings → Accounts → Add an account: service, address, user name and password (and app credentials where the
 * service wants them). The password goes to the host once, which keeps it with the system's secure storage; it is
 * cleared from this form once the account is added (kept after a refusal, to be corrected).
 */
export function AddAccountForm() {
  const { t } = useTranslation();
  const { db, host, accounts } = useLibrary();
  const [service, setService] = useState<RemoteService>('freshrss');
  const [serverUrl, setServerUrl] = useState('');
  const [userName, setUserName] = useState('');
  const [password, setPassword] = useState('');
  const [appId, setAppId] = useState('');
  const [appKey, setAppKey] = useState('');
  const [status, setStatus] = useState<AccountStatus>(null);
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
        <AccountStatusLine status={status} />
      </form>
    </section>
  );
}
