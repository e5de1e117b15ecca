/**
 * Rebinding a command's keys: which other command a key would clash with, and the overrides that result from a
 * change, a swap or a reset. Pure, so the Settings dialog's rules are tested without a browser.
 */
import type { CommandId, KeyBindings } from '../../../shared/commands';
import { commandCatalogue, commandIds, keysFor } from '../../../shared/commands';

export interface KeyConflict {
  /** The command that already uses the key. */
  id: CommandId;
  /** Its key that clashes. */
  keys: string;
  /**
   * `same`: the very same key (a swap can resolve it). `prefix`: one is the start of the other's sequence
   * (`g` against `g a`), so one of them could never be typed; refused.
   */
  kind: 'same' | 'prefix';
}

function clash(a: string, b: string): KeyConflict['kind'] | null {
  if (a === b) return 'same';
  if (a.startsWith(`${b} `) || b.startsWith(`${a} `)) return 'prefix';
  return null;
}

/** The commands other than `id` whose keys clash with `keys`. */
export function conflictsFor(id: CommandId, keys: string, overrides: KeyBindings): KeyConflict[] {
  const found: KeyConflict[] = [];
  for (const other of commandIds) {
    if (other === id) continue;
    for (const existing of keysFor(other, overrides)) {
      const kind = clash(keys, existing);
      if (kind) found.push({ id: other, keys: existing, kind });
    }
  }
  return found;
}

function sameKeys(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((key, index) => key === b[index]);
}

/** Sets a command's keys, dropping the override when they equal the default (so "Reset all" finds nothing left). */
export function withKeys(overrides: KeyBindings, id: CommandId, keys: readonly string[]): KeyBindings {
  const next: KeyBindings = { ...overrides };
  if (sameKeys(keys, commandCatalogue[id].keys)) delete next[id];
  else next[id] = [...keys];
  return next;
}

/** Binds `keys` as the only key of `id`. */
export function bindKeys(overrides: KeyBindings, id: CommandId, keys: string): KeyBindings {
  return withKeys(overrides, id, [keys]);
}

/**
 * Binds `keys` to `id` and hands the command that had it the keys `id` used to have (those that clash with
 * nothing else), so neither command is left without a key when it can be helped.
 */
export function swapKeys(overrides: KeyBindings, id: CommandId, keys: string, other: CommandId): KeyBindings {
  const previous = keysFor(id, overrides);
  let next = bindKeys(overrides, id, keys);
  const kept = keysFor(other, next).filter((key) => key !== keys);
  const handed = previous.filter((key) => key !== keys && conflictsFor(other, key, next).every((conflict) => conflict.id === id));
  next = withKeys(next, other, [...kept, ...handed]);
  return next;
}

export function resetKeys(overrides: KeyBindings, id: CommandId): KeyBindings {
  const next: KeyBindings = { ...overrides };
  delete next[id];
  return next;
}

/** Settings store the bindings as plain arrays. */
export function toStored(bindings: KeyBindings): Record<string, string[]> {
  const stored: Record<string, string[]> = {};
  for (const [id, keys] of Object.entries(bindings)) if (keys) stored[id] = [...keys];
  return stored;
}
