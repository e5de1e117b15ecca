/**
 * The commands of a person reading (j, k, n, p, Space, the arrows, m, s…) say a person is near, whichever way they are
 * asked for (renderer/commands/run-command.ts), so a sync's merges turn small before the first article is opened
 * (renderer/library/person-turns.ts); starting a sync (r, Shift+R) or adding a feed does not.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { CommandId } from '../../../../shared/commands';
import type { CommandContext } from '../../../../renderer/commands/command-context';
import { runCommand } from '../../../../renderer/commands/run-command';
import { personLockName } from '../../../../renderer/library/person-turns';

afterEach(() => vi.restoreAllMocks());

/** What the window says on the person channels, as (channel name, message). */
function said(): Array<[string, unknown]> {
  const posts: Array<[string, unknown]> = [];
  vi.spyOn(BroadcastChannel.prototype, 'postMessage').mockImplementation(function (this: BroadcastChannel, message: unknown) {
    posts.push([this.name, message]);
  });
  return posts;
}

let libraries = 0;
/** A window over library `name`, enough for the commands run below (which find nothing selected to act on). */
function windowOver(name: string): CommandContext {
  return {
    db: { name },
    reader: { current: null },
    engine: { syncAll: () => Promise.resolve({ outcomes: [], newArticles: 0, errors: 0 }) },
    ui: { get: () => ({ selectedId: null }), set: () => undefined },
  } as unknown as CommandContext;
}

describe('commands of a person reading', () => {
  it.each<CommandId>(['article.pageUp', 'article.toggleRead'])('says a person is near on %s', (id) => {
    const posts = said();
    const name = `reading-${libraries++}`;
    runCommand(windowOver(name), id);
    expect(posts).toEqual([[personLockName(name), 'person']]);
  });

  it.each<CommandId>(['sync.all', 'feed.add'])('says nothing on %s: starting a sync or adding a feed is not reading', (id) => {
    const posts = said();
    runCommand(windowOver(`not-reading-${libraries++}`), id);
    expect(posts).toEqual([]);
  });
});
