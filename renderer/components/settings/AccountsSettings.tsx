import { useLiveQuery } from 'dexie-react-hooks';
import { useTranslation } from 'react-i18next';
import { useLibrary } from '../../library/library-context';
import { AccountItem } from './AccountItem';
import { AddAccountForm } from './AddAccountForm';

/** Settings → Accounts: the remote services the library syncs with (AccountItem each), and the form to add one. */
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
