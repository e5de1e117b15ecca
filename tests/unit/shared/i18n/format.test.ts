import { describe, expect, it } from 'vitest';
import { formattersFor } from '../../../../shared/i18n/format';
import { PSEUDO_LOCALE, SUPPORTED_LOCALES } from '../../../../shared/i18n/locales';

describe('byte sizes', () => {
  it('reads sizes under a kilobyte with the unit declined for the number', () => {
    const en = formattersFor('en');
    expect([en.bytes(0), en.bytes(1), en.bytes(512)]).toEqual(['0 bytes', '1 byte', '512 bytes']);
    // Intl's short unit is not declined in English ("512 byte") and is wrong in Portuguese ("1 bytes").
    expect(formattersFor('pt-BR').bytes(1)).toBe('1 byte');
    expect(formattersFor('pl').bytes(5)).toBe('5 bajtów');
    expect(formattersFor('ru').bytes(2)).toBe('2 байта');
    // French separates the unit with a no-break space.
    expect(formattersFor('fr').bytes(512).replace(/\s/g, ' ')).toBe('512 octets');
  });

  it('keeps the unit symbols from a kilobyte up', () => {
    const en = formattersFor('en');
    expect([en.bytes(1000), en.bytes(1500), en.bytes(25_000_000), en.bytes(3_200_000_000)]).toEqual(['1 kB', '1.5 kB', '25 MB', '3.2 GB']);
    expect(formattersFor('de').bytes(1500)).toBe('1,5 kB');
  });

  it('gives every locale of the app a size with its number (in its digits) and a unit for every count under a kilobyte', () => {
    for (const locale of [...SUPPORTED_LOCALES, PSEUDO_LOCALE]) {
      const format = formattersFor(locale);
      for (const count of [0, 1, 2, 5, 21, 512, 999]) {
        const text = format.bytes(count);
        expect(text, `${locale} ${count}`).toContain(format.number(count));
        expect(text.length, `${locale} ${count}`).toBeGreaterThan(format.number(count).length + 1);
      }
    }
  });
});
