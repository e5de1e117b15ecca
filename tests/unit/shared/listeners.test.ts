import { describe, expect, it, vi } from 'vitest';
import { createListeners } from '../../../shared/listeners';

describe('createListeners', () => {
  it('tells every listener in the order they were added, and stops telling one once removed', () => {
    const listeners = createListeners<number>();
    const heard: string[] = [];
    listeners.add((n) => heard.push(`a${n}`));
    const removeB = listeners.add((n) => heard.push(`b${n}`));
    listeners.emit(1);
    removeB();
    listeners.emit(2);
    expect(heard).toEqual(['a1', 'b1', 'a2']);
    expect(listeners.size).toBe(1);
  });

  it('goes on to the next listener when one throws, and does not throw at the producer, but says so on the console', () => {
    const logged = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const listeners = createListeners();
    let calls = 0;
    listeners.add(() => {
      throw new Error('broken view');
    });
    listeners.add(() => {
      calls += 1;
    });
    expect(() => listeners.emit()).not.toThrow();
    expect(calls).toBe(1);
    expect(logged).toHaveBeenCalledWith(expect.any(String), new Error('broken view'));
    logged.mockRestore();
  });
});
