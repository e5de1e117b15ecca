import type { AccountSyncProgress } from '../../../shared/accounts/sync';
import { useAccountProgress } from '../../hooks/use-account-progress';

const count = new Intl.NumberFormat();

/** What a running account sync is doing, in words (also the bar's aria-valuetext). */
export function accountSyncText(progress: AccountSyncProgress): string {
  switch (progress.phase) {
    case 'outbox':
      return 'Sending your changes…';
    case 'subscriptions':
      return 'Reading subscriptions…';
    case 'items':
      return progress.total !== null
        ? `Syncing ${count.format(progress.items)} of ${count.format(progress.total)} articles`
        : `Syncing: ${count.format(progress.items)} new ${progress.items === 1 ? 'article' : 'articles'}`;
    case 'states':
      return 'Syncing read and starred articles…';
    case 'done':
      return 'Synced';
  }
}

/**
 * A remote account's sync while it runs (reported by the sync worker): a bar with the articles stored so far of
 * those the server holds on a first sync, indeterminate otherwise. Renders nothing when the account is not syncing.
 */
export function AccountSyncBar({ accountId, label, compact = false }: { accountId: string; label: string; compact?: boolean }) {
  const progress = useAccountProgress(accountId);
  if (!progress) return null;
  const text = accountSyncText(progress);
  const known = progress.total !== null && progress.total > 0 && (progress.phase === 'items' || progress.phase === 'states');
  const fraction = known ? Math.min(1, progress.items / (progress.total as number)) : null;
  return (
    <div className={`account-sync${compact ? ' is-compact' : ''}`}>
      <div
        className={`account-sync-bar${fraction === null ? ' is-indeterminate' : ''}`}
        role="progressbar"
        aria-label={label}
        aria-valuemin={0}
        aria-valuemax={known ? (progress.total as number) : undefined}
        aria-valuenow={known ? progress.items : undefined}
        aria-valuetext={text}
      >
        <div className="account-sync-fill" style={fraction === null ? undefined : { inlineSize: `${(fraction * 100).toFixed(1)}%` }} />
      </div>
      <span className="account-sync-text">{text}</span>
    </div>
  );
}
