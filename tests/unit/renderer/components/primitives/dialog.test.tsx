// @vitest-environment jsdom
/**
 * A dialog closed with Escape and asked open again at once (Esc, then Ctrl+K for the palette) opens again, even when
 * the browser runs the second key before the first one's close event: Chromium queues a <dialog>'s close event as a
 * task of its own and runs input first, so on a busy machine the store still said "open" when Ctrl+K came, and the
 * close event then shut the palette the person had just asked for. jsdom has no modal dialogs, so the element's
 * showModal and close are stood in for as the HTML spec has them: close sets `open` and queues the close event (here:
 * held, to fire when the test says); Escape fires cancel in its own task, then closes.
 */
import { act, useSyncExternalStore } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Dialog } from '../../../../../renderer/components/primitives/Dialog';

(globalThis as unknown as { IS_REACT_ACT_ENVIRONMENT: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

/** Close events the "browser" has queued and not yet run. */
let queuedCloseEvents: Array<() => void> = [];

beforeEach(() => {
  HTMLDialogElement.prototype.showModal = function showModal(this: HTMLDialogElement) {
    this.open = true;
  };
  HTMLDialogElement.prototype.close = function close(this: HTMLDialogElement) {
    if (!this.open) return;
    this.open = false;
    queuedCloseEvents.push(() => this.dispatchEvent(new Event('close')));
  };
});

/** The person presses Escape in the dialog: cancel, then the dialog closes; its close event waits in the queue. */
function pressEscape(dialog: HTMLDialogElement): void {
  if (dialog.dispatchEvent(new Event('cancel', { cancelable: true }))) dialog.close();
}

function runQueuedCloseEvents(): void {
  for (const fire of queuedCloseEvents.splice(0)) fire();
}

/** The window's UI store, as far as one dialog goes. */
function createOpenStore() {
  let open = false;
  const listeners = new Set<() => void>();
  return {
    get: () => open,
    set(next: boolean) {
      open = next;
      for (const listener of listeners) listener();
    },
    subscribe(listener: () => void) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

function Palette({ store }: { store: ReturnType<typeof createOpenStore> }) {
  const open = useSyncExternalStore(store.subscribe, store.get);
  return (
    <Dialog open={open} title="Command palette" onClose={() => store.set(false)}>
      <input aria-label="Command" />
    </Dialog>
  );
}

describe('Dialog', () => {
  let root: Root;
  let host: HTMLElement;
  beforeEach(() => {
    queuedCloseEvents = [];
    host = document.createElement('div');
    document.body.append(host);
    root = createRoot(host);
  });
  afterEach(() => {
    act(() => root.unmount());
    host.remove();
  });

  it('opens again when asked right after Escape, before the close event of Escape has run', async () => {
    const store = createOpenStore();
    await act(async () => root.render(<Palette store={store} />));
    await act(async () => store.set(true));
    const dialog = host.querySelector('dialog') as HTMLDialogElement;
    expect(dialog.open).toBe(true);

    // Escape, then Ctrl+K as the next task, then (late) Escape's close event.
    await act(async () => pressEscape(dialog));
    expect(store.get()).toBe(false);
    await act(async () => store.set(true));
    await act(async () => runQueuedCloseEvents());

    expect(store.get()).toBe(true);
    expect(dialog.open).toBe(true);
    expect(host.querySelector('input[aria-label="Command"]')).not.toBeNull();
  });

  it('closes with Escape, and with the close button, and tells its owner once it is closed', async () => {
    const store = createOpenStore();
    await act(async () => root.render(<Palette store={store} />));
    await act(async () => store.set(true));
    const dialog = host.querySelector('dialog') as HTMLDialogElement;

    await act(async () => pressEscape(dialog));
    await act(async () => runQueuedCloseEvents());
    expect(store.get()).toBe(false);
    expect(dialog.open).toBe(false);

    await act(async () => store.set(true));
    expect(dialog.open).toBe(true);
    await act(async () => (host.querySelector('.dialog-header button') as HTMLButtonElement).click());
    await act(async () => runQueuedCloseEvents());
    expect(store.get()).toBe(false);
    expect(dialog.open).toBe(false);
  });
});
