import { afterEach, describe, expect, it, vi } from 'vitest';
import { createReadMarks } from '../../../../renderer/reader/read-marks';

afterEach(() => {
  vi.useRealTimers();
});

describe('read marks on open', () => {
  it('marks an article a moment after it opens, and a run of articles passed over in one write', () => {
    vi.useFakeTimers();
    const writes: string[][] = [];
    const marks = createReadMarks((ids) => writes.push(ids), 120);
    marks.add('a');
    vi.advanceTimersByTime(119);
    expect(writes).toEqual([]);
    vi.advanceTimersByTime(1);
    expect(writes).toEqual([['a']]);
    // Reading down quickly: each next article within the wait joins the same write.
    marks.add('b');
    vi.advanceTimersByTime(50);
    marks.add('c');
    vi.advanceTimersByTime(50);
    marks.add('d');
    vi.advanceTimersByTime(120);
    expect(writes).toEqual([['a'], ['b', 'c', 'd']]);
  });

  it('writes what is waiting when the reader goes away, and nothing twice', () => {
    vi.useFakeTimers();
    const writes: string[][] = [];
    const marks = createReadMarks((ids) => writes.push(ids), 120);
    marks.add('a');
    marks.add('a');
    marks.flush();
    vi.advanceTimersByTime(500);
    marks.flush();
    expect(writes).toEqual([['a']]);
  });
});
