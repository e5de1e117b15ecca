import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { tokenize } from '../../../../shared/search/normalize';
import { TermScanner } from '../../../../shared/search/term-scanner';
import { Vocabulary } from '../../../../shared/search/vocabulary';
import { fixtureTexts } from '../../../support/fixture-texts';
import { htmlToText } from '../../../../shared/sync/snippet';
import { onlyTagsToStrip } from '../../../../shared/search/body-text';

function scanTerms(text: string, vocab = new Vocabulary(), markup = false): string[] {
  const scanner = new TermScanner(vocab);
  const n = scanner.scan(text, true, markup);
  return Array.from(scanner.ids.subarray(0, n), (id) => vocab.terms[id]!);
}

// Pieces that exercise each branch: ASCII, capitals, precomposed and combining accents, ligatures, NFKD
// capitals, non-ASCII separators, CJK, Cyrillic, Greek sigma, emoji (surrogates), long runs.
const PIECES = [
  'a', 'Z', 'q9', ' ', '.', '-', "'", 'é', 'É', 'e\u0301', 'ﬁ', 'ℌ', '½', '’', '—', '\u00a0', '…', '東京', 'の', 'Привет',
  'ΣΑΣ', 'ß', 'İ', '😀', '𝐀', 'x'.repeat(60), 'ab'.repeat(30) + 'é', '\u0301', 'Ⅻ', '㎞', 'Ø', 'œ',
];

describe('term scanner', () => {
  it('yields exactly the tokens of fold + forEachToken for any mix of scripts, accents and punctuation', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...PIECES), { maxLength: 30 }), (pieces) => {
        const text = pieces.join('');
        expect(scanTerms(text)).toEqual(tokenize(text));
      }),
      { numRuns: 3000 },
    );
  });

  it('agrees with tokenize on arbitrary Unicode text', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 40 }), (text) => {
        expect(scanTerms(text)).toEqual(tokenize(text));
      }),
      { numRuns: 400 },
    );
  });

  it('yields exactly the tokens of fold + forEachToken for every fixture file, one vocabulary across them all', () => {
    const texts = fixtureTexts();
    expect(texts.length).toBeGreaterThan(50);
    const vocab = new Vocabulary();
    for (const text of texts) expect(scanTerms(text, vocab)).toEqual(tokenize(text));
    // Again without interning (how a query or a phrase check scans): every word is found as the same term.
    const scanner = new TermScanner(vocab);
    for (const text of texts) {
      const n = scanner.scan(text, false);
      expect(Array.from(scanner.ids.subarray(0, n), (id) => vocab.terms[id])).toEqual(tokenize(text));
    }
  });

  it('gives a word the same id whether it was written with capitals, accents or plainly', () => {
    const vocab = new Vocabulary();
    const scanner = new TermScanner(vocab);
    scanner.scan('Café cafe CAFE\u0301');
    const [a, b, c] = scanner.ids;
    expect(vocab.terms[a!]).toBe('cafe');
    expect([b, c]).toEqual([a, a]);
  });

  it('finds known words by the same ids while the vocabulary and the id buffer grow in the middle of a text', () => {
    // 6,000 new words make the vocabulary's table grow (it rehashes at 2,048 terms and again later), and 12,000+ tokens
    // outgrow the scanner's id buffer (4,096): words known before, and words interned earlier in the same text, must
    // keep their ids across both.
    const vocab = new Vocabulary();
    const scanner = new TermScanner(vocab);
    scanner.scan('the news of the day');
    const words = Array.from({ length: 6000 }, (_, k) => `w${k.toString(36)}`);
    const text = words.map((w, k) => `${w} the ${words[k >> 1]!.toUpperCase()}`).join(' ');
    const n = scanner.scan(text);
    const expected = tokenize(text);
    expect(n).toBe(expected.length);
    expect(Array.from(scanner.ids.subarray(0, n), (id) => vocab.terms[id])).toEqual(expected);
    expect(Array.from(scanner.ids.subarray(0, n))).toEqual(expected.map((t) => vocab.idOf(t)));
    expect(vocab.idOf('the')).toBe(0);
    // Scanned again without interning (a query), every word is known: the same ids.
    const again = scanner.scan(text, false);
    expect(Array.from(scanner.ids.subarray(0, again))).toEqual(expected.map((t) => vocab.idOf(t)));
  });

  it('gives the same ids as the vocabulary for words of 1 to 8 letters and digits, in any case, in one shared vocabulary', () => {
    const vocab = new Vocabulary();
    const scanner = new TermScanner(vocab);
    const word = fc.stringMatching(/^[A-Za-z0-9]{1,9}$/);
    fc.assert(
      fc.property(fc.array(word, { maxLength: 30 }), fc.constantFrom(' ', '. ', '\n', '-', ' <p> '), (words, gap) => {
        const text = words.join(gap);
        const n = scanner.scan(text);
        expect(Array.from(scanner.ids.subarray(0, n), (id) => vocab.terms[id])).toEqual(tokenize(text));
        expect(Array.from(scanner.ids.subarray(0, n))).toEqual(tokenize(text).map((t) => vocab.idOf(t)));
      }),
      { numRuns: 2000 },
    );
  });

  it('cuts words past 48 characters the way the query side does', () => {
    const long = 'abc'.repeat(30);
    expect(scanTerms(`${long} end`)).toEqual([long.slice(0, 48), 'end']);
  });

  describe('markup (HTML whose only markup is tags)', () => {
    // Tags of every shape, a ">" inside an attribute, "<" and ">" on their own, tags cut short, words glued to tags,
    // and the non-ASCII pieces (folds, CJK and Cyrillic that send the text down the general path).
    const MARKUP = [
      ...PIECES.filter((p) => p.length < 40),
      '<p>', '</p>', '<br/>', '<a href="https://example.org/x">', '</a>', '<img alt="a > b" src=x>', '<', '>', '<<', '>>', '< ',
      'x<y', '<p', 'word', 'Word', 'investigation', '<h2 class="t">', '\n', 'O’Neill', '<SCRIPTED>', '<tem>', '<s>',
    ];

    it('yields the tokens of its text (htmlToText) for any mix of tags, words and scripts', () => {
      fc.assert(
        fc.property(fc.array(fc.constantFrom(...MARKUP), { maxLength: 40 }), (pieces) => {
          const html = pieces.join('');
          fc.pre(onlyTagsToStrip(html, 20_000));
          expect(scanTerms(html, new Vocabulary(), true)).toEqual(tokenize(htmlToText(html)));
        }),
        { numRuns: 4000 },
      );
    });

    it('yields the tokens of its text for every fixture file it applies to, one vocabulary across them all', () => {
      const texts = fixtureTexts().filter((text) => onlyTagsToStrip(text, 1_000_000));
      expect(texts.length).toBeGreaterThan(10);
      const vocab = new Vocabulary();
      for (const text of texts) expect(scanTerms(text, vocab, true)).toEqual(tokenize(htmlToText(text)));
    });

    it('skips a tag from its "<" to the first ">", and takes a "<" with no ">" after it as a separator', () => {
      expect(scanTerms('<p>one<br>two</p><a title="x>y">three', new Vocabulary(), true)).toEqual(['one', 'two', 'y', 'three']);
      expect(scanTerms('a<b c<d', new Vocabulary(), true)).toEqual(['a', 'b', 'c', 'd']);
      expect(scanTerms('<p>Café <i>crème</i></p>', new Vocabulary(), true)).toEqual(['cafe', 'creme']);
    });
  });
});
