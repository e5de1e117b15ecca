import { describe, expect, it } from 'vitest';
import { createSearchIndex, loadSearchIndex, serializeSearchIndex, type SearchDoc } from '../../../../shared/search';
import { mulberry32 } from '../../../support/random';

const DAY = 24 * 3600 * 1000;
const T0 = Date.UTC(2024, 5, 1);

function doc(id: string, fields: Partial<SearchDoc>): SearchDoc {
  return { id, feedId: fields.feedId ?? 'f1', title: fields.title ?? `Untitled ${id}`, ...fields };
}

function library(): SearchDoc[] {
  return [
    doc('electron', { title: 'Electron 30 released', summary: 'A new major version of the desktop framework', published: T0 }),
    doc('climate', { title: 'Climate talks stall', author: 'Ana Souza', summary: 'Negotiators leave without a deal', published: T0 - DAY }),
    doc('cafe', { title: 'The best café in Lisbon', summary: 'Coffee and pastéis de nata', published: T0 - 2 * DAY }),
    doc('tokyo', { title: '東京の天気', text: '今日の東京は晴れです。明日は雨が降るでしょう。', published: T0 - 3 * DAY }),
    doc('body', {
      title: 'Weekly roundup',
      summary: 'Links from around the web',
      text: 'This week we looked at quantum error correction and the surface code, then at gardening.',
      published: T0 - 4 * DAY,
    }),
    doc('phrase', { title: 'Error budgets for teams', text: 'Correction of quantum bits is hard; error rates stay high.', published: T0 - 5 * DAY }),
    doc('rust', { title: 'Rust in the kernel', author: 'Linus Example', summary: 'Memory safety arrives', published: Date.UTC(2023, 0, 15) }),
  ];
}

function ids(hits: { id: string }[]): string[] {
  return hits.map((h) => h.id);
}

