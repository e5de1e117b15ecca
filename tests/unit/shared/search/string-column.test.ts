import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { StringColumn } from '../../../../shared/search/string-column';

describe('string column', () => {
  it('stores each string as the UTF-8 TextEncoder gives, and reads it back', () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(fc.string({ unit: 'binary', maxLength: 30 }), fc.string({ maxLength: 30 })), { maxLength: 20 }), (values) => {
        const column = new StringColumn();
        for (const value of values) column.push(value);
        const encoder = new TextEncoder();
        const expected = encoder.encode(values.join(''));
        const { bytes, starts } = column.state();
        expect(Array.from(bytes)).toEqual(Array.from(expected));
        values.forEach((value, i) => {
          expect(starts[i + 1]! - starts[i]!).toBe(encoder.encode(value).length);
          // A lone surrogate is stored as U+FFFD, as TextEncoder does.
          expect(column.get(i)).toBe(new TextDecoder().decode(encoder.encode(value)));
        });
      }),
      { numRuns: 1000 },
    );
  });

  it('grows past its first buffer with long ASCII and non-ASCII strings', () => {
    const column = new StringColumn();
    const values = Array.from({ length: 400 }, (_, i) => (i % 3 === 0 ? 'é' : 'a').repeat(200 + i) + String(i));
    for (const value of values) column.push(value);
    values.forEach((value, i) => expect(column.get(i)).toBe(value));
  });
});
