import { useLayoutEffect, useRef } from 'react';
import type { CommandId, KeyBindings } from '../../shared/commands';
import { KeySequenceResolver, chordOf } from '../../shared/key-chords';
import { takeEarlyKeys } from './early-keys';

export const isMacPlatform = (): boolean => /Mac|iPhone|iPad/.test(navigator.platform);

function isTextEntry(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName);
}

/**
 * Runs catalogue commands from the keyboard anywhere in the window, except inside an open dialog and while the user
 * types into a field (where only Escape still acts).
 */
export function useCommandKeys(onCommand: (id: CommandId) => void, bindings: KeyBindings = {}): void {
  const handler = useRef(onCommand);
  handler.current = onCommand;

  // A layout effect, so the keys work from the moment the app is on screen (a passive effect runs a little later).
  useLayoutEffect(() => {
    const isMac = isMacPlatform();
    const resolver = new KeySequenceResolver(bindings);
    /** Handles one key; says whether it ran a command. */
    const onKeyDown = (event: KeyboardEvent): boolean => {
      if (event.defaultPrevented || event.isComposing) return false;
      // An open modal dialog owns the keyboard (even when focus fell back to the body, e.g. on a button that became
      // disabled): Escape closes it natively, letters go to its fields.
      if (document.querySelector('dialog[open]')) return false;
      if (isTextEntry(event.target) && event.key !== 'Escape') return false;
      const chord = chordOf(event, isMac);
      if (chord === null) return false;
      const resolution = resolver.resolve(chord);
      if (resolution.kind === 'none') return false;
      event.preventDefault();
      if (resolution.kind !== 'command') return false;
      handler.current(resolution.id);
      return true;
    };
    window.addEventListener('keydown', onKeyDown);
    // Keys pressed before the first render run in order, up to the first that runs a command. The keys after it were
    // typed at what that command opens (Ctrl+K then "import opml"), which is not on screen yet: run as commands they
    // would mark, open and move articles the user never meant to touch, so they are dropped instead.
    for (const event of takeEarlyKeys()) {
      if (onKeyDown(event)) break;
    }
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [bindings]);
}
