/** What an account action (sign in, sync, test) came to, or `busy` while it runs; null before any. */
export type AccountStatus = { kind: 'ok' | 'error' | 'busy'; message: string } | null;

/** The status as a line under the form: an alert when the action failed, a status otherwise. */
export function AccountStatusLine({ status }: { status: AccountStatus }) {
  if (!status) return null;
  return (
    <p className={status.kind === 'error' ? 'form-error' : 'settings-report'} role={status.kind === 'error' ? 'alert' : 'status'}>
      {status.message}
    </p>
  );
}

