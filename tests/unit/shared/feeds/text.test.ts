import { describe, expect, it } from 'vitest';
import { collapseWhitespace, decodeEntities, hasControlBytes, htmlToText, stripControlChars, textToHtml } from '../../../../shared/feeds/text';

describe('text helpers', () => {
  it('decodes named, decimal and hex entities and leaves a bare ampersand', () => {
    expect(decodeEntities('&eacute;&#233;&#xE9; AT&T & co')).toBe('ééé AT&T & co');
  });

  it('reduces HTML to text, dropping scripts, styles and comments', () => {
    expect(htmlToText('<p>One<br>two</p><script>alert(1)</script><style>p{}</style><!-- c -->&amp; three')).toBe('One two & three');
  });

  it('keeps a lone "<" that starts no tag', () => {
    expect(htmlToText('a < b and c > d')).toBe('a < b and c > d');
  });

  it('finds a control byte wherever it sits in a word, in views at any offset, and flags no other byte', () => {
    const controls = [...Array(0x20).keys()].filter((b) => b !== 0x09 && b !== 0x0a && b !== 0x0d);
    const harmless = [0x09, 0x0a, 0x0d, ...Array.from({ length: 0xe0 }, (_, k) => 0x20 + k)];
    const buffer = new Uint8Array(64 + 3);
    for (let offset = 0; offset < 4; offset++) {
      for (let length = 0; length <= 21; length++) {
        buffer.fill(0x61);
        const view = buffer.subarray(offset, offset + length);
        expect(hasControlBytes(view)).toBe(false);
        for (let at = 0; at < length; at++) {
          for (const b of controls) {
            view[at] = b;
            expect(hasControlBytes(view)).toBe(true);
          }
          view[at] = 0x61;
        }
        // Bytes just outside the view are not read.
        if (offset > 0) buffer[offset - 1] = 0x01;
        buffer[offset + length] = 0x01;
        expect(hasControlBytes(view)).toBe(false);
      }
    }
    const all = Uint8Array.from({ length: 4096 }, (_, k) => harmless[k % harmless.length] as number);
    expect(hasControlBytes(all)).toBe(false);
    // Random bytes agree with a byte-by-byte reading.
    let seed = 7;
    for (let round = 0; round < 200; round++) {
      const bytes = Uint8Array.from({ length: 1 + (round % 37) }, () => ((seed = (seed * 1103515245 + 12345) >>> 0) >>> 24) | (round % 3 === 0 ? 0 : 0x20));
      const expected = bytes.some((b) => controls.includes(b));
      expect(hasControlBytes(bytes)).toBe(expected);
    }
  });

  it('removes control characters XML forbids but keeps tabs and newlines', () => {
    expect(stripControlChars('a\u0000b\u0007c\td\ne')).toBe('abc\td\ne');
  });

  it('collapses every kind of whitespace run to one space and leaves collapsed text as it is', () => {
    expect(collapseWhitespace(' a\u00a0 b\t\nc\u3000')).toBe('a b c');
    expect(collapseWhitespace('a  b')).toBe('a b');
    expect(collapseWhitespace('already collapsed')).toBe('already collapsed');
    expect(collapseWhitespace(' ')).toBe('');
    expect(collapseWhitespace('')).toBe('');
  });

  it('turns plain text into escaped paragraphs', () => {
    expect(textToHtml('a <b>\nc\n\nd')).toBe('<p>a &lt;b&gt;<br>c</p><p>d</p>');
  });
});
