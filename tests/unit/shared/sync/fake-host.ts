/**
 * An in-memory Host for engine tests: serves ParsedFeed objects by URL with etag semantics, scripted errors
 * and redirects, and records calls and how many were in flight at once (overall and per hostname).
 */
import type { DiscoveredFeed, ParsedFeed } from '../../../../shared/feeds/types';
import type { FeedRequest, FeedResponse, HostError, HostResult, PageResponse } from '../../../../shared/host';
import { err, ok } from '../../../../shared/result';
import type { SyncHost } from '../../../../shared/sync/engine';

type Scripted = HostResult<FeedResponse> | ((request: FeedRequest) => HostResult<FeedResponse>);

export class FakeHost implements SyncHost {
  readonly calls: FeedRequest[] = [];
  inFlight = 0;
  maxInFlight = 0;
  maxPerHost = 0;
  private readonly perHost = new Map<string, number>();
  private readonly feeds = new Map<string, { feed: ParsedFeed; version: number; maxAgeSeconds?: number }>();
  private readonly scripted = new Map<string, Scripted[]>();
  private readonly pages = new Map<string, string>();
  /** When set, every fetch waits for it before answering (lets a test hold calls in flight). */
  gate: Promise<void> | null = null;

  setFeed(url: string, feed: ParsedFeed, options: { maxAgeSeconds?: number } = {}): void {
    const version = (this.feeds.get(url)?.version ?? 0) + 1;
    this.feeds.set(url, { feed, version, ...options });
  }

  /** The next fetches of url answer these, in order, before falling back to the stored feed. */
  script(url: string, ...results: Scripted[]): void {
    this.scripted.set(url, [...(this.scripted.get(url) ?? []), ...results]);
  }

  clearScripts(): void {
    this.scripted.clear();
  }

  setPage(url: string, html: string): void {
    this.pages.set(url, html);
  }

  callsTo(url: string): FeedRequest[] {
    return this.calls.filter((c) => c.url === url);
  }

  async fetchFeed(request: FeedRequest): Promise<HostResult<FeedResponse>> {
    this.calls.push(request);
    const hostname = new URL(request.url).hostname;
    this.inFlight++;
    this.perHost.set(hostname, (this.perHost.get(hostname) ?? 0) + 1);
    this.maxInFlight = Math.max(this.maxInFlight, this.inFlight);
    this.maxPerHost = Math.max(this.maxPerHost, this.perHost.get(hostname) ?? 0);
    try {
      // Yield to the event loop so other fetches can start while this one is "on the wire".
      await new Promise<void>((resolve) => setImmediate(resolve));
      if (this.gate) await this.gate;
      return this.answer(request);
    } finally {
      this.inFlight--;
      this.perHost.set(hostname, (this.perHost.get(hostname) ?? 1) - 1);
    }
  }

  private answer(request: FeedRequest): HostResult<FeedResponse> {
    const queue = this.scripted.get(request.url);
    const next = queue?.shift();
    if (next) return typeof next === 'function' ? next(request) : next;
    const stored = this.feeds.get(request.url);
    if (!stored) return err({ kind: 'not-a-feed', message: 'No feed there' });
    const etag = `"v${stored.version}"`;
    const base = { finalUrl: request.url, etag, ...(stored.maxAgeSeconds !== undefined ? { maxAgeSeconds: stored.maxAgeSeconds } : {}) };
    if (request.etag === etag) return ok({ ...base, status: 'not-modified' });
    return ok({ ...base, status: 'ok', feed: structuredClone(stored.feed), bodyHash: `hash-${stored.version}` });
  }

  async fetchPage(url: string): Promise<HostResult<PageResponse>> {
    const html = this.pages.get(url);
    if (html === undefined) return err({ kind: 'http', status: 404, message: 'Not found' });
    return ok({ finalUrl: url, contentType: 'text/html', html });
  }
}

export function hostError(kind: HostError['kind'], extra: Partial<HostError> = {}): HostResult<FeedResponse> {
  return err({ kind, message: kind, ...extra });
}

export function movedTo(url: string, feed: ParsedFeed): HostResult<FeedResponse> {
  return ok({ status: 'ok', finalUrl: url, permanentUrl: url, feed, bodyHash: 'moved' });
}

/** A discoverFeeds double: <link rel=alternate href> values are declared feeds, plus guessed /feed. */
export function fakeDiscover(html: string, pageUrl: string): DiscoveredFeed[] {
  const declared = [...html.matchAll(/<link rel="alternate" href="([^"]+)"/g)].map((m) => ({ url: new URL(m[1]!, pageUrl).href, type: 'application/rss+xml' }));
  return [...declared, { url: new URL('/feed', pageUrl).href, type: 'candidate' }, { url: new URL('/rss.xml', pageUrl).href, type: 'candidate' }];
}

/** A manual clock. */
export function clock(start: number): { now: () => number; set: (t: number) => void; advance: (ms: number) => void } {
  let t = start;
  return { now: () => t, set: (v) => (t = v), advance: (ms) => (t += ms) };
}

/**
 * A FakeHost with the fetchFeeds batch call: records each batch, answers each feed through fetchFeed (so the
 * in-flight counters see them), and either streams answers as they come or, with `together`, hands them all over in
 * one go once the whole batch is fetched (as a transport delivering one chunk would).
 */
export class BatchingFakeHost extends FakeHost {
  readonly batches: FeedRequest[][] = [];
  openBatches = 0;
  maxOpenBatches = 0;
  together = false;
  /** When set, the batch answers only the requests this returns true for, then ends (a transport losing answers). */
  drop: ((request: FeedRequest) => boolean) | null = null;

  fetchFeeds = async (requests: readonly FeedRequest[], onResult: (index: number, result: HostResult<FeedResponse>) => void): Promise<void> => {
    this.batches.push([...requests]);
    this.openBatches++;
    this.maxOpenBatches = Math.max(this.maxOpenBatches, this.openBatches);
    try {
      const answers = await Promise.all(
        requests.map(async (request, index) => {
          if (this.drop?.(request)) return null;
          const result = await this.fetchFeed(request);
          if (!this.together) onResult(index, result);
          return [index, result] as const;
        }),
      );
      if (this.together) for (const answer of answers) if (answer) onResult(answer[0], answer[1]);
    } finally {
      this.openBatches--;
    }
  };
}
