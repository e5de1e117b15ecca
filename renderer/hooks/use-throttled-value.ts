import { useEffect, useRef, useState } from 'react';

/**
 * `value`, passed on at most once per `everyMs`: the first change at once, later ones at the end of the interval (the
 * last value always arrives). During a sync the unread total changes with every commit; the window title and the
 * host's badge are costly to set (a title change goes to the browser process) and need not follow each one.
 */
export function useThrottledValue<T>(value: T, everyMs: number): T {
  const [shown, setShown] = useState(value);
  const lastAt = useRef(-Infinity);
  useEffect(() => {
    if (Object.is(value, shown)) return;
    const wait = lastAt.current + everyMs - performance.now();
    const show = () => {
      lastAt.current = performance.now();
      setShown(value);
    };
    if (wait <= 0) {
      show();
      return;
    }
    const timer = setTimeout(show, wait);
    return () => clearTimeout(timer);
  }, [value, shown, everyMs]);
  return shown;
}
