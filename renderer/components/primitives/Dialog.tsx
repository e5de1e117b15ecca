import type { ReactNode } from 'react';
import { useEffect, useId, useRef } from 'react';
import { useTranslation } from 'react-i18next';

interface DialogProps {
  open: boolean;
  title: string;
  onClose: () => void;
  children: ReactNode;
  className?: string;
}

/**
 * A modal built on <dialog>: the browser traps focus inside and closes it on Escape; focus goes back to what had
 * it when the dialog opened.
 */
export function Dialog({ open, title, onClose, children, className }: DialogProps) {
  const { t } = useTranslation();
  const dialog = useRef<HTMLDialogElement>(null);
  const returnFocus = useRef<Element | null>(null);
  const titleId = useId();

  useEffect(() => {
    const element = dialog.current;
    if (!element) return;
    if (open && !element.open) {
      returnFocus.current = document.activeElement;
      element.showModal();
      // showModal focuses the header's close button; the first field of the body is where the user starts.
      element.querySelector<HTMLElement>('.dialog-body :is(input, select, textarea, button, [tabindex="0"]):not([disabled])')?.focus();
    }
    if (!open && element.open) element.close();
  }, [open]);

  const handleClose = () => {
    onClose();
    if (returnFocus.current instanceof HTMLElement) returnFocus.current.focus();
  };

  return (
    <dialog ref={dialog} className={`dialog ${className ?? ''}`} aria-labelledby={titleId} onClose={handleClose}>
      {open ? (
        <>
          <div className="dialog-header">
            <h2 id={titleId}>{title}</h2>
            <button type="button" className="icon-button" onClick={() => dialog.current?.close()} aria-label={t('common.close')}>
              {t('common.escKey')}
            </button>
          </div>
          <div className="dialog-body">{children}</div>
        </>
      ) : null}
    </dialog>
  );
}