describe('search index', () => {
  const index = createSearchIndex();
  index.add(library());

  it('counts the docs it holds', () => {
    expect(index.size).toBe(7);
  });

  it('tolerates a typo: "elecrton" finds "electron"', () => {
    expect(ids(index.search('elecrton'))).toContain('electron');
  });

  it('tolerates two swapped letters in the middle of a word: "clmiate" finds "climate"', () => {
    expect(ids(index.search('clmiate'))).toContain('climate');
  });

  it('matches the word being typed by its prefix: "clim" finds "climate"', () => {
    expect(ids(index.search('clim'))[0]).toBe('climate');
  });

  it('ignores case and accents both ways: "cafe" and "CAFÉ" find "café"', () => {
    expect(ids(index.search('cafe'))).toEqual(['cafe']);
    expect(ids(index.search('CAFÉ'))).toEqual(['cafe']);
    expect(ids(index.search('pasteis'))).toEqual(['cafe']);
  });

  it('reports match ranges against the original title', () => {
    const hit = index.search('cafe')[0]!;
    const title = hit.matches?.find((m) => m.field === 'title');
    expect(title).toBeDefined();
    const [s, e] = title!.ranges[0]!;
    expect('The best café in Lisbon'.slice(s, e + 1)).toBe('café');
  });

  it('finds Japanese text by character bigrams: "東京"', () => {
    expect(ids(index.search('東京'))).toEqual(['tokyo']);
    expect(ids(index.search('晴れ'))).toEqual(['tokyo']);
    expect(index.search('東大')).toEqual([]);
  });

  it('finds a match that is only in the body text', () => {
    expect(ids(index.search('surface code'))).toEqual(['body']);
  });

  it('requires every word', () => {
    expect(ids(index.search('quantum gardening'))).toEqual(['body']);
  });

  it('matches a quoted phrase only with its words together and in order', () => {
    expect(ids(index.search('"error correction"'))).toEqual(['body']);
    expect(ids(index.search('"correction error"'))).toEqual([]);
  });

  it('drops results containing an excluded word', () => {
    expect(ids(index.search('quantum')).sort()).toEqual(['body', 'phrase']);
    expect(ids(index.search('quantum -gardening'))).toEqual(['phrase']);
    expect(ids(index.search('quantum -"surface code"'))).toEqual(['phrase']);
  });

  it('restricts author: to the author field', () => {
    expect(ids(index.search('author:souza'))).toEqual(['climate']);
    expect(ids(index.search('author:rust'))).toEqual([]);
    expect(ids(index.search('kernel author:linus'))).toEqual(['rust']);
  });

  it('filters by before: and after: on the publication date', () => {
    expect(ids(index.search('rust before:2024-01-01'))).toEqual(['rust']);
    expect(ids(index.search('rust after:2024-01-01'))).toEqual([]);
    const recent = ids(index.search('after:2024-05-30'));
    expect(recent.sort()).toEqual(['cafe', 'climate', 'electron']);
  });

  it('lists docs by recency when the query has operators but no words', () => {
    expect(ids(index.search('is:unread', { filter: (id) => id === 'rust' || id === 'cafe' }))).toEqual(['cafe', 'rust']);
  });

  it('searches unknown operators as words', () => {
    const i = createSearchIndex();
    i.add([doc('a', { title: 'Using foo:bar syntax' }), doc('b', { title: 'foo and bar apart bar foo' })]);
    expect(ids(i.search('foo:bar'))).toEqual(['a']);
  });

  it('applies the caller filter and feedIds', () => {
    expect(ids(index.search('quantum', { filter: (id) => id !== 'body' }))).toEqual(['phrase']);
    const i = createSearchIndex();
    i.add([doc('a', { title: 'apple', feedId: 'x' }), doc('b', { title: 'apple', feedId: 'y' })]);
    expect(ids(i.search('apple', { feedIds: ['y'] }))).toEqual(['b']);
  });

  it('counts every match while ranking only the page asked for', () => {
    const i = createSearchIndex();
    i.add(Array.from({ length: 250 }, (_, n) => doc(`d${n}`, { title: n % 5 === 0 ? `Harbour news ${n}` : `Harvest report ${n}`, published: T0 - n * DAY })));
    i.add([doc('other', { title: 'Nothing alike' })]);
    const counts: number[] = [];
    const page = i.search('harb', { limit: 20, onMatched: (count) => counts.push(count) });
    expect(page).toHaveLength(20);
    expect(counts).toEqual([50]);
    const all = i.search('harb', { limit: 300 });
    expect(all).toHaveLength(50);
    i.search('is:unread', { filter: (id) => id !== 'other', limit: 5, onMatched: (count) => counts.push(count) });
    expect(counts).toEqual([50, 250]);
  });

  it('ranks a title match above a body match', () => {
    const i = createSearchIndex();
    i.add([
      doc('body', { title: 'Notes', text: 'some words about volcanoes and other things', published: T0 }),
      doc('title', { title: 'Volcanoes of Iceland', text: 'lava and ash', published: T0 - 100 * DAY }),
    ]);
    expect(ids(i.search('volcanoes'))).toEqual(['title', 'body']);
  });

  it('breaks ties by recency', () => {
    const i = createSearchIndex();
    i.add([
      doc('old', { title: 'Markets open higher', published: T0 - 10 * DAY }),
      doc('new', { title: 'Markets open higher', published: T0 }),
      doc('mid', { title: 'Markets open higher', published: T0 - 5 * DAY }),
    ]);
    const hits = i.search('markets');
    expect(ids(hits)).toEqual(['new', 'mid', 'old']);
    expect(hits[0]!.score).toBeGreaterThan(hits[1]!.score);
  });

  it('replaces a doc re-added with the same id, and forgets removed ones', () => {
    const i = createSearchIndex();
    i.add([doc('a', { title: 'first draft about pelicans' })]);
    i.add([doc('a', { title: 'final version about herons' })]);
    expect(i.size).toBe(1);
    expect(i.search('pelicans')).toEqual([]);
    expect(ids(i.search('herons'))).toEqual(['a']);
    i.remove(['a', 'missing']);
    expect(i.size).toBe(0);
    expect(i.search('herons')).toEqual([]);
  });

  it('returns nothing for an empty or blank query', () => {
    expect(index.search('')).toEqual([]);
    expect(index.search('   ')).toEqual([]);
    expect(index.search('"" -')).toEqual([]);
  });

  it('answers a 1-letter query with a bounded list', () => {
    const hits = index.search('e', { limit: 3 });
    expect(hits.length).toBeLessThanOrEqual(3);
    expect(hits.length).toBeGreaterThan(0);
  });

  it('honours limit', () => {
    const i = createSearchIndex();
    i.add(Array.from({ length: 30 }, (_, k) => doc(`d${k}`, { title: `story number ${k}`, published: T0 + k })));
    expect(i.search('story', { limit: 5 })).toHaveLength(5);
    expect(i.search('story')).toHaveLength(30);
  });

  it('gives the same results after a serialize/load round trip, and keeps accepting docs', () => {
    const bytes = serializeSearchIndex(index);
    const loaded = loadSearchIndex(bytes);
    expect(loaded.size).toBe(index.size);
    for (const q of ['elecrton', 'clim', 'cafe', '東京', '"error correction"', 'quantum -gardening', 'author:souza', 'e']) {
      expect(loaded.search(q)).toEqual(index.search(q));
    }
    loaded.add([doc('late', { title: 'Late arrival about climate', published: T0 + DAY })]);
    loaded.remove(['climate']);
    expect(ids(loaded.search('climate'))).toEqual(['late']);
    expect(ids(index.search('climate'))).toEqual(['climate']);
  });

  it('loads from its sections, each in a buffer of its own (as the Worker reads its snapshot file), with the same results', () => {
    const bytes = serializeSearchIndex(index);
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    const sections: Uint8Array[] = [bytes.slice(0, 4)];
    for (let at = 4; at < bytes.byteLength; ) {
      const len = view.getUint32(at, true);
      sections.push(bytes.slice(at + 4, at + 4 + len));
      at += 4 + len;
    }
    const loaded = loadSearchIndex(sections);
    for (const q of ['elecrton', 'clim', 'cafe', '東京', '"error correction"', 'quantum -gardening', 'author:souza', 'e']) {
      expect(loaded.search(q)).toEqual(index.search(q));
    }
    loaded.add([doc('late', { title: 'Late arrival about climate', published: T0 + DAY })]);
    expect(ids(loaded.search('late arrival'))).toEqual(['late']);
    expect(() => loadSearchIndex(sections.slice(0, -1))).toThrow(/truncated/);
  });

  it('rejects bytes that are not a snapshot', () => {
    expect(() => loadSearchIndex(new Uint8Array([1, 2, 3, 4, 5]))).toThrow();
  });

  it('refuses a snapshot of the earlier format, so the Worker builds the index anew', () => {
    const old = serializeSearchIndex(index);
    old.set(new TextEncoder().encode('BSX1'), 0);
    expect(() => loadSearchIndex(old)).toThrow(/format/);
  });

  it('after loading, finds typos, prefixes and feeds of words added before and after the snapshot', () => {
    const i = createSearchIndex();
    i.add([doc('a', { title: 'Lighthouse keepers strike', feedId: 'coast' }), doc('b', { title: 'Harbour lighthouse', feedId: 'port' })]);
    const loaded = loadSearchIndex(serializeSearchIndex(i));
    loaded.add([doc('c', { title: 'Marmalade championship', feedId: 'port' })]);
    expect(ids(loaded.search('lighthuose')).sort()).toEqual(['a', 'b']);
    expect(ids(loaded.search('marmlade'))).toEqual(['c']);
    expect(ids(loaded.search('marma'))).toEqual(['c']);
    expect(ids(loaded.search('lighth', { feedIds: ['port'] }))).toEqual(['b']);
    expect(ids(loaded.search('keep', { feedIds: ['port', 'coast'] }))).toEqual(['a']);
  });
});

