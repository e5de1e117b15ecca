import { LOCAL_ACCOUNT_ID } from '../../shared/db/schema';
import type { Translate } from '../../shared/i18n/translator';

/** An account's name as shown: the local account's is a message (its stored title is English), a remote one's is its own. */
export function accountTitle(account: { id: string; title: string }, t: Translate): string {
  return account.id === LOCAL_ACCOUNT_ID ? t('settings.accounts.localTitle') : account.title;
}
