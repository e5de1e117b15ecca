import { describe, expect, it } from 'vitest';
import { parseDate } from '../../../../shared/feeds/dates';

const NOW = Date.UTC(2025, 5, 1, 12);

describe('parseDate', () => {
  it.each([
    ['Sun, 06 Nov 1994 08:49:37 GMT', Date.UTC(1994, 10, 6, 8, 49, 37)],
    ['Sunday, 06-Nov-94 08:49:37 GMT', Date.UTC(1994, 10, 6, 8, 49, 37)],
    ['Sun Nov  6 08:49:37 1994', Date.UTC(1994, 10, 6, 8, 49, 37)],
    ['Tue, 1 Apr 2025 00:00:00 +1000', Date.UTC(2025, 2, 31, 14)],
    ['Tue, 01 Apr 2025 10:00:00 AEST', Date.UTC(2025, 3, 1)],
    ['Tue, 01 Apr 2025 10:00:00 CEST', Date.UTC(2025, 3, 1, 8)],
    ['tue,01 apr 2025 10:00 z', Date.UTC(2025, 3, 1, 10)],
    ['Tue, 01 Apr 2025 10:00:00 +0560', Date.UTC(2025, 3, 1, 10)], // an impossible offset is ignored, as ever
    ['Sun, 01 Set 2024 10:00:00 -0300', Date.UTC(2024, 8, 1, 13)],
    ['01 April 2025', Date.UTC(2025, 3, 1)],
    ['April 1st, 2025', Date.UTC(2025, 3, 1)],
    ['2025-04-01T10:00:00.5+01:00', Date.UTC(2025, 3, 1, 9, 0, 0, 500)],
    ['2025-04-01T10:00:00,25Z', Date.UTC(2025, 3, 1, 10, 0, 0, 250)],
    ['2025-04-01t10:00:00z', Date.UTC(2025, 3, 1, 10)],
    ['20250401', Date.UTC(2025, 3, 1)],
    ['1743465600', Date.UTC(2025, 3, 1)],
    ['Tue, 01 Apr 2025 10:00:00 M', Date.UTC(2025, 3, 1, 22)],
    ['Tue, 01 Apr 2025 10:00:00 Y', Date.UTC(2025, 3, 0, 22)],
  ])('reads %s', (input, expected) => {
    expect(parseDate(input, NOW)).toBe(expected);
  });

  it('accepts Unix timestamps given as JSON numbers, seconds or milliseconds', () => {
    expect(parseDate(1743465600, NOW)).toBe(Date.UTC(2025, 3, 1));
    expect(parseDate(1743465600000, NOW)).toBe(Date.UTC(2025, 3, 1));
  });

  it('clamps a date more than a day in the future to the fetch time, keeps one within a day', () => {
    expect(parseDate('2025-06-03T00:00:00Z', NOW)).toBe(NOW);
    expect(parseDate('2025-06-02T11:00:00Z', NOW)).toBe(Date.UTC(2025, 5, 2, 11));
  });

  it.each(['', '   ', 'yesterday', 'Mon, 32 Foo 2024', '99/99/9999', 'x'.repeat(500), 'Tue, 40 Apr 2025 10:00:00 GMT', '2025-13-45'])(
    'returns undefined for unreadable %j',
    (input) => {
      expect(parseDate(input, NOW)).toBeUndefined();
    },
  );
});
