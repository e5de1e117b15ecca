/**
 * A person reading the list or an article is seen before their first request (renderer/library/reading-input.ts): the
 * wheel, a pointer press and the scrolling keys; not a pointer passing over, a scroll the list made itself, or keys
 * that do not scroll (Shift+R starts a sync).
 */
import { describe, expect, it, vi } from 'vitest';
import { listenForReading } from '../../../../renderer/library/reading-input';

function keydown(key: string): Event {
  return Object.assign(new Event('keydown'), { key });
}

describe('reading input in the list and the reader', () => {
  it('calls onReading on the wheel, a pointer press and the scrolling keys, passively', () => {
    const target = new EventTarget();
    const added = vi.spyOn(target, 'addEventListener');
    const onReading = vi.fn();
    const stop = listenForReading(target, onReading);
    for (const [, , options] of added.mock.calls) expect(options).toMatchObject({ passive: true });
    target.dispatchEvent(new Event('wheel'));
    target.dispatchEvent(new Event('pointerdown'));
    for (const key of ['ArrowDown', 'ArrowUp', 'PageDown', 'PageUp', 'Home', 'End']) target.dispatchEvent(keydown(key));
    expect(onReading).toHaveBeenCalledTimes(8);
    stop();
    target.dispatchEvent(new Event('wheel'));
    expect(onReading).toHaveBeenCalledTimes(8);
  });

  it('ignores a pointer passing over, a scroll the list makes itself and keys that do not scroll', () => {
    const target = new EventTarget();
    const onReading = vi.fn();
    listenForReading(target, onReading);
    for (const type of ['pointermove', 'mousemove', 'pointerover', 'scroll']) target.dispatchEvent(new Event(type));
    for (const key of ['R', 'r', 'a', 'Shift']) target.dispatchEvent(keydown(key));
    expect(onReading).not.toHaveBeenCalled();
  });
});
