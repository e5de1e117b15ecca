import { type Deadline, startDeadline } from './deadline';

/** What every fetch in shared/net needs from its caller: the fetch to use, who we are, clocks, limits. */
export interface FetchOptions {
  /** Node's global fetch in the browser host; Electron's net.fetch in the app. */
  fetch: typeof fetch;
  /** `Broadsheet/<version> (+<project url>)`, built with userAgentFor(version). */
  userAgent: string;
  /** Clock, for Retry-After dates and Expires; defaults to Date.now. */
  now?: () => number;
  /** Time allowed for each hop's response headers; default 20 s. */
  firstByteTimeoutMs?: number;
  /** Time allowed for everything, redirects and body included; default 60 s. */
  totalTimeoutMs?: number;
  /** Body size limit; default 15 MiB for feeds, 5 MiB for pages. */
  maxBytes?: number;
  /** Caller cancellation. */
  signal?: AbortSignal;
}

export const DEFAULT_FIRST_BYTE_TIMEOUT_MS = 20_000;
export const DEFAULT_TOTAL_TIMEOUT_MS = 60_000;
export const DEFAULT_FEED_MAX_BYTES = 15 * 1024 * 1024;
export const DEFAULT_PAGE_MAX_BYTES = 5 * 1024 * 1024;

/** The deadline of one fetch made with these options: their timeouts (or the defaults) and their cancellation. */
export function startFetchDeadline(options: FetchOptions): Deadline {
  return startDeadline({
    firstByteTimeoutMs: options.firstByteTimeoutMs ?? DEFAULT_FIRST_BYTE_TIMEOUT_MS,
    totalTimeoutMs: options.totalTimeoutMs ?? DEFAULT_TOTAL_TIMEOUT_MS,
    ...(options.signal ? { signal: options.signal } : {}),
  });
}
