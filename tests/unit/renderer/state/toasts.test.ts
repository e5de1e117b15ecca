import { afterEach, describe, expect, it, vi } from 'vitest';
import { createUiStore, dismissToast, showToast, TOAST_MS } from '../../../../renderer/state/ui-store';

afterEach(() => {
  vi.useRealTimers();
});

describe('toasts', () => {
  it('news leaves on its own; an error stays until it is dismissed', () => {
    vi.useFakeTimers();
    const ui = createUiStore();
    showToast(ui, { kind: 'info', message: 'Imported 3 feeds' });
    showToast(ui, { kind: 'error', message: 'Could not load the full text' });
    vi.advanceTimersByTime(TOAST_MS * 10);
    const left = ui.get().toasts;
    expect(left.map((toast) => toast.message)).toEqual(['Could not load the full text']);
    dismissToast(ui, left[0]!.id);
    expect(ui.get().toasts).toEqual([]);
  });

  it('keeps at most four, the newest, so errors left standing cannot pile up', () => {
    const ui = createUiStore();
    for (let n = 1; n <= 6; n++) showToast(ui, { kind: 'error', message: `failure ${n}` });
    expect(ui.get().toasts.map((toast) => toast.message)).toEqual(['failure 3', 'failure 4', 'failure 5', 'failure 6']);
  });

  it('dismissing one of two toasts shown in the same millisecond leaves the other', () => {
    vi.useFakeTimers();
    vi.setSystemTime(Date.UTC(2026, 0, 1));
    const random = vi.spyOn(Math, 'random').mockReturnValue(0.5);
    const ui = createUiStore();
    showToast(ui, { kind: 'error', message: 'first' });
    showToast(ui, { kind: 'error', message: 'second' });
    random.mockRestore();
    dismissToast(ui, ui.get().toasts[0]!.id);
    expect(ui.get().toasts.map((toast) => toast.message)).toEqual(['second']);
  });
});
