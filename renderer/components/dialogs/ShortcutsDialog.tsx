import type { CommandGroup, CommandId, KeyBindings } from '../../../shared/commands';
import { commandCatalogue, commandGroupKey, commandGroups, commandIds, commandTitleKey, formatKeys, keysFor } from '../../../shared/commands';
import { useTranslation } from 'react-i18next';
import { useFormatters } from '../../i18n/use-formatters';
import { Dialog } from '../primitives/Dialog';
import { KeyList } from '../primitives/KeyList';

interface ShortcutsDialogProps {
  open: boolean;
  isMac: boolean;
  /** The reader's own keys (Settings → Keyboard): the sheet shows what works now, not the defaults. */
  bindings: KeyBindings;
  onClose: () => void;
}

/** The `?` sheet: every command that has keys, with those keys (as rebound, else the catalogue's). */
export function ShortcutsDialog({ open, isMac, bindings, onClose }: ShortcutsDialogProps) {
  const { t } = useTranslation();
  const format = useFormatters();
  const byGroup = new Map<CommandGroup, CommandId[]>();
  for (const id of commandIds) {
    if (keysFor(id, bindings).length === 0) continue;
    const group = commandCatalogue[id].group;
    byGroup.set(group, [...(byGroup.get(group) ?? []), id]);
  }

  return (
    <Dialog open={open} title={t('shortcuts.title')} onClose={onClose} scrollingBody>
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
                      <KeyList keys={keysFor(id, bindings).map((keys) => formatKeys(keys, isMac, t))} format={format} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </section>
        ))}
    </Dialog>
  );
}
