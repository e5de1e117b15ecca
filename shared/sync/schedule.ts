/** When to check a feed next: adaptive intervals on success, exponential backoff on errors. */
import type { ParsedItem } from '../feeds/types';

export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;
export const MIN_INTERVAL_MINUTES = 15;
export const MAX_INTERVAL_MINUTES = 24 * 60;
/** A feed's TTL / max-age is honoured up to this long, so a server cannot silence a feed for days. */
export const MAX_SERVER_DELAY_MS = 5 * HOUR;
export const BACKOFF_START_MS = MINUTE;
export const BACKOFF_CAP_MS = 24 * HOUR;

const clamp = (n: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, n));

/** Median gap in minutes between the publish times of the newest (up to 20) dated items; null under 2 dates. */
export function medianPublishGapMinutes(items: readonly Pick<ParsedItem, 'published'>[]): number | null {
  const times = items
    .flatMap((i) => (i.published !== undefined && Number.isFinite(i.published) ? [i.published] : []))
    .sort((a, b) => b - a)
    .slice(0, 20);
  if (times.length < 2) return null;
  const gaps: number[] = [];
  for (let i = 1; i < times.length; i++) gaps.push(((times[i - 1] as number) - (times[i] as number)) / MINUTE);
  gaps.sort((a, b) => a - b);
  const mid = gaps.length >> 1;
  return gaps.length % 2 ? (gaps[mid] as number) : ((gaps[mid - 1] as number) + (gaps[mid] as number)) / 2;
}

/**
 * Minutes until the next check of a healthy feed. A user-set interval wins. Otherwise the interval follows how often
 * the feed publishes (its median gap): a busy feed is checked more often than the global setting, down to the
 * 15-minute floor, and a quiet one less often, up to once a day; a feed without dates uses the global setting.
 */
export function intervalMinutes(feedInterval: number | null, globalInterval: number, medianGap: number | null): number {
  if (feedInterval !== null && feedInterval > 0) return clamp(feedInterval, MIN_INTERVAL_MINUTES, MAX_INTERVAL_MINUTES);
  const base = clamp(globalInterval > 0 ? globalInterval : 30, MIN_INTERVAL_MINUTES, MAX_INTERVAL_MINUTES);
  if (medianGap === null) return base;
  return clamp(medianGap, MIN_INTERVAL_MINUTES, MAX_INTERVAL_MINUTES);
}

export interface SuccessSchedule {
  now: number;
  intervalMinutes: number;
  ttlMinutes?: number | null;
  maxAgeSeconds?: number;
}

/** nextCheckAt after a successful (or not-modified) fetch: the interval, but never before TTL / max-age (capped). */
export function nextCheckAfterSuccess(s: SuccessSchedule): number {
  const serverDelay = Math.min(MAX_SERVER_DELAY_MS, Math.max((s.ttlMinutes ?? 0) * MINUTE, (s.maxAgeSeconds ?? 0) * 1000));
  return s.now + Math.max(s.intervalMinutes * MINUTE, serverDelay);
}

/** Delay after the n-th consecutive error (n >= 1): 1 min, 2, 4, … capped at 24 h. */
export function backoffMs(errorCount: number): number {
  const n = Math.max(1, errorCount);
  return Math.min(BACKOFF_CAP_MS, BACKOFF_START_MS * 2 ** Math.min(n - 1, 30));
}
