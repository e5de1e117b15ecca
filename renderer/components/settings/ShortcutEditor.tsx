import { Fragment, useEffect, useRef, useState } from 'react';
import type { CommandId, KeyBindings } from '../../../shared/commands';
import { commandCatalogue, commandGroupKey, commandGroups, commandIds, commandTitleKey, formatKeys, keysFor } from '../../../shared/commands';
import { chordOf } from '../../../shared/key-chords';
import type { KeyConflict } from './shortcut-bindings';
import { bindKeys, conflictsFor, resetKeys, swapKeys } from './shortcut-bindings';
import { Trans, useTranslation } from 'react-i18next';
import { useFormatters } from '../../i18n/use-formatters';
import { KeyList } from '../primitives/KeyList';

interface ShortcutEditorProps {
  bindings: KeyBindings;
  isMac: boolean;
  onChange: (bindings: KeyBindings) => void;
}

/** How long after a first key a second one still makes a sequence (`g` then `a`). */
const SEQUENCE_MS = 900;

type Capture = { id: CommandId; chords: string[] };
type Pending = { id: CommandId; keys: string; conflicts: KeyConflict[] };

/**
 * Every command with its keys. "Change" listens for the next key (or two keys in a row, for a sequence); a key
 * another command uses is shown with a choice to swap, a key that would hide a sequence is refused.
 */
export function ShortcutEditor({ bindings, isMac, onChange }: ShortcutEditorProps) {
  const { t } = useTranslation();
  const format = useFormatters();
  const [capture, setCapture] = useState<Capture | null>(null);
  const [pending, setPending] = useState<Pending | null>(null);
  const latest = useRef({ bindings, onChange });
  latest.current = { bindings, onChange };

  const capturingId = capture?.id ?? null;
  useEffect(() => {
    if (!capturingId) return;
    let chords: string[] = [];
    let timer: ReturnType<typeof setTimeout> | undefined;
    const finish = () => {
      window.clearTimeout(timer);
      setCapture(null);
      const keys = chords.join(' ');
      const { bindings: current, onChange: change } = latest.current;
      const conflicts = conflictsFor(capturingId, keys, current);
      if (conflicts.length === 0) {
        setPending(null);
        change(bindKeys(current, capturingId, keys));
      } else setPending({ id: capturingId, keys, conflicts });
    };
    // Capture phase on the window: the key is the user's answer, not a command (and Escape must not close the dialog).
    const onKeyDown = (event: KeyboardEvent) => {
      event.preventDefault();
      event.stopPropagation();
      if (event.key === 'Escape' && chords.length === 0) {
        setCapture(null);
        return;
      }
      const chord = chordOf(event, isMac);
      if (chord === null) return;
      chords = [...chords, chord];
      setCapture({ id: capturingId, chords });
      window.clearTimeout(timer);
      if (chords.length >= 2) finish();
      else timer = setTimeout(finish, SEQUENCE_MS);
    };
    window.addEventListener('keydown', onKeyDown, { capture: true });
    return () => {
      window.clearTimeout(timer);
      window.removeEventListener('keydown', onKeyDown, { capture: true });
    };
  }, [capturingId, isMac]);

  const keyLabels = (keys: readonly string[]) =>
    keys.length === 0 ? (
      <span className="shortcut-none">{t('settings.keyboard.none')}</span>
    ) : (
      <KeyList keys={keys.map((key) => formatKeys(key, isMac, t))} format={format} />
    );

  const overridden = Object.keys(bindings).length > 0;
  const sameConflict = pending?.conflicts.find((conflict) => conflict.kind === 'same');
  const refused = pending !== null && pending.conflicts.some((conflict) => conflict.kind === 'prefix');

  return (
    <div className="shortcut-editor">
      <div className="shortcut-editor-bar">
        <p className="settings-hint">{t('settings.keyboard.hint')}</p>
        <button
          type="button"
          className="secondary-button"
          disabled={!overridden}
          onClick={() => {
            setPending(null);
            onChange({});
          }}
        >
          {t('settings.keyboard.resetAll')}
        </button>
      </div>
      {commandGroups.map((group) => (
        <section key={group} className="shortcut-group">
          <h3>{t(commandGroupKey(group))}</h3>
          <table className="shortcut-table shortcut-edit-table">
            <tbody>
              {commandIds
                .filter((id) => commandCatalogue[id].group === group)
                .map((id) => {
                  const capturing = capture?.id === id;
                  const isPending = pending !== null && pending.id === id;
                  return (
                    <Fragment key={id}>
                      <tr className={capturing ? 'is-capturing' : undefined}>
                        <th scope="row">{t(commandTitleKey(id))}</th>
                        <td className="shortcut-keys" aria-live={capturing ? 'polite' : undefined}>
                          {capturing ? (
                            <span className="shortcut-capture">{capture.chords.length > 0 ? t('settings.keyboard.capturing', { keys: formatKeys(capture.chords.join(' '), isMac, t) }) : t('settings.keyboard.pressKey')}</span>
                          ) : (
                            keyLabels(keysFor(id, bindings))
                          )}
                        </td>
                        <td className="shortcut-actions">
                          <button
                            type="button"
                            className="tool-button"
                            aria-label={t('settings.keyboard.changeLabel', { command: t(commandTitleKey(id)) })}
                            aria-pressed={capturing}
                            onClick={() => {
                              setPending(null);
                              setCapture(capturing ? null : { id, chords: [] });
                            }}
                          >
                            {capturing ? t('common.cancel') : t('settings.keyboard.change')}
                          </button>
                          <button
                            type="button"
                            className="tool-button"
                            aria-label={t('settings.keyboard.resetLabel', { command: t(commandTitleKey(id)) })}
                            disabled={bindings[id] === undefined}
                            onClick={() => onChange(resetKeys(bindings, id))}
                          >
                            {t('settings.keyboard.reset')}
                          </button>
                        </td>
                      </tr>
                      {isPending && pending ? (
                        <tr className="shortcut-conflict-row">
                          <td colSpan={3}>
                            <div className="shortcut-conflict" role="alert">
                              <span>
                                {refused ? (
                                  <Trans
                                    i18nKey="settings.keyboard.overlaps"
                                    values={{
                                      keys: formatKeys(pending.keys, isMac, t),
                                      conflicts: format.list(
                                        pending.conflicts.map((conflict) =>
                                          t('settings.keyboard.conflictItem', { keys: formatKeys(conflict.keys, isMac, t), command: t(commandTitleKey(conflict.id)) }),
                                        ),
                                      ),
                                    }}
                                    components={{ kbd: <kbd /> }}
                                  />
                                ) : (
                                  <Trans
                                    i18nKey="settings.keyboard.usedBy"
                                    values={{ keys: formatKeys(pending.keys, isMac, t), command: sameConflict ? t(commandTitleKey(sameConflict.id)) : '' }}
                                    components={{ kbd: <kbd /> }}
                                  />
                                )}
                              </span>
                              {!refused && sameConflict ? (
                                <button
                                  type="button"
                                  className="secondary-button"
                                  onClick={() => {
                                    onChange(swapKeys(bindings, pending.id, pending.keys, sameConflict.id));
                                    setPending(null);
                                  }}
                                >
                                  {t('settings.keyboard.swap')}
                                </button>
                              ) : null}
                              <button type="button" className="secondary-button" onClick={() => setPending(null)}>
                                {refused ? t('common.ok') : t('settings.keyboard.keep')}
                              </button>
                            </div>
                          </td>
                        </tr>
                      ) : null}
                    </Fragment>
                  );
                })}
            </tbody>
          </table>
        </section>
      ))}
    </div>
  );
}
