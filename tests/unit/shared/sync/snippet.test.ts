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

  // Long documents: only their start is read (htmlToSnippet's head), which must give the whole document's snippet.
  const WORDS = ['lorem', 'ipsum', 'dolor', 'sit', 'amet', 'consectetur', 'naïve', 'Ünïcödé', '東京都', '😀😀', '\ud800', 'x'];
  const LONG_PIECES = [...PIECES, ...WORDS.map((w) => w + ' '), ...WORDS.map((w) => w + ' '), '<a title="x<y">', '<img alt="a > b">', '<p>' + 'word '.repeat(60) + '</p>'];

  it('gives the same text as before for long documents of any mix, cut anywhere', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...LONG_PIECES), { minLength: 100, maxLength: 1500 }), fc.constantFrom(1, 2, 40, 80, 299, 300, 301, 700), (pieces, max) => {
        const html = pieces.join('');
        expect(htmlToSnippet(html, max)).toBe(referenceSnippet(html, max));
      }),
      { numRuns: 400 },
    );
  });

  it('gives the same text as before where the start of a long document alone would mislead', () => {
    const text = (n: number) => Array.from({ length: n }, (_, i) => `word${i}`).join(' ');
    const filler = text(400);
    // Each opens before any place a short head could end and closes far after it, with text only inside it or after it.
    const cases = [
      `<p>${text(5)}</p><!-- ${filler} --><p>${filler}</p>`,
      `<p>${text(5)}</p><script>${filler}</script><p>${filler}</p>`,
      `<p>${text(5)}</p><STYLE type="x">${filler}</style ><p>${filler}</p>`,
      `<p>${text(5)}</p><template>${filler}</template><p>${filler}</p>`,
      `<p>${text(5)}<a title="${filler}">${filler}</a></p>`,
      `<p>${text(5)}</p><!-- <script> -->${filler}</script>${filler}`,
      `<p>${text(5)}</p><script><!-- ${filler} --></script>${filler}`,
      `${text(5)} < ${filler} <b>${filler}</b>`,
      `${text(5)} <a <!-- > --> ${filler} <b>${filler}`,
      `${filler}&amp${'<b>x</b>'.repeat(300)}`,
      `${filler}&notin${'<i>'.repeat(300)}`,
      `${filler}&#${'0'.repeat(30)}65${'<i>y</i>'.repeat(300)}`,
      `${'&amp; '.repeat(500)}<p>${filler}</p>`,
      `${'<b></b>'.repeat(2000)}${filler}`,
      `${'\u00a0\n\t '.repeat(1000)}<p>${filler}</p>`,
      `<p>${'東京 😀 \ud800 '.repeat(400)}</p>`.repeat(3),
      // A head whose text is exactly as long as the snippet: only the rest of the document says it must be cut.
      `${'x'.repeat(300)}${'<b></b>'.repeat(200)} more text`,
      `${'x'.repeat(80)}${'<b></b>'.repeat(200)} more text`,
    ];
    for (const html of cases) {
      for (const max of [1, 80, 300, 20_000]) expect(htmlToSnippet(html, max)).toBe(referenceSnippet(html, max));
    }
  });

  it('gives the same text as before for a huge article, whole or cut', () => {
    const paragraph = (i: number) => `<p class="p${i}">Paragraph ${i}: caf\u00e9 &amp; cr\u00e8me &#8212; <a href="https://example.com/${i}?a=1&amp;b=2">link</a> 東京 😀</p>\n`;
    const huge = Array.from({ length: 20_000 }, (_, i) => paragraph(i)).join('');
    expect(huge.length).toBeGreaterThan(2_000_000);
    for (const max of [80, 300, 20_000, 3_000_000]) expect(htmlToSnippet(huge, max)).toBe(referenceSnippet(huge, max));
    expect(htmlToSnippet('', 300)).toBe('');
  });

  it('collapses whitespace runs to one space and decodes entities', () => {
    expect(htmlToSnippet('<p>A\u00a0 b</p>\n\n<p>c&amp;d\tе</p>')).toBe('A b c&d е');
  });
});
