// @vitest-environment jsdom
/**
 * useStoreInTransition renders a store's changes in transitions, which React renders in slices and may commit well
 * after they read the store. Whatever happens between a render and its commit, what is on screen once things settle
 * is the store as it is then (a sidebar count must never stay on a value the library has left).
 */
import { act } from 'react';
import { createRoot } from 'react-dom/client';
import { afterEach, describe, expect, it } from 'vitest';
import { createStore, useStoreInTransition } from '../../../../renderer/state/store';

(globalThis as unknown as { IS_REACT_ACT_ENVIRONMENT: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

let cleanup: (() => void) | null = null;
afterEach(() => {
  cleanup?.();
  cleanup = null;
});

describe('useStoreInTransition', () => {
  it('shows the store as it is after a change is undone between a transition render and its commit', async () => {
    const store = createStore({ unread: 1 });
    /** Runs once inside the next render of the row, after the row has read the store: a change landing mid-render. */
    let duringRender: (() => void) | null = null;
    function Later() {
      const run = duringRender;
      duringRender = null;
      run?.();
      return null;
    }
    function Row() {
      const unread = useStoreInTransition(store, (state) => state.unread);
      return (
        <output>
          {unread}
          <Later />
        </output>
      );
    }
    const container = document.createElement('div');
    document.body.append(container);
    const root = createRoot(container);
    cleanup = () => {
      act(() => root.unmount());
      container.remove();
    };
    await act(async () => root.render(<Row />));
    expect(container.textContent).toBe('1');

    // An article is marked unread (1 → 2), and marked read again while the transition showing 2 renders (2 → 1).
    duringRender = () => store.set({ unread: 1 });
    await act(async () => store.set({ unread: 2 }));
    expect(store.get().unread).toBe(1);
    expect(container.textContent).toBe('1');
  });
});