describe('search index exclusions', () => {
  it('drops a doc whose excluded phrase sits in a field the wanted words did not match', () => {
    const i = createSearchIndex();
    i.add([
      doc('a', { title: 'Quantum news', summary: 'all about the surface code' }),
      doc('b', { title: 'Quantum weekly', summary: 'nothing of the sort' }),
    ]);
    expect(ids(i.search('quantum -"surface code"'))).toEqual(['b']);
  });
});

describe('search index phrases in body text', () => {
  const i = createSearchIndex();
  i.add([
    doc('x', { title: 'One', text: 'red fish red blue fish swims' }),
    doc('y', { title: 'Two', text: 'red red fish blue swims' }),
  ]);

  it('restarts a partial match at the current word', () => {
    expect(ids(i.search('"red blue fish"'))).toEqual(['x']);
    expect(ids(i.search('"red fish"')).sort()).toEqual(['x', 'y']);
    expect(ids(i.search('"fish blue"'))).toEqual(['y']);
  });

  it('handles a phrase whose first word recurs in it', () => {
    expect(ids(i.search('"red red fish"'))).toEqual(['y']);
    expect(ids(i.search('"red fish red"'))).toEqual(['x']);
  });
});

describe('search index with a capped body', () => {
  it('still finds words past the cap, and keeps the cap across a snapshot', () => {
    const i = createSearchIndex({ bodyTokens: 3 });
    i.add([doc('a', { title: 'Short', text: 'alpha beta gamma delta epsilon' })]);
    expect(ids(i.search('epsilon'))).toEqual(['a']);
    expect(ids(i.search('"alpha beta"'))).toEqual(['a']);
    expect(i.search('"delta epsilon"')).toEqual([]);
    const loaded = loadSearchIndex(serializeSearchIndex(i));
    loaded.add([doc('b', { title: 'Other', text: 'one two three four' })]);
    expect(loaded.search('"three four"')).toEqual([]);
    expect(ids(loaded.search('four'))).toEqual(['b']);
  });
});

