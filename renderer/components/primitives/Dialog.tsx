import type { ReactNode } from 'react';
import { useEffect, useId, useRef } from 'react';
import { useTranslation } from 'react-i18next';

interface DialogProps {
  open: boolean;
  title: string;
  onClose: () => void;
  children: ReactNode;
  className?: string;
  /**
   * The body is a scrolling region with nothing to press (the `?` sheet): it takes the focus on opening, so arrows
   * and Page Down read through it, and is named by the title.
   */
  scrollingBody?: boolean;
}

/**
 * A modal built on <dialog>: the browser traps focus inside and closes it on Escape; focus goes back to what had
 * it when the dialog opened.
 */
export function Dialog({ open, title, onClose, children, className, scrollingBody = false }: DialogProps) {
  const { t } = useTranslation();
  const dialog = useRef<HTMLDialogElement>(null);
  const body = useRef<HTMLDivElement>(null);
  const returnFocus = useRef<Element | null>(null);
  const titleId = useId();

  useEffect(() => {
    const element = dialog.current;
    if (!element) return;
    if (open && !element.open) {
      returnFocus.current = document.activeElement;
      element.showModal();
      // showModal focuses the header's close button; the first field of the body is where the user starts.
      if (scrollingBody) body.current?.focus();
      else element.querySelector<HTMLElement>('.dialog-body :is(input, select, textarea, button, [tabindex="0"]):not([disabled])')?.focus();
    }
    if (!open && element.open) element.close();
  }, [open, scrollingBody]);

  // Escape closes the <dialog> at once, but its close event is a task of its own, which a busy renderer runs after the
  // keys already queued (Chromium runs input first): Ctrl+K pressed right after Escape found the palette still open in
  // the store, did nothing, and the letters typed next went nowhere. Its cancel event comes in the same task as the key.
  const handleCancel = () => onClose();
  const handleClose = () => {
    // Shown again since it closed (its close event came late): this close is over.
    if (dialog.current?.open) return;
    onClose();
    if (returnFocus.current instanceof HTMLElement) returnFocus.current.focus();
  };

  return (
    <dialog ref={dialog} className={`dialog ${className ?? ''}`} aria-labelledby={titleId} onCancel={handleCancel} onClose={handleClose}>
      {open ? (
        <>
          <div className="dialog-header">
            <h2 id={titleId}>{title}</h2>
            <button type="button" className="icon-button" onClick={() => dialog.current?.close()} aria-label={t('common.close')}>
              {t('common.escKey')}
            </button>
          </div>
          <div
            ref={body}
            className="dialog-body"
            {...(scrollingBody ? { tabIndex: 0, role: 'region', 'aria-labelledby': titleId } : {})}
          >
            {children}
          </div>
        </>
      ) : null}
    </dialog>
  );
}
