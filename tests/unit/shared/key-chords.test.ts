import { describe, expect, it } from 'vitest';
import { commandCatalogue, commandIds } from '../../../shared/commands';
import { KeySequenceResolver, chordOf, normaliseBinding } from '../../../shared/key-chords';

const key = (key: string, modifiers: Partial<{ ctrlKey: boolean; altKey: boolean; metaKey: boolean; shiftKey: boolean }> = {}) => ({
  key,
  ctrlKey: false,
  altKey: false,
  metaKey: false,
  shiftKey: false,
  ...modifiers,
});

describe('key chords', () => {
  it('reads letters, shifted letters, symbols and named keys as the catalogue writes them', () => {
    expect(chordOf(key('j'), false)).toBe('j');
    expect(chordOf(key('A', { shiftKey: true }), false)).toBe('shift+a');
    expect(chordOf(key('?', { shiftKey: true }), false)).toBe('?');
    expect(chordOf(key(' '), false)).toBe('space');
    expect(chordOf(key(' ', { shiftKey: true }), false)).toBe('shift+space');
    expect(chordOf(key('Escape'), false)).toBe('escape');
    expect(chordOf(key('Shift', { shiftKey: true }), false)).toBeNull();
  });

  it('maps mod to Ctrl on Windows/Linux and Cmd on macOS', () => {
    expect(chordOf(key('k', { ctrlKey: true }), false)).toBe('mod+k');
    expect(chordOf(key('k', { metaKey: true }), true)).toBe('mod+k');
    expect(chordOf(key('k', { ctrlKey: true }), true)).toBe('ctrl+k');
    expect(normaliseBinding('Ctrl+K', false)).toBe('mod+k');
    expect(normaliseBinding('Cmd+K', true)).toBe('mod+k');
  });

  it('resolves every default binding of the catalogue to its command', () => {
    for (const id of commandIds) {
      for (const binding of commandCatalogue[id].keys) {
        const resolver = new KeySequenceResolver();
        const chords = binding.split(' ');
        const results = chords.map((chord) => resolver.resolve(chord));
        expect(results.at(-1)).toEqual({ kind: 'command', id });
      }
    }
  });

  it('waits after g for the second key of a sequence', () => {
    const resolver = new KeySequenceResolver();
    expect(resolver.resolve('g')).toEqual({ kind: 'pending' });
    expect(resolver.resolve('s')).toEqual({ kind: 'command', id: 'go.starred' });
    expect(resolver.resolve('s')).toEqual({ kind: 'command', id: 'article.toggleStar' });
  });

  it('lets the key after an abandoned sequence act on its own', () => {
    const resolver = new KeySequenceResolver();
    resolver.resolve('g');
    expect(resolver.resolve('j')).toEqual({ kind: 'command', id: 'article.next' });
  });

  it('uses a rebound key instead of the default', () => {
    const resolver = new KeySequenceResolver({ 'article.next': ['l'] });
    expect(resolver.resolve('l')).toEqual({ kind: 'command', id: 'article.next' });
    expect(resolver.resolve('j')).toEqual({ kind: 'none' });
  });

  it('has no two commands on the same default key', () => {
    const seen = new Map<string, string>();
    for (const id of commandIds) {
      for (const binding of commandCatalogue[id].keys) {
        expect(seen.get(binding), `${binding} is bound to ${seen.get(binding)} and ${id}`).toBeUndefined();
        seen.set(binding, id);
      }
    }
  });
});