describe('search index phrases with large term ids', () => {
  it('checks body phrases whose words have multi-byte ids', () => {
    const i = createSearchIndex();
    const filler = Array.from({ length: 300 }, (_, k) => `filler${k}`).join(' ');
    i.add([
      doc('pad', { title: 'Padding', text: filler }),
      doc('x', { title: 'One', text: 'zebra okapi zebra giraffe okapi zebra' }),
      doc('y', { title: 'Two', text: 'okapi zebra zebra giraffe' }),
    ]);
    expect(ids(i.search('"zebra giraffe okapi"'))).toEqual(['x']);
    expect(ids(i.search('"okapi zebra zebra"'))).toEqual(['y']);
    expect(ids(i.search('"filler150 filler151"'))).toEqual(['pad']);
    expect(i.search('"filler151 filler150"')).toEqual([]);
  });
});

describe('search index phrases next to other words', () => {
  const i = createSearchIndex({ bodyTokens: 5 });
  i.add([
    doc('split', { title: 'Rust weekly', summary: 'Notes on error correction in storage', text: 'nothing here' }),
    doc('apart', { title: 'Rust error log', summary: 'A correction to last week', text: 'correction error' }),
    doc('late', { title: 'Other', text: 'one two three four five six error correction seven' }),
  ]);

  it('finds a phrase in the summary while another word matched only the title', () => {
    expect(ids(i.search('rust "error correction"'))).toEqual(['split']);
  });

  it('does not take words matched in different fields for a phrase', () => {
    expect(ids(i.search('"rust error"'))).toEqual(['apart']);
    expect(ids(i.search('"error correction"'))).toEqual(['split']);
  });

  it('still finds each word of a body past the stored words, though not as a phrase there', () => {
    expect(ids(i.search('seven'))).toEqual(['late']);
    expect(ids(i.search('"correction seven"'))).toEqual([]);
  });
});

describe('search index while it grows', () => {
  it('keeps its scratch memory bounded when every batch brings a newer article and a search runs between batches', () => {
    const i = createSearchIndex();
    for (let k = 0; k < 80; k++) {
      i.add([doc(`n${k}`, { title: `harbour news ${k}`, published: T0 + k * DAY })]);
      expect(ids(i.search('harbour', { limit: 1 }))).toEqual([`n${k}`]);
    }
    expect(i.search('harbour')).toHaveLength(80);
  });
});

