import { useEffect, useRef, useState } from 'react';
import type { Settings } from '../../shared/db';
import { markRead } from '../../shared/db';
import type { CommandContext } from '../commands/command-context';
import { createReadMarks, storageJournal } from '../reader/read-marks';
import { asPerson } from '../library/person-turns';

/** How long after an article is on screen "mark read on open" writes (bench/ui: the write and the refreshes it sets off stay out of the opening). */
const MARK_ON_OPEN_MS = 120;

/** Where marks still waiting when the window went away are kept for the next start (renderer/reader/read-marks). */
const READ_MARKS_JOURNAL_KEY = 'broadsheet.readMarksWaiting';

/**
 * Marks the open article read, per the setting: on open (just after it shows), after a delay, or never. The list
 * keeps it listed (an unread-only list does not drop the article being read).
 */
export function useMarkReadOnOpen(ctx: CommandContext, articleId: string | null, read: boolean, markReadOn: Settings['markReadOn'], delaySeconds: number): void {
  const latest = useRef(ctx);
  latest.current = ctx;
  const [marks] = useState(() =>
    createReadMarks((ids) => markListedRead(latest.current, ids), MARK_ON_OPEN_MS, storageJournal(globalThis.localStorage, READ_MARKS_JOURNAL_KEY)),
  );
  useEffect(() => {
    marks.recover();
    // Closing or reloading the window runs no unmount: pagehide is the last word the page gets.
    const leave = () => marks.leave();
    window.addEventListener('pagehide', leave);
    return () => {
      window.removeEventListener('pagehide', leave);
      marks.flush();
    };
  }, [marks]);
  // Read already while its mark waits (m pressed at once, say): nothing left to write, and a write later would undo an
  // "unread" pressed after it.
  useEffect(() => {
    if (articleId && read) marks.drop(articleId);
  }, [marks, articleId, read]);
  useEffect(() => {
    if (!articleId || read || markReadOn === 'manual') return;
    // Listed as read: `read` may come from a read-ahead copy, which keeps the read mark it was read with (an article
    // read ahead, then opened and marked, then opened again). A mark queued from it would undo an m pressed at once,
    // which marks the article the other way from its row (article-actions.ts) before the reader's live row arrives.
    if (latest.current.shownList.items.find((item) => item.id === articleId)?.read) return;
    // An article passed over sooner than that is still marked: it stays waiting and joins the next one's write.
    if (markReadOn === 'open') return void marks.add(articleId);
    const timer = setTimeout(() => marks.writeNow([articleId]), delaySeconds * 1000);
    return () => clearTimeout(timer);
  }, [marks, articleId, markReadOn, delaySeconds]); // eslint-disable-line react-hooks/exhaustive-deps -- read only gates the start
}

/** Keeps the articles listed (an unread-only list does not drop them while they are read), then writes the marks. */
function markListedRead(ctx: CommandContext, ids: string[]): Promise<unknown> {
  for (const id of ids) ctx.shownList.keep(id);
  return asPerson(ctx.db, () => markRead(ctx.db, ids));
}
