import { afterEach, describe, expect, it, vi } from 'vitest';
import { createReadMarks, storageJournal, type ReadMarksJournal } from '../../../../renderer/reader/read-marks';

/** A write that lands at once, recording what it wrote. */
const record = (writes: string[][]) => (ids: string[]) => {
  writes.push(ids);
  return Promise.resolve();
};

/** A window's writes that begin and never land: the page is gone before their transaction commits. */
const cutOffWrites = (writes: string[][]) => (ids: string[]) => {
  writes.push(ids);
  return new Promise<void>(() => undefined);
};

/** The next start writes what the journal kept, in one write; once that write has landed the journal is empty. */
async function nextStartWrites(journal: ReturnType<typeof memoryJournal>, ids: string[]) {
  const writes: string[][] = [];
  const next = createReadMarks(record(writes), 120, journal);
  next.recover();
  expect(writes).toEqual([ids]);
  await settled();
  expect(journal.ids).toEqual([]);
  return { next, writes };
}

function memoryJournal(): ReadMarksJournal & { ids: string[] } {
  const journal = {
    ids: [] as string[],
    read: () => [...journal.ids],
    replace: (ids: readonly string[]) => void (journal.ids = [...ids]),
  };
  return journal;
}

/** Lets promise callbacks run. */
const settled = () => new Promise((resolve) => setTimeout(resolve, 0));

afterEach(() => {
  vi.useRealTimers();
});

describe('read marks on open', () => {
  it('marks an article a moment after it opens, and a run of articles passed over in one write', () => {
    vi.useFakeTimers();
    const writes: string[][] = [];
    const marks = createReadMarks(record(writes), 120, memoryJournal());
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
    const marks = createReadMarks(record(writes), 120, memoryJournal());
    marks.add('a');
    marks.add('a');
    marks.flush();
    vi.advanceTimersByTime(500);
    marks.flush();
    expect(writes).toEqual([['a']]);
  });

  it('writes nothing for an article dropped while it waits (read already), and the rest as before', () => {
    vi.useFakeTimers();
    const writes: string[][] = [];
    const marks = createReadMarks(record(writes), 120, memoryJournal());
    marks.add('a');
    marks.add('b');
    // 'a' was marked read by hand; then (the wait not over) unread by hand again: the mark must not undo that.
    marks.drop('a');
    vi.advanceTimersByTime(120);
    expect(writes).toEqual([['b']]);
    marks.add('c');
    marks.drop('c');
    vi.advanceTimersByTime(500);
    marks.flush();
    expect(writes).toEqual([['b']]);
  });

  it('keeps what waits when the window goes away in the journal until its write lands, and writes it at the next start', async () => {
    const journal = memoryJournal();
    // The window's write is begun as it goes away and never lands (the page is gone before it commits).
    const cutOff: string[][] = [];
    const gone = createReadMarks(cutOffWrites(cutOff), 120, journal);
    gone.add('a');
    gone.add('b');
    gone.leave();
    expect(cutOff).toEqual([['a', 'b']]);
    expect(journal.ids).toEqual(['a', 'b']);

    const { next, writes } = await nextStartWrites(journal, ['a', 'b']);
    // Nothing waits, so leaving again keeps nothing and writes nothing.
    next.leave();
    expect({ writes, journal: journal.ids }).toEqual({ writes: [['a', 'b']], journal: [] });
  });

  it('keeps a mark whose batch write has begun but not landed when the window goes away, and writes it at the next start', async () => {
    vi.useFakeTimers();
    const journal = memoryJournal();
    // The batch's timer fires and its write begins; the reload comes before that write's transaction commits.
    const cutOff: string[][] = [];
    const gone = createReadMarks(cutOffWrites(cutOff), 120, journal);
    gone.add('a');
    vi.advanceTimersByTime(120);
    expect(cutOff).toEqual([['a']]);
    gone.add('b');
    gone.leave();
    // 'a' is not written again by this window (its write is under way) but is kept with 'b' for the next start.
    expect(cutOff).toEqual([['a'], ['b']]);
    expect(journal.ids).toEqual(['a', 'b']);
    vi.useRealTimers();

    await nextStartWrites(journal, ['a', 'b']);
  });

  it('keeps a mark written after the delay chosen in Settings until that write lands', async () => {
    const journal = memoryJournal();
    let land = () => undefined as void;
    const writes: string[][] = [];
    const marks = createReadMarks((ids) => {
      writes.push(ids);
      return new Promise<void>((resolve) => (land = resolve));
    }, 120, journal);
    marks.writeNow(['a']);
    expect(writes).toEqual([['a']]);
    marks.leave();
    expect(journal.ids).toEqual(['a']);
    land();
    await settled();
    expect(journal.ids).toEqual([]);
  });

  it('a landed batch write leaves nothing to keep, and one read already (dropped) is not kept', async () => {
    vi.useFakeTimers();
    const journal = memoryJournal();
    const writes: string[][] = [];
    const marks = createReadMarks((ids) => {
      writes.push(ids);
      return ids.includes('slow') ? new Promise(() => undefined) : Promise.resolve();
    }, 120, journal);
    marks.add('a');
    vi.advanceTimersByTime(120);
    vi.useRealTimers();
    await settled();
    marks.writeNow(['slow']);
    // Seen read (by hand, say) while its write was under way: a journal would undo an "unread" pressed after it.
    marks.drop('slow');
    marks.leave();
    expect(writes).toEqual([['a'], ['slow']]);
    expect(journal.ids).toEqual([]);
  });

  it('a write that fails leaves its marks in the journal for the next start; one that lands removes only its own', async () => {
    const journal = memoryJournal();
    const failing = createReadMarks(() => Promise.reject(new Error('disk full')), 120, journal);
    failing.add('a');
    failing.leave();
    await settled();
    expect(journal.ids).toEqual(['a']);

    const marks = createReadMarks(record([]), 120, journal);
    marks.add('b');
    marks.leave();
    expect(journal.ids).toEqual(['a', 'b']);
    await settled();
    expect(journal.ids).toEqual(['a']);
  });

  it('reads a journal that is missing, refused or not a list of ids as empty', () => {
    const values = new Map<string, string>();
    const storage = {
      getItem: (key: string) => values.get(key) ?? null,
      setItem: (key: string, value: string) => void values.set(key, value),
      removeItem: (key: string) => void values.delete(key),
    } as unknown as Storage;
    const journal = storageJournal(storage, 'marks');
    expect(journal.read()).toEqual([]);
    journal.replace(['a', 'b']);
    expect(journal.read()).toEqual(['a', 'b']);
    for (const bad of ['{', '{"a":1}', '"a"', 'null']) {
      values.set('marks', bad);
      expect(journal.read()).toEqual([]);
    }
    values.set('marks', '["a",2,null,"b"]');
    expect(journal.read()).toEqual(['a', 'b']);
    journal.replace([]);
    expect(values.has('marks')).toBe(false);

    expect(storageJournal(undefined, 'marks').read()).toEqual([]);
    const refusing = { getItem: () => { throw new Error('denied'); }, setItem: () => { throw new Error('quota'); }, removeItem: () => undefined } as unknown as Storage;
    expect(storageJournal(refusing, 'marks').read()).toEqual([]);
    expect(() => storageJournal(refusing, 'marks').replace(['a'])).not.toThrow();
  });
});
