import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseOpml, writeOpml, type OpmlFolder } from '../../../../shared/feeds';

const fixture = (name: string): string => readFileSync(join(__dirname, '../../../fixtures/opml', name), 'utf8');

describe('parseOpml', () => {
  it('reads an OPML 2.0 export with folders, flattening deeper folders into their top folder', () => {
    const result = parseOpml(fixture('nested.opml'));
    expect(result.outlines).toEqual([
      { title: '', feeds: [{ xmlUrl: 'https://top.example/feed', title: 'Top level', htmlUrl: 'https://top.example/' }] },
      {
        title: 'Tech',
        feeds: [
          { xmlUrl: 'https://a.example/rss', title: 'Alpha' },
          { xmlUrl: 'https://b.example/atom', title: 'Beta (from text)' },
          { xmlUrl: 'https://c.example/deep.xml', title: 'Deep' },
        ],
      },
      { title: 'News & Politics', feeds: [{ xmlUrl: 'https://n.example/feed', title: 'N' }] },
    ]);
    expect(result.duplicates).toEqual(['https://a.example/rss']);
    expect(result.errors).toHaveLength(2);
    expect(result.errors[0]).toMatch(/^Line 12: .*not a web address/);
    expect(result.errors[1]).toMatch(/^Line 13: .*no xmlUrl/);
  });

  it('reads OPML 1.0 with odd attribute case and entities', () => {
    const result = parseOpml(fixture('v1.opml'));
    expect(result.errors).toEqual([]);
    expect(result.outlines).toEqual([
      { title: '', feeds: [{ xmlUrl: 'http://old.example/rss.xml?a=1&b=2', title: 'Café Old' }, { xmlUrl: 'http://untitled.example/rss', title: 'http://untitled.example/rss' }] },
    ]);
  });

  it('reports a file that is not OPML', () => {
    const result = parseOpml('<html><body>nope</body></html>');
    expect(result.outlines).toEqual([]);
    expect(result.errors).toEqual(['This file is not OPML (no <opml> element).']);
  });

  it('survives broken markup: unclosed outlines and stray ampersands', () => {
    const result = parseOpml('<opml><body><outline text="F & G"><outline xmlUrl="https://x.example/?a=1&b=2" text="X"></body>');
    expect(result.outlines).toEqual([{ title: 'F & G', feeds: [{ xmlUrl: 'https://x.example/?a=1&b=2', title: 'X' }] }]);
  });
});

describe('writeOpml', () => {
  const folders: OpmlFolder[] = [
    { title: '', feeds: [{ xmlUrl: 'https://top.example/feed?a=1&b=2', title: 'Top "quoted" <tag>', htmlUrl: 'https://top.example/' }] },
    { title: 'News & Views', feeds: [{ xmlUrl: 'https://n.example/feed', title: 'Line\nbreak' }] },
  ];

  it('round-trips folders, titles and URLs through parseOpml', () => {
    const text = writeOpml(folders, { title: 'Mine', dateCreated: Date.UTC(2025, 0, 2, 3, 4, 5) });
    expect(text).toContain('<dateCreated>Thu, 02 Jan 2025 03:04:05 GMT</dateCreated>');
    expect(text).toContain('<title>Mine</title>');
    const back = parseOpml(text);
    expect(back.errors).toEqual([]);
    expect(back.outlines).toEqual([
      folders[0],
      { title: 'News & Views', feeds: [{ xmlUrl: 'https://n.example/feed', title: 'Line break' }] },
    ]);
  });

  it('writes a well-formed document with every special character escaped', () => {
    const text = writeOpml(folders);
    expect(text.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n<opml version="2.0">')).toBe(true);
    expect(text).toContain('title="Top &quot;quoted&quot; &lt;tag&gt;"');
    expect(text).toContain('xmlUrl="https://top.example/feed?a=1&amp;b=2"');
    expect(text).not.toMatch(/&(?!amp;|lt;|gt;|quot;|#10;|#9;)/);
  });
});
