/**
 * The search Worker is started before the app's bundle runs; what it says before the search service listens (its
 * progress while loading the saved index, the open's answer) reaches the service, in order.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { startSearchWorkerEarly, takeSearchWorker } from '../../../../renderer/search/start-search-worker';

/** Stands in for the Worker (Node has none): records what is posted, and lets the test send messages from it. */
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
  say(data: unknown): void {
    this.dispatchEvent(new MessageEvent('message', { data }));
  }
}

afterEach(() => {
  vi.unstubAllGlobals();
  StandInWorker.made = [];
});

describe('starting the search Worker early', () => {
  it('asks it to open the library at once and hands the service what it said before, then what it says after', () => {
    vi.stubGlobal('Worker', StandInWorker);
    startSearchWorkerEarly('library-a');
    const [worker] = StandInWorker.made;
    expect(worker?.posted).toEqual([{ type: 'open-library', requestId: -1, dbName: 'library-a' }]);
    worker?.say({ type: 'index-progress', progress: { phase: 'loading' } });
    worker?.say({ type: 'library-ready', requestId: -1 });

    const started = takeSearchWorker('library-a');
    expect(started.worker).toBe(worker);
    const heard: unknown[] = [];
    started.listen((event) => heard.push(event.data));
    worker?.say({ type: 'index-progress', progress: { phase: 'ready' } });
    expect(heard).toEqual([{ type: 'index-progress', progress: { phase: 'loading' } }, { type: 'library-ready', requestId: -1 }, { type: 'index-progress', progress: { phase: 'ready' } }]);
  });

  it('gives the early Worker once, and to its own library only', () => {
    vi.stubGlobal('Worker', StandInWorker);
    startSearchWorkerEarly('library-a');
    expect(takeSearchWorker('library-b').dbName).toBe('library-b');
    expect(takeSearchWorker('library-a').worker).toBe(StandInWorker.made[0]);
    expect(takeSearchWorker('library-a').worker).toBe(StandInWorker.made[2]);
  });
});
