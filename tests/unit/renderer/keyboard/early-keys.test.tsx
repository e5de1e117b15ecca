// @vitest-environment jsdom
/**
 * Keys pressed as the window appears, before the first render: the first command among them runs once the command
 * keys listen; what was typed after it (meant for what that command opens) is not run as commands.
 */
import { act } from 'react';
import { createRoot } from 'react-dom/client';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { CommandId } from '../../../../shared/commands';

// Keys are kept once per page load; each test is a fresh page's modules.
let keepEarlyKeys: () => void;
let useCommandKeys: (onCommand: (id: CommandId) => void) => void;
beforeEach(async () => {
  vi.resetModules();
  ({ keepEarlyKeys } = await import('../../../../renderer/keyboard/early-keys'));
  ({ useCommandKeys } = await import('../../../../renderer/keyboard/use-command-keys'));
});

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

const press = (key: string, init: KeyboardEventInit = {}) => window.dispatchEvent(new KeyboardEvent('keydown', { key, bubbles: true, cancelable: true, ...init }));

function CommandKeys({ ran }: { ran: CommandId[] }) {
  useCommandKeys((id) => ran.push(id));
  return null;
}

let unmount: (() => void) | null = null;
afterEach(() => {
  unmount?.();
  unmount = null;
});

function mount(ran: CommandId[]) {
  const container = document.createElement('div');
  document.body.append(container);
  const root = createRoot(container);
  act(() => root.render(<CommandKeys ran={ran} />));
  unmount = () => act(() => root.unmount());
}

describe('keys pressed before the first render', () => {
  it('run the first command and drop the text typed after it', () => {
    keepEarlyKeys();
    press('k', { ctrlKey: true });
    for (const key of 'import opml') press(key);
    const ran: CommandId[] = [];
    mount(ran);
    expect(ran).toEqual(['palette.open']);
    // Once listening, keys act as they are pressed.
    press('j');
    expect(ran).toEqual(['palette.open', 'article.next']);
  });

  it('a lone key pressed as the window appears still acts', () => {
    keepEarlyKeys();
    press('a');
    const ran: CommandId[] = [];
    mount(ran);
    expect(ran).toEqual(['feed.add']);
  });
});