describe('search index scratch between queries', () => {
  // One-letter queries match most of an archive of few distinct words, so the per-query scratch is reset whole;
  // narrow ones reset doc by doc; queries of several words leave docs that fell out part-way. Whatever came
  // before, a query must answer exactly as an index that never searched (loaded afresh from the same bytes).
  const words = 'parliament president police planet price protest harvest harbour health festival film farmers mortgage market minister election energy economy satellite season science'.split(' ');
  const random = mulberry32(18);
  const pick = () => words[Math.floor(random() * words.length)]!;
  const docs = Array.from({ length: 3000 }, (_, n) =>
    doc(`d${n}`, {
      feedId: `f${n % 7}`,
      // A rarer word too (ten docs each): queries that match few docs reset their scratch doc by doc.
      title: `${pick()} ${pick()} ${pick()} k${n % 300}`,
      summary: `${pick()} and ${pick()}`,
      text: random() < 0.3 ? Array.from({ length: 30 }, pick).join(' ') : undefined,
      published: T0 - Math.floor(random() * 400) * DAY,
    }),
  );
  const used = createSearchIndex({ bodyTokens: 20 });
  used.add(docs);
  const bytes = serializeSearchIndex(used);
  const queries = ['p', 'pa', 'h', 'parliament', 'e', 'el', 'f film', 'pr po', 'market m', 'x', 'mortgage -price', 's', '"harvest festival"', 'f', 'is:unread', 'season se', 'k17 parliament', 'k17', 'k170 -film', 'k42 e', 'k42'];

  it('answers each query of a long sequence as a fresh index does', () => {
    for (let round = 0; round < 3; round++) {
      for (const query of [...queries].sort(() => random() - 0.5)) {
        for (const options of [{ limit: 100 }, { limit: 20, feedIds: ['f1', 'f3'] }, { limit: 300, filter: (id: string) => id.endsWith('3') }]) {
          let usedCount = -1;
          let freshCount = -1;
          const got = used.search(query, { ...options, onMatched: (count) => (usedCount = count) });
          const fresh = loadSearchIndex(bytes).search(query, { ...options, onMatched: (count) => (freshCount = count) });
          expect(got, `${query} ${JSON.stringify(options)}`).toEqual(fresh);
          expect(usedCount).toBe(freshCount);
        }
      }
    }
  });

  it('finds most of the archive for one letter, and as many on the next query as before it', () => {
    let matched = 0;
    used.search('p', { limit: 100, onMatched: (count) => (matched = count) });
    expect(matched).toBeGreaterThan(1500);
    const before = used.search('parliament police', { limit: 300 });
    used.search('e', { limit: 100 });
    expect(used.search('parliament police', { limit: 300 })).toEqual(before);
  });
});

describe('search index fed HTML as it is (SearchDoc.markup)', () => {
  it('holds exactly what it holds when fed the stripped text: same snapshot bytes, same answers', async () => {
    const { bodyTextForIndex, onlyTagsToStrip } = await import('../../../../shared/search/body-text');
    const { fixtureTexts } = await import('../../../support/fixture-texts');
    const random = mulberry32(18);
    const words = ['market', 'O’Neill', 'café', 'investigation', 'the', 'storm', 'Zürich', 'x'.repeat(50), '2024', 'naïve'];
    const tags = ['<p>', '</p>', '<br/>', '<a href="https://example.org/a>b">', '</a>', '<h2 class="t">', '<', ' > '];
    const bodies = [...fixtureTexts()];
    for (let k = 0; k < 300; k++) {
      let html = '';
      for (let n = Math.floor(random() * 80); n > 0; n--) html += random() < 0.3 ? tags[Math.floor(random() * tags.length)]! : `${words[Math.floor(random() * words.length)]!} `;
      bodies.push(html);
    }
    const asMarkup = createSearchIndex({ bodyTokens: 200 });
    const asText = createSearchIndex({ bodyTokens: 200 });
    let taken = 0;
    bodies.forEach((html, k) => {
      const base = { id: `d${k}`, feedId: `f${k % 7}`, title: `Title ${words[k % words.length]!}`, summary: `About ${words[(k * 3) % words.length]!}`, published: T0 - k * DAY };
      const markup = onlyTagsToStrip(html, 20_000);
      if (markup) taken++;
      asMarkup.add([{ ...base, text: markup ? html : bodyTextForIndex(html, 20_000), markup }]);
      asText.add([{ ...base, text: bodyTextForIndex(html, 20_000) }]);
    });
    expect(taken).toBeGreaterThan(200);
    expect(serializeSearchIndex(asMarkup)).toEqual(serializeSearchIndex(asText));
    for (const query of ['market', 'oneill', 'o’neill', 'cafe', 'investig', 'zurich', '"the storm"', 'href', 'p', 'example', 'rss', 'title']) {
      expect(asMarkup.search(query, { limit: 50 })).toEqual(asText.search(query, { limit: 50 }));
    }
  });
});
