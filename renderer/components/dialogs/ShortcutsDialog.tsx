import { useEffect, useRef } from 'react';
import type { CommandGroup, CommandId } from '../../../shared/commands';
import { commandCatalogue, commandGroupKey, commandGroups, commandIds, commandTitleKey, formatKeys } from '../../../shared/commands';
import { useTranslation } from 'react-i18next';
import { useFormatters } from '../../i18n/use-formatters';
import { KeyList } from '../primitives/KeyList';

interface ShortcutsDialogProps {
  open: boolean;
  isMac: boolean;
  onClose: () => void;
}


/** The `?` sheet: every command with its keys, read from the catalogue. */
export function ShortcutsDialog({ open, isMac, onClose }: ShortcutsDialogProps) {
  const { t } = useTranslation();
  const format = useFormatters();
  const dialog = useRef<HTMLDialogElement>(null);
  const body = useRef<HTMLDivElement>(null);
  const returnFocus = useRef<Element | null>(null);

  useEffect(() => {
    const element = dialog.current;
    if (!element) return;
    if (open && !element.open) {
      returnFocus.current = document.activeElement;
      element.showModal();
      // The sheet has nothing to press: focus the scrolling table so arrows and Page Down read through it.
      body.current?.focus();
    }
    if (!open && element.open) element.close();
  }, [open]);

  const handleClose = () => {
    onClose();
    if (returnFocus.current instanceof HTMLElement) returnFocus.current.focus();
  };

  const byGroup = new Map<CommandGroup, CommandId[]>();
  for (const id of commandIds) {
    if (commandCatalogue[id].keys.length === 0) continue;
    const group = commandCatalogue[id].group;
    byGroup.set(group, [...(byGroup.get(group) ?? []), id]);
  }

  return (
    <dialog ref={dialog} className="dialog" aria-labelledby="shortcuts-title" onClose={handleClose}>
      <div className="dialog-header">
        <h2 id="shortcuts-title">{t('shortcuts.title')}</h2>
        <button type="button" className="icon-button" onClick={onClose} aria-label={t('common.close')}>
          {t('common.escKey')}
        </button>
      </div>
      <div ref={body} className="dialog-body" tabIndex={0} role="region" aria-labelledby="shortcuts-title">
        {commandGroups
          .filter((group) => byGroup.has(group))
          .map((group) => (
            <section key={group} className="shortcut-group">
              <h3>{t(commandGroupKey(group))}</h3>
              <table className="shortcut-table">
                <tbody>
                  {(byGroup.get(group) ?? []).map((id) => (
                    <tr key={id}>
                      <td>{t(commandTitleKey(id))}</td>
                      <td>
                        <KeyList keys={commandCatalogue[id].keys.map((keys) => formatKeys(keys, isMac, t))} format={format} />
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </section>
          ))}
      </div>
    </dialog>
  );
}
