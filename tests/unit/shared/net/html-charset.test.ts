import { describe, expect, it } from 'vitest';
import { charsetFromMeta, decodeHtml } from '../../../../shared/net/html-charset';
import { latin1Bytes, windows1252Bytes } from '../../../support/feed-server';

describe('decodeHtml', () => {
  it('lets a byte order mark win over every declaration', () => {
    const bytes = Uint8Array.of(0xef, 0xbb, 0xbf, ...new TextEncoder().encode('<meta charset="windows-1252">é'));
    expect(decodeHtml(bytes, 'text/html; charset=iso-8859-1')).toBe('<meta charset="windows-1252">é');
  });

  it('prefers the Content-Type charset to <meta>', () => {
    expect(decodeHtml(latin1Bytes('<meta charset="utf-8">é'), 'text/html; charset=ISO-8859-1')).toBe('<meta charset="utf-8">é');
  });

  it('decodes windows-1252 bytes 0x80-0x9F as the characters they stand for', () => {
    expect(decodeHtml(windows1252Bytes('€ ‚ ƒ „ … † ‡ ˆ ‰ Š ‹ Œ Ž ‘ ’ “ ” • – — ˜ ™ š › œ ž Ÿ'), 'text/html; charset=windows-1252')).toBe(
      '€ ‚ ƒ „ … † ‡ ˆ ‰ Š ‹ Œ Ž ‘ ’ “ ” • – — ˜ ™ š › œ ž Ÿ',
    );
  });

  it('falls back to UTF-8 when nothing is declared or the label is unknown', () => {
    const bytes = new TextEncoder().encode('<p>Grüße</p>');
    expect(decodeHtml(bytes, 'text/html')).toBe('<p>Grüße</p>');
    expect(decodeHtml(bytes, 'text/html; charset=no-such-charset')).toBe('<p>Grüße</p>');
  });

  it('reads <meta http-equiv> and treats a <meta> claim of UTF-16 as UTF-8', () => {
    const ascii = (text: string) => new TextEncoder().encode(text);
    expect(charsetFromMeta(ascii('<meta http-equiv="Content-Type" content="text/html; charset=Shift_JIS">'))).toBe('Shift_JIS');
    expect(charsetFromMeta(ascii("<META CHARSET='koi8-r'>"))).toBe('koi8-r');
    expect(charsetFromMeta(ascii('<meta charset="utf-16le">'))).toBe('utf-8');
    expect(charsetFromMeta(ascii(' '.repeat(1100) + '<meta charset="koi8-r">'))).toBeUndefined();
  });
});
