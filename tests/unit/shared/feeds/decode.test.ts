import { describe, expect, it } from 'vitest';
import { charsetFromContentType, decodeBody } from '../../../../shared/feeds/decode';

const bytes = (...values: number[]): Uint8Array => Uint8Array.from(values);
const ascii = (text: string): number[] => [...text].map((c) => c.charCodeAt(0));

describe('decodeBody', () => {
  it('reads the charset parameter of a Content-Type, quoted or not', () => {
    expect(charsetFromContentType('text/xml; charset="ISO-8859-1"')).toBe('ISO-8859-1');
    expect(charsetFromContentType('application/rss+xml;charset=utf-8')).toBe('utf-8');
    expect(charsetFromContentType('text/xml')).toBeUndefined();
  });

  it('lets a BOM win over the XML declaration and the Content-Type', () => {
    const body = bytes(0xef, 0xbb, 0xbf, ...ascii('<?xml encoding="koi8-r"?><t>'), 0xc3, 0xa9, ...ascii('</t>'));
    expect(decodeBody(body, 'text/xml; charset=windows-1251')).toEqual({ text: '<?xml encoding="koi8-r"?><t>é</t>', encoding: 'utf-8' });
  });

  it('maps windows-1252 bytes 0x80-0x9F to their WHATWG characters', () => {
    const body = bytes(...ascii('<t>'), 0x93, 0x80, 0x97, 0x94, ...ascii('</t>'));
    expect(decodeBody(body, 'text/xml; charset=windows-1252').text).toBe('<t>“€—”</t>');
    expect(decodeBody(body, 'text/xml; charset=iso-8859-1').text).toBe('<t>“€—”</t>');
  });

  it('decodes KOI8-R named in the XML declaration', () => {
    // "Мир" in KOI8-R
    const body = bytes(...ascii('<?xml version="1.0" encoding="KOI8-R"?><t>'), 0xed, 0xc9, 0xd2, ...ascii('</t>'));
    expect(decodeBody(body).text).toContain('<t>Мир</t>');
  });

  it('decodes Shift_JIS from the Content-Type when there is no declaration', () => {
    // "日本" in Shift_JIS
    const body = bytes(...ascii('<t>'), 0x93, 0xfa, 0x96, 0x7b, ...ascii('</t>'));
    expect(decodeBody(body, 'text/xml; charset=Shift_JIS').text).toBe('<t>日本</t>');
  });

  it('falls back to windows-1252 when undeclared bytes are not valid UTF-8', () => {
    expect(decodeBody(bytes(...ascii('caf'), 0xe9)).text).toBe('café');
  });

  it('skips labels it does not know and uses the next piece of evidence', () => {
    const body = bytes(...ascii('<?xml encoding="x-unknown"?><t>'), 0xe9, ...ascii('</t>'));
    expect(decodeBody(body, 'text/xml; charset=iso-8859-1').text).toContain('<t>é</t>');
  });

  it('detects UTF-16 without a BOM from the zero bytes around "<"', () => {
    const text = '<t>ok</t>';
    const le = new Uint8Array(text.length * 2);
    for (let i = 0; i < text.length; i++) le[i * 2] = text.charCodeAt(i);
    expect(decodeBody(le).text).toBe(text);
  });
});
