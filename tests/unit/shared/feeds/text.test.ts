import { describe, expect, it } from 'vitest';
import { collapseWhitespace, decodeEntities, htmlToText, stripControlChars, textToHtml } from '../../../../shared/feeds/text';

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
