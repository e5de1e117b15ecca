import { decodeHTML } from 'entities';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { htmlToSnippet } from '../../../../shared/sync/snippet';
import { fixtureTexts } from '../../../support/fixture-texts';

/** htmlToSnippet as it was before issue 18's index build work: one replacement per whitespace run. */
function referenceSnippet(html: string, max = 300): string {
  const text = decodeHTML(
    html
      .replace(/<(script|style|template)\b[\s\S]*?<\/\1\s*>/gi, ' ')
      .replace(/<!--[\s\S]*?-->/g, ' ')
      .replace(/<[^>]*>/g, ' '),
  )
    .replace(/\s+/g, ' ')
    .trim();
  if (text.length <= max) return text;
  const cut = text.slice(0, max - 1);
  const space = cut.lastIndexOf(' ');
  return (space > max * 0.6 ? cut.slice(0, space) : cut).trimEnd() + '…';
}

// Markup, entities (named, numeric, legacy without ";"), every kind of whitespace JavaScript's \s knows, and text.
const PIECES = [
  'word', 'Wörd', ' ', '  ', '\n', '\t', '\r\n', '\u00a0', '\u2003', '\u3000', '\ufeff', '\u2028', '\v', '\f',
  '<p>', '</p>', '<br/>', '<a href="x">', '</a>', '<', '>', '<!--', '-->', '<script>', '</script>', '<SCRIPT type="x">',
  '</script >', '<style>', '</style>', '<template>', '</template>', '<scripts>', '<sTyle x>', '</STYLE>', '<TEMPLATE', '<template',
  '<templates>', '<script', '<scrip', '<span>', '<table>', '<t', '<s', '&amp;', '&nbsp;', '&lt;p&gt;', '&#160;',
  '&#x20;', '&amp', '&copy', '&unknown;', '&', '…', '東京', '😀',
];

describe('htmlToSnippet', () => {
  it('gives the same text as before for every fixture file, at the summary and index lengths', () => {
    const texts = fixtureTexts();
    expect(texts.length).toBeGreaterThan(50);
    for (const text of texts) {
      for (const max of [80, 300, 20_000]) expect(htmlToSnippet(text, max)).toBe(referenceSnippet(text, max));
    }
  });

  it('gives the same text as before for any mix of markup, entities and whitespace', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...PIECES), { maxLength: 60 }), fc.integer({ min: 1, max: 200 }), (pieces, max) => {
        const html = pieces.join('');
        expect(htmlToSnippet(html, max)).toBe(referenceSnippet(html, max));
      }),
      { numRuns: 3000 },
    );
  });

  it('gives the same text as before for arbitrary Unicode', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 80 }), (html) => {
        expect(htmlToSnippet(html, 40)).toBe(referenceSnippet(html, 40));
      }),
      { numRuns: 1000 },
    );
  });

  it('collapses whitespace runs to one space and decodes entities', () => {
    expect(htmlToSnippet('<p>A\u00a0 b</p>\n\n<p>c&amp;d\tе</p>')).toBe('A b c&d е');
  });
});
