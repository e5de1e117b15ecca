import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { articleIdsForItems, articleKey, contentHash, feedIdFor, fnv1a64, fnv1a64Joined, isLegacyContentHash, normaliseFeedUrl } from '../../../../shared/db/ids';

function fnvReference(input: string): string {
  let h = 0xcbf29ce484222325n;
  for (const b of new TextEncoder().encode(input)) {
    h ^= BigInt(b);
    h = (h * 0x100000001b3n) & 0xffffffffffffffffn;
  }
  return h.toString(16).padStart(16, '0');
}

describe('fnv1a64', () => {
  it('matches the published FNV-1a 64 test vectors', () => {
    expect(fnv1a64('')).toBe('cbf29ce484222325');
    expect(fnv1a64('a')).toBe('af63dc4c8601ec8c');
    expect(fnv1a64('foobar')).toBe('85944171f73967e8');
  });

  it('hashes the UTF-8 that TextEncoder makes: astral characters as 4 bytes, a lone surrogate as U+FFFD', () => {
    for (const s of ['é', '€', '😀', 'a\ud83d', '\ude00b', '\ud83d\ud83d\ude00', '\udbff\udfff', 'x\ud800']) expect(fnv1a64(s)).toBe(fnvReference(s));
    expect(fnv1a64('a\ud83d')).toBe(fnv1a64('a\ufffd'));
  });

  it('equals a BigInt reference implementation on any string, including non-ASCII', () => {
    fc.assert(fc.property(fc.string({ unit: 'binary' }), (s) => fnv1a64(s) === fnvReference(s)), { numRuns: 300 });
  });

  it('hashes parts as their join by U+0000, lone surrogates at their edges included', () => {
    const unit = fc.constantFrom('a', 'é', '\ud83d', '\ude00', '\u0000', '😀', '東');
    const part = fc.oneof(fc.string({ unit: 'binary' }), fc.string({ unit }));
    fc.assert(fc.property(fc.array(part, { minLength: 1, maxLength: 8 }), (parts) => fnv1a64Joined(parts) === fnvReference(parts.join('\u0000'))), { numRuns: 300 });
  });
});

describe('contentHash', () => {
  const unit = fc.constantFrom('a', 'b', 'é', '\ud83d', '\ude00', '\u0000', '😀', '東', '\ufffd');
  const part = fc.oneof(fc.string({ unit: 'binary' }), fc.string({ unit }));
  const parts = fc.array(part, { minLength: 1, maxLength: 8 });

  it("is 'w' and 16 hex digits, told apart from the 16 digits of the hash stored before it", () => {
    fc.assert(fc.property(parts, (p) => /^w[0-9a-f]{16}$/.test(contentHash(p)) && !isLegacyContentHash(contentHash(p)) && isLegacyContentHash(fnv1a64Joined(p))), { numRuns: 200 });
  });

  it('gives the same hash for the same parts, whatever their strings are made of', () => {
    const title = 'Naïve café — 東京 😀';
    const html = '<p>' + 'x'.repeat(1001) + '</p>';
    expect(contentHash([title, html])).toBe(contentHash([[...title].join(''), html.slice(0, 500) + html.slice(500)]));
  });

  it('changes with any one code unit, lone surrogates and U+0000 included', () => {
    fc.assert(
      fc.property(parts, fc.nat(), unit, (p, at, replacement) => {
        const i = at % p.length;
        const s = p[i] as string;
        if (s.length === 0) return true;
        const k = at % s.length;
        const changed = s.slice(0, k) + replacement + s.slice(k + 1);
        if (changed === s) return true;
        return contentHash(p) !== contentHash(p.map((x, j) => (j === i ? changed : x)));
      }),
      { numRuns: 500 },
    );
    expect(contentHash(['a\ud83d'])).not.toBe(contentHash(['a\ufffd']));
    expect(contentHash(['\ude00\ud83d'])).not.toBe(contentHash(['\ud83d\ude00']));
  });

  it('changes when text moves from one field to the next, or a field is empty instead of missing', () => {
    expect(contentHash(['ab', 'c'])).not.toBe(contentHash(['a', 'bc']));
    expect(contentHash(['a', ''])).not.toBe(contentHash(['', 'a']));
    expect(contentHash(['a'])).not.toBe(contentHash(['a\u0000']));
    expect(contentHash(['a', ''])).not.toBe(contentHash(['a']));
    expect(contentHash(['', ''])).not.toBe(contentHash(['']));
    expect(contentHash([''])).not.toBe(contentHash([]));
    fc.assert(
      fc.property(parts, fc.nat(), (p, at) => {
        if (p.length < 2) return true;
        const i = at % (p.length - 1);
        const joined = (p[i] as string) + (p[i + 1] as string);
        const cut = joined.length === 0 ? 0 : at % (joined.length + 1);
        const moved = p.map((x, j) => (j === i ? joined.slice(0, cut) : j === i + 1 ? joined.slice(cut) : x));
        return moved[i] === p[i] || contentHash(p) !== contentHash(moved);
      }),
      { numRuns: 500 },
    );
  });

  it('spreads distinct inputs over distinct hashes', () => {
    const hashes = new Set<string>();
    for (let n = 0; n < 20000; n++) hashes.add(contentHash([`Post ${n}`, `https://example.com/${n % 97}`, '', '<p>' + 'word '.repeat(n % 13) + '</p>']));
    expect(hashes.size).toBe(20000);
  });
});

