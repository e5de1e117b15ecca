import { describe, expect, it } from 'vitest';
import { keysFor } from '../../../../../shared/commands';
import { KeySequenceResolver } from '../../../../../shared/key-chords';
import { bindKeys, conflictsFor, resetKeys, swapKeys, withKeys } from '../../../../../renderer/components/settings/shortcut-bindings';

describe('conflictsFor', () => {
  it('finds no conflict for a free key', () => {
    expect(conflictsFor('article.next', 'l', {})).toEqual([]);
  });

  it('names the command that already has the key', () => {
    expect(conflictsFor('article.next', 'k', {})).toEqual([{ id: 'article.previous', keys: 'k', kind: 'same' }]);
  });

  it('ignores the command being changed', () => {
    expect(conflictsFor('article.next', 'j', {})).toEqual([]);
  });

  it('reports a key that starts another command’s sequence as a prefix clash', () => {
    const found = conflictsFor('article.next', 'g', {});
    expect(found.map((conflict) => conflict.id).sort()).toEqual(['go.all', 'go.starred', 'go.unread']);
    expect(found.every((conflict) => conflict.kind === 'prefix')).toBe(true);
  });

  it('reads overrides, not only the defaults', () => {
    expect(conflictsFor('article.previous', 'l', { 'article.next': ['l'] })).toEqual([{ id: 'article.next', keys: 'l', kind: 'same' }]);
    expect(conflictsFor('article.previous', 'j', { 'article.next': ['l'] })).toEqual([]);
  });
});

describe('bindKeys and resetKeys', () => {
  it('rebinds a command so the resolver runs it from the new key only', () => {
    const overrides = bindKeys({}, 'article.next', 'l');
    const resolver = new KeySequenceResolver(overrides);
    expect(resolver.resolve('l')).toEqual({ kind: 'command', id: 'article.next' });
    expect(resolver.resolve('j')).toEqual({ kind: 'none' });
  });

  it('drops the override when the keys equal the default', () => {
    expect(bindKeys({ 'article.next': ['l'] }, 'article.next', 'j')).toEqual({});
    expect(withKeys({}, 'article.open', ['o', 'enter'])).toEqual({});
  });

  it('reset restores the default keys', () => {
    const overrides = resetKeys(bindKeys({}, 'article.next', 'l'), 'article.next');
    expect(keysFor('article.next', overrides)).toEqual(['j']);
  });
});

describe('swapKeys', () => {
  it('gives the key to the command and its old key to the other', () => {
    const overrides = swapKeys({}, 'article.next', 'k', 'article.previous');
    expect(keysFor('article.next', overrides)).toEqual(['k']);
    expect(keysFor('article.previous', overrides)).toEqual(['j']);
  });

  it('keeps the other command’s remaining keys', () => {
    const overrides = swapKeys({}, 'article.toggleRead', 'enter', 'article.open');
    expect(keysFor('article.open', overrides)).toEqual(['o', 'm']);
    expect(keysFor('article.toggleRead', overrides)).toEqual(['enter']);
  });
});
