import { useCallback, useEffect, useRef, useState } from 'react';
import type { CommandId } from '../../shared/commands';

/** Commands that act on the rows of the article list; the others do not need it loaded. */
const LIST_COMMANDS: ReadonlySet<CommandId> = new Set<CommandId>([
  'article.next',
  'article.previous',
  'article.nextUnread',
  'article.previousUnread',
  'article.pageDown',
  'article.pageUp',
  'article.open',
  'view.markAllRead',
]);
/** More held keys than anyone types while a list loads would be a stuck list: those are not kept. */
const MAX_HELD = 20;

/**
 * While the article list of the current view is still loading (just after switching views or subscribing), keys
 * that act on the list (`j`, `k`, `n`, `p`, space, …) are held and run in order once the list has loaded, instead of
 * meeting an empty list and being lost; any key pressed after a held one waits behind it. Held keys belong to the
 * view they were pressed in: switching views drops them.
 * Returns `hold(id)`: true when the command was held (the caller must not run it now).
 */
export function useHeldListCommands(listReady: boolean, viewKey: string, run: (id: CommandId) => void): (id: CommandId) => boolean {
  const held = useRef<{ id: CommandId; viewKey: string }[]>([]);
  // Bumped as commands are held and replayed, so that each replay runs after the previous one has rendered (a second
  // `j` must see the selection the first one made).
  const [changes, setChanges] = useState(0);
  const runRef = useRef(run);
  /** True while a held command runs (it goes through `hold` again and must not be held a second time). */
  const replaying = useRef(false);
  useEffect(() => {
    runRef.current = run;
  });

  useEffect(() => {
    if (!listReady) return;
    held.current = held.current.filter((command) => command.viewKey === viewKey);
    const next = held.current.shift();
    if (next === undefined) return;
    replaying.current = true;
    try {
      runRef.current(next.id);
    } finally {
      replaying.current = false;
    }
    setChanges((count) => count + 1);
  }, [listReady, viewKey, changes]);

  return useCallback(
    (id: CommandId) => {
      // Other keys wait only behind held ones, so `j` then `s` still bookmarks the article that `j` selects.
      if (replaying.current) return false;
      const waiting = held.current.length > 0;
      if (!waiting && (listReady || !LIST_COMMANDS.has(id))) return false;
      if (held.current.length < MAX_HELD) held.current.push({ id, viewKey });
      setChanges((count) => count + 1);
      return true;
    },
    [listReady, viewKey],
  );
}
