// @vitest-environment jsdom
import { act, Component, type ReactNode } from 'react';
import { createRoot } from 'react-dom/client';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createStore, useStoreInTransition } from '../../../../renderer/state/store';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

class Boundary extends Component<{ children: ReactNode }, { failed: boolean }> {
  override state = { failed: false };
  static getDerivedStateFromError() {
    return { failed: true };
  }
  override render() {
    return this.state.failed ? <p>failed</p> : this.props.children;
  }
}

afterEach(() => {
  vi.restoreAllMocks();
  document.body.innerHTML = '';
});

describe('useStoreInTransition', () => {
  it('a selector that throws on new state shows in its error boundary, and the other readers still follow the store', async () => {
    vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const store = createStore({ n: 1 });
    // A row whose selector cannot read the new state (a bug), subscribed before a healthy reader.
    const Broken = () => {
      const n = useStoreInTransition(store, (state) => {
        if (state.n === 2) throw new Error('a selector bug');
        return state.n;
      });
      return <span>broken {n}</span>;
    };
    const Healthy = () => <span>healthy {useStoreInTransition(store, (state) => state.n)}</span>;
    const host = document.createElement('div');
    document.body.append(host);
    const root = createRoot(host);
    await act(async () => {
      root.render(
        <>
          <Boundary>
            <Broken />
          </Boundary>
          <Healthy />
        </>,
      );
    });
    expect(host.textContent).toBe('broken 1healthy 1');

    await act(async () => {
      store.set({ n: 2 });
    });
    expect(host.textContent).toBe('failedhealthy 2');
    await act(async () => root.unmount());
  });
});
