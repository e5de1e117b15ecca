import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bodyTextForIndex, onlyTagsToStrip } from '../../../../shared/search/body-text';
import { tokenize } from '../../../../shared/search/normalize';
import { htmlToSnippet, htmlToText } from '../../../../shared/sync/snippet';
import { fixtureTexts } from '../../../support/fixture-texts';

const PIECES = [
  'word', 'Wörd', 'e\u0301', ' ', '  ', '\n', '\t', '\u00a0', '\u2003', '\u3000', '\ufeff', '\u2028', '<p>', '</p>', '<br>',
  '<a href="https://example.org/x">', '</a>', '<', '>', '<!-- c -->', '<script>x()</script>', '&amp;', '&nbsp;', '&#160;',
  '&lt;b&gt;', '…', '東京', '😀', 'x'.repeat(50),
];

describe('the body text the index reads', () => {
  it('has the same words as the collapsed snippet, for every fixture file and several cut lengths', () => {
    const texts = fixtureTexts();
    expect(texts.length).toBeGreaterThan(50);
    for (const html of texts) {
      for (const max of [50, 1000, 20_000]) expect(tokenize(bodyTextForIndex(html, max))).toEqual(tokenize(htmlToSnippet(html, max)));
    }
  });

  it('has the same words as the collapsed snippet for any mix of markup, entities and whitespace', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...PIECES), { maxLength: 60 }), fc.integer({ min: 1, max: 300 }), (pieces, max) => {
        const html = pieces.join('');
        expect(tokenize(bodyTextForIndex(html, max))).toEqual(tokenize(htmlToSnippet(html, max)));
      }),
      { numRuns: 3000 },
    );
  });

  it('keeps whitespace as it comes when the text fits, and cuts like the snippet when it does not', () => {
    expect(bodyTextForIndex('<p>a</p>\n\n<p>b</p>', 100)).toBe(' a \n\n b ');
    const long = `<p>${'word '.repeat(50)}</p>`;
    expect(bodyTextForIndex(long, 40)).toBe(htmlToSnippet(long, 40));
  });

  it('lets the index take HTML as it is only when htmlToText would do nothing but put spaces for its tags', () => {
    for (const html of ['<p>a <b>b</b></p>', 'plain text', '<a href="x>y">z</a>', 'a < b', '<p>Zürich’s</p>', '']) {
      expect(onlyTagsToStrip(html, 100)).toBe(true);
      expect(htmlToText(html)).toBe(html.replace(/<[^>]*>/g, ' '));
    }
    expect(onlyTagsToStrip('<p>a &amp; b</p>', 100)).toBe(false);
    expect(onlyTagsToStrip('a <!-- b --> c', 100)).toBe(false);
    expect(onlyTagsToStrip('a <script>b</script>', 100)).toBe(false);
    expect(onlyTagsToStrip('a <STYLE>b</STYLE>', 100)).toBe(false);
    expect(onlyTagsToStrip('a <template>b</template>', 100)).toBe(false);
    // Longer than the index reads: its text would be cut, so it goes through bodyTextForIndex.
    expect(onlyTagsToStrip(`<p>${'word '.repeat(30)}</p>`, 100)).toBe(false);
  });

  it('when it does, the text differs from the HTML only by a space for each tag, for any mix of markup', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...PIECES), { maxLength: 60 }), (pieces) => {
        const html = pieces.join('');
        if (onlyTagsToStrip(html, 20_000)) expect(htmlToText(html)).toBe(html.replace(/<[^>]*>/g, ' '));
      }),
      { numRuns: 3000 },
    );
  });
});
