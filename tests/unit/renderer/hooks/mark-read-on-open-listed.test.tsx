// @vitest-environment jsdom
/**
 * "Mark read on open" leaves alone an article the list shows read. The reader may show an article from a read-ahead
 * copy that keeps the read mark it was read with (read ahead unread, then opened and marked, then opened again); a mark
 * queued from that copy undid an m pressed at once (m marks the other way from the row: unread), and the article the
 * person had just marked unread was read again a moment later. The mark still waits for an article listed unread.
 */
import { act, createElement } from 'react';
import { createRoot } from 'react-dom/client';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { CommandContext } from '../../../../renderer/commands/command-context';
import { useMarkReadOnOpen } from '../../../../renderer/hooks/use-mark-read-on-open';
import { freshDb } from '../../shared/db/test-db';

(globalThis as unknown as { IS_REACT_ACT_ENVIRONMENT: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

afterEach(() => localStorage.clear());

/** The reader showing article `id` as unread (its copy's mark), over a window whose list shows it `listedRead`. */
function openedFromCopy(listedRead: boolean) {
  const keep = vi.fn();
  const ctx = { db: freshDb(), shownList: { items: [{ id: 'a', read: listedRead }], keep } } as unknown as CommandContext;
  function Reader() {
    useMarkReadOnOpen(ctx, 'a', false, 'open', 0);
    return null;
  }
  const root = createRoot(document.createElement('div'));
  act(() => root.render(createElement(Reader)));
  // Closing the reader writes the marks still waiting at once (their write keeps the article listed first).
  return { queuedMark: () => (act(() => root.unmount()), keep.mock.calls.map(([id]) => id as string)) };
}

describe('mark read on open', () => {
  it('queues no mark for an article the list shows read, whatever the reader\'s copy says', () => {
    expect(openedFromCopy(true).queuedMark()).toEqual([]);
  });

  it('marks an article listed unread', () => {
    expect(openedFromCopy(false).queuedMark()).toEqual(['a']);
  });
});
