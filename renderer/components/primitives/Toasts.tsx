import { useTranslation } from 'react-i18next';
export interface Toast {
  id: number;
  message: string;
  detail?: string;
  kind: 'info' | 'error';
}

/** Non-blocking messages in a corner; each can be dismissed, news leaves on its own (renderer/state/ui-store showToast). */
export function Toasts({ toasts, onDismiss }: { toasts: readonly Toast[]; onDismiss: (id: number) => void }) {
  const { t } = useTranslation();
  return (
    <div className="toasts" role="status" aria-live="polite">
      {toasts.map((toast) => (
        <div key={toast.id} className={`toast toast-${toast.kind}`}>
          <div className="toast-text">
            <strong>{toast.message}</strong>
            {toast.detail ? <span>{toast.detail}</span> : null}
          </div>
          <button type="button" className="toast-close" aria-label={t('common.dismiss')} onClick={() => onDismiss(toast.id)}>
            ×
          </button>
        </div>
      ))}
    </div>
  );
}
