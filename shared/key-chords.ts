/**
 * Turns keyboard events into the key strings of the command catalogue and resolves them, with sequences
 * (`g a`), to command ids. Pure, so the renderer's handler and the Electron menu agree on what a key means.
 */
import type { CommandId, KeyBindings } from './commands';
import { commandIds, keysFor } from './commands';

export interface KeyEventLike {
  key: string;
  ctrlKey: boolean;
  altKey: boolean;
  metaKey: boolean;
  shiftKey: boolean;
}

const NAMED_KEYS: Record<string, string> = { ' ': 'space', Spacebar: 'space' };

/** `shift+a`, `mod+k`, `?`, `space`…; null for a lone modifier key. */
export function chordOf(event: KeyEventLike, isMac: boolean): string | null {
  if (['Shift', 'Control', 'Alt', 'Meta', 'CapsLock', 'Dead'].includes(event.key)) return null;
  const key = NAMED_KEYS[event.key] ?? event.key.toLowerCase();
  // A printed symbol already says whether shift was held (`?` is shift+/), so shift is only kept for letters and named keys.
  const isSymbol = event.key.length === 1 && !(event.key in NAMED_KEYS) && !/[a-z]/i.test(event.key);
  const parts: string[] = [];
  const modPressed = isMac ? event.metaKey : event.ctrlKey;
  if (modPressed) parts.push('mod');
  if (isMac && event.ctrlKey) parts.push('ctrl');
  if (!isMac && event.metaKey) parts.push('meta');
  if (event.altKey) parts.push('alt');
  if (event.shiftKey && !isSymbol) parts.push('shift');
  parts.push(key);
  return parts.join('+');
}

/** Normalises a user-written binding (`Ctrl+K`, `cmd+k`) to catalogue syntax. */
export function normaliseBinding(binding: string, isMac: boolean): string {
  return binding
    .trim()
    .toLowerCase()
    .split(/\s+/)
    .map((chord) =>
      chord
        .split('+')
        .map((part) => {
          if (part === 'cmd' || part === 'command') return isMac ? 'mod' : 'meta';
          if (part === 'control' || (part === 'ctrl' && !isMac)) return 'mod';
          if (part === 'option') return 'alt';
          if (part === 'esc') return 'escape';
          return part;
        })
        .join('+'),
    )
    .join(' ');
}

export type KeyResolution = { kind: 'command'; id: CommandId } | { kind: 'pending' } | { kind: 'none' };

/** Resolves chords one at a time, remembering a pending sequence prefix. */
export class KeySequenceResolver {
  private pending: string[] = [];
  private readonly table = new Map<string, CommandId>();
  private readonly prefixes = new Set<string>();

  constructor(overrides: KeyBindings = {}) {
    for (const id of commandIds) {
      for (const keys of keysFor(id, overrides)) {
        this.table.set(keys, id);
        const chords = keys.split(' ');
        for (let length = 1; length < chords.length; length++) this.prefixes.add(chords.slice(0, length).join(' '));
      }
    }
  }

  resolve(chord: string): KeyResolution {
    const sequence = [...this.pending, chord].join(' ');
    const id = this.table.get(sequence);
    if (id) {
      this.pending = [];
      return { kind: 'command', id };
    }
    if (this.prefixes.has(sequence)) {
      this.pending.push(chord);
      return { kind: 'pending' };
    }
    this.pending = [];
    // A failed sequence still lets its last key act alone (`g` then `j` moves on).
    const single = sequence === chord ? undefined : this.table.get(chord);
    return single ? { kind: 'command', id: single } : { kind: 'none' };
  }

  reset(): void {
    this.pending = [];
  }
}
