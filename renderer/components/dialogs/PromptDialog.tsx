import { useEffect, useState } from 'react';
import { Dialog } from '../primitives/Dialog';
import { useTranslation } from 'react-i18next';

export interface PromptRequest {
  title: string;
  label: string;
  initial: string;
  submitLabel: string;
  /** Returns an error message to show, or null when done. */
  onSubmit: (value: string) => Promise<string | null>;
}

/** A one-field form in a dialog (Electron has no window.prompt). */
export function PromptDialog({ request, onClose }: { request: PromptRequest | null; onClose: () => void }) {
  const { t } = useTranslation();
  const [value, setValue] = useState('');
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    setValue(request?.initial ?? '');
    setError(null);
  }, [request]);

  return (
    <Dialog open={request !== null} title={request?.title ?? ''} onClose={onClose}>
      <form
        className="form"
        onSubmit={(event) => {
          event.preventDefault();
          if (!request) return;
          void request.onSubmit(value).then((message) => (message ? setError(message) : onClose()));
        }}
      >
        <label className="field">
          <span>{request?.label}</span>
          <input autoFocus value={value} onChange={(event) => setValue(event.target.value)} />
        </label>
        {error ? (
          <p className="form-error" role="alert">
            {error}
          </p>
        ) : null}
        <div className="form-actions">
          <button type="button" className="secondary-button" onClick={onClose}>
            {t('common.cancel')}
          </button>
          <button type="submit" className="primary-button">
            {request?.submitLabel}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