describe('normaliseFeedUrl', () => {
  it('lower-cases the host, drops the fragment and default port, maps feed: to http', () => {
    expect(normaliseFeedUrl('HTTPS://Example.COM:443/feed.xml#top')).toEqual({ ok: true, value: 'https://example.com/feed.xml' });
    expect(normaliseFeedUrl('feed://example.com/rss')).toEqual({ ok: true, value: 'http://example.com/rss' });
    expect(normaliseFeedUrl('feed:https://example.com/rss')).toEqual({ ok: true, value: 'https://example.com/rss' });
    expect(normaliseFeedUrl('example.com/rss')).toEqual({ ok: true, value: 'https://example.com/rss' });
  });

  it('rejects non-http schemes and garbage', () => {
    expect(normaliseFeedUrl('javascript:alert(1)').ok).toBe(false);
    expect(normaliseFeedUrl('http://').ok).toBe(false);
  });

  it('gives the same feed id to spellings of one URL', () => {
    const a = normaliseFeedUrl('https://EXAMPLE.com/feed#x');
    const b = normaliseFeedUrl('https://example.com/feed');
    expect(a.ok && b.ok && feedIdFor(a.value) === feedIdFor(b.value)).toBe(true);
  });
});

describe('article ids', () => {
  it('keys by guid, else link, else title and date', () => {
    expect(articleKey({ guid: ' g1 ', url: 'u' })).toBe('g:g1');
    expect(articleKey({ url: 'https://x/1', title: 't' })).toBe('u:https://x/1');
    expect(articleKey({ title: 'Hello', published: 5 })).toBe('t:Hello\n5');
  });

  it('gives a repeated guid a distinct id instead of dropping it, the same on every fetch', () => {
    const list = [
      { guid: 'same', url: 'https://x/1', title: 'One' },
      { guid: 'same', url: 'https://x/2', title: 'Two' },
      { guid: 'same', url: 'https://x/2', title: 'Two' },
    ];
    const ids = articleIdsForItems('feed', list);
    expect(new Set(ids).size).toBe(3);
    expect(articleIdsForItems('feed', list)).toEqual(ids);
    expect(ids[0]).toBe(articleIdsForItems('feed', [list[0]!])[0]);
    expect(ids.every((id) => id.startsWith('feed:'))).toBe(true);
  });
});
