import { describe, expect, it } from 'vitest';
import { backoffMs, HOUR, intervalMinutes, medianPublishGapMinutes, MINUTE, nextCheckAfterSuccess } from '../../../../shared/sync/schedule';

describe('schedule', () => {
  it('doubles the backoff from 1 minute and caps it at 24 hours', () => {
    expect([1, 2, 3, 4, 5].map(backoffMs)).toEqual([1, 2, 4, 8, 16].map((m) => m * MINUTE));
    expect(backoffMs(11)).toBe(1024 * MINUTE);
    expect(backoffMs(12)).toBe(24 * HOUR);
    expect(backoffMs(1000)).toBe(24 * HOUR);
  });

  it('takes the median gap between the newest dated items', () => {
    const at = (...hoursAgo: number[]) => hoursAgo.map((h) => ({ published: 1e12 - h * HOUR }));
    expect(medianPublishGapMinutes(at(0, 1, 2, 10))).toBe(60);
    expect(medianPublishGapMinutes(at(0, 2, 3, 5))).toBe(120);
    expect(medianPublishGapMinutes(at(0))).toBeNull();
    expect(medianPublishGapMinutes([{}, {}])).toBeNull();
  });

  it('uses the feed interval when set, else the median gap between 15 minutes and a day', () => {
    expect(intervalMinutes(90, 30, 5)).toBe(90);
    expect(intervalMinutes(null, 30, 5)).toBe(15);
    expect(intervalMinutes(null, 60, 20)).toBe(20);
    expect(intervalMinutes(null, 30, 240)).toBe(240);
    expect(intervalMinutes(null, 30, 10_000)).toBe(1440);
    expect(intervalMinutes(null, 0, null)).toBe(30);
  });

  it('never schedules before the TTL or max-age, which are capped at 5 hours', () => {
    expect(nextCheckAfterSuccess({ now: 0, intervalMinutes: 30, ttlMinutes: 60 })).toBe(HOUR);
    expect(nextCheckAfterSuccess({ now: 0, intervalMinutes: 30, maxAgeSeconds: 7200 })).toBe(2 * HOUR);
    expect(nextCheckAfterSuccess({ now: 0, intervalMinutes: 30, maxAgeSeconds: 86_400 })).toBe(5 * HOUR);
    expect(nextCheckAfterSuccess({ now: 0, intervalMinutes: 600, ttlMinutes: 60 })).toBe(10 * HOUR);
  });
});
