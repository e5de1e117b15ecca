import { describe, expect, it } from 'vitest';
import { MAX_KEPT_ENTRIES, readXml, textOf, type XmlElement } from '../../../../shared/feeds/xml-tree';

function childElements(el: XmlElement | undefined): XmlElement[] {
  return (el?.children ?? []).filter((c): c is XmlElement => typeof c !== 'string');
}

describe('readXml', () => {
  it('keeps no more than MAX_KEPT_ENTRIES items per parent, yet reads what follows them in the same channel', () => {
    // Unclosed items past the cap must still be closed by the next item, as kept ones are.
    const extra = '<item><title>late</title><item><guid>open</guid></item>';
    const xml = `<rss><channel>${'<item><title>t</title></item>'.repeat(MAX_KEPT_ENTRIES)}${extra}<title>After</title><link>https://x.example/</link></channel></rss>`;
    const channel = childElements(readXml(xml, undefined).roots[0])[0];
    const children = childElements(channel);
    expect(children.filter((c) => c.name === 'item')).toHaveLength(MAX_KEPT_ENTRIES);
    expect(children.slice(-2).map((c) => [c.name, textOf(c)])).toEqual([['title', 'After'], ['link', 'https://x.example/']]);
    expect(children.some((c) => textOf(c) === 'late')).toBe(false);
  });

  it('counts RSS items and Atom entries separately, and only in the namespaces the readers accept', () => {
    const xml = `<feed xmlns="http://www.w3.org/2005/Atom" xmlns:x="urn:x">${'<x:entry/>'.repeat(MAX_KEPT_ENTRIES)}<item/><entry><id>kept</id></entry></feed>`;
    const children = childElements(readXml(xml, undefined).roots[0]);
    expect(children).toHaveLength(MAX_KEPT_ENTRIES + 2);
    expect(textOf(children[children.length - 1]!)).toBe('kept');
  });

  it('still closes a kept item whose close tag comes after a discarded sibling was opened', () => {
    const xml = `<rss><channel>${'<item/>'.repeat(MAX_KEPT_ENTRIES)}<item><title>x</title></item></channel><title>root-level</title></rss>`;
    const rss = readXml(xml, undefined).roots[0];
    expect(childElements(rss).map((c) => c.name)).toEqual(['channel', 'title']);
  });
});
