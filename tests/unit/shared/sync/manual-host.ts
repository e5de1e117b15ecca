/** A batching host for engine tests whose feeds answer only when the test says so (merge-schedule, merge-turns). */
import type { FeedRequest, FeedResponse, HostResult } from '../../../../shared/host';
import { ok } from '../../../../shared/result';
import type { SyncHost } from '../../../../shared/sync/engine';
import { items, parsedFeed } from '../db/test-db';

/** A batching host whose feeds answer when `answer` is called, and whose batch calls end when every feed answered. */
export class ManualHost implements SyncHost {
  private readonly open: Array<{ requests: readonly FeedRequest[]; onResult: (index: number, result: HostResult<FeedResponse>) => void; answered: Set<number>; end: () => void }> = [];

  fetchFeed = async (): Promise<HostResult<FeedResponse>> => {
    throw new Error('every fetch goes through fetchFeeds here');
  };

  fetchPage = async (): Promise<never> => {
    throw new Error('no pages here');
  };

  fetchFeeds = (requests: readonly FeedRequest[], onResult: (index: number, result: HostResult<FeedResponse>) => void): Promise<void> =>
    new Promise((end) => this.open.push({ requests, onResult, answered: new Set(), end }));

  /** Feeds asked for and not answered yet. */
  get waiting(): number {
    return this.open.reduce((n, call) => n + call.requests.length - call.answered.size, 0);
  }

  /** Answers the next `count` feeds asked for (five new items each), in one task, as one chunk of a stream would. */
  answer(count: number): void {
    for (const call of this.open) {
      call.requests.forEach((request, index) => {
        if (count === 0 || call.answered.has(index)) return;
        count--;
        call.answered.add(index);
        const guid = new URL(request.url).pathname;
        call.onResult(index, ok({ status: 'ok', finalUrl: request.url, feed: parsedFeed(items(5).map((it, n) => ({ ...it, guid: `${guid}-${n}` }))), bodyHash: guid }));
      });
      if (call.answered.size === call.requests.length) call.end();
    }
    if (count > 0) throw new Error(`${count} more answers than feeds asked for`);
  }
}
