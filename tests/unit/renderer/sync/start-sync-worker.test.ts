// @vitest-environment jsdom
/**
 * The sync worker is made only once the window says so (at start-up, when the saved search index is usable), and
 * nothing the window asked of it before is lost: its requests reach the worker then, in order.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { startSyncWorker } from '../../../../renderer/sync/start-sync-worker';

/** Stands in for the Worker (jsdom has none): records what is posted to it. */
class StandInWorker extends EventTarget {
  static made: StandInWorker[] = [];
  posted: unknown[] = [];
  constructor() {
    super();
    StandInWorker.made.push(this);
  }
  postMessage(message: unknown): void {
    this.posted.push(message);
  }
}

afterEach(() => {
  vi.unstubAllGlobals();
  StandInWorker.made = [];
});

describe('starting the sync worker', () => {
  it('makes the worker when told to, and hands it what was asked before, in order', async () => {
    vi.stubGlobal('Worker', StandInWorker);
    let go = () => undefined as void;
    const client = startSyncWorker('library', new Promise<void>((resolve) => (go = resolve)));
    const port = new MessageChannel().port2;
    client.sendArticlesTo(port);
    await Promise.resolve();
    expect(StandInWorker.made).toHaveLength(0);

    go();
    await vi.waitFor(() => expect(StandInWorker.made).toHaveLength(1));
    const types = StandInWorker.made[0]!.posted.map((message) => (message as { type: string }).type);
    expect(types).toEqual(['init', 'search-port']);
  });
});
