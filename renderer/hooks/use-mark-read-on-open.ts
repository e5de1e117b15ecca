import { useEffect, useRef, useState } from 'react';
import type { Settings } from '../../shared/db';
import { markRead } from '../../shared/db';
import type { CommandContext } from '../commands/command-context';
import { createReadMarks } from '../reader/read-marks';

/** How long after an article is on screen "mark read on open" writes (bench/ui: the write and the refreshes it sets off stay out of the opening). */
const MARK_ON_OPEN_MS = 120;

/**
 * Marks the open article read, per the setting: on open (just after it shows), after a delay, or never. The list
 * keeps it listed (an unread-only list does not drop the article being read).
 */
export function useMarkReadOnOpen(ctx: CommandContext, articleId: string | null, read: boolean, markReadOn: Settings['markReadOn'], delaySeconds: number): void {
  const latest = useRef(ctx);
  latest.current = ctx;
  const [marks] = useState(() => createReadMarks((ids) => markListedRead(latest.current, ids), MARK_ON_OPEN_MS));
  useEffect(() => () => marks.flush(), [marks]);
  useEffect(() => {
    if (!articleId || read || markReadOn === 'manual') return;
    // An article passed over sooner than that is still marked: it stays waiting and joins the next one's write.
    if (markReadOn === 'open') return void marks.add(articleId);
    const timer = setTimeout(() => markListedRead(latest.current, [articleId]), delaySeconds * 1000);
    return () => clearTimeout(timer);
  }, [articleId, markReadOn, delaySeconds]); // eslint-disable-line react-hooks/exhaustive-deps -- read only gates the start
}

function markListedRead(ctx: CommandContext, ids: string[]): void {
  for (const id of ids) ctx.shownList.keep(id);
  void markRead(ctx.db, ids);
}
