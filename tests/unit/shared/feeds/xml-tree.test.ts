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

  it('counts entries of a root under an unknown namespace, as the Atom reader reads them', () => {
    const xml = `<feed xmlns="http://example.com/old-atom">${'<entry/>'.repeat(MAX_KEPT_ENTRIES + 5)}</feed>`;
    expect(childElements(readXml(xml, undefined).roots[0])).toHaveLength(MAX_KEPT_ENTRIES);
  });
});

describe('readXml recovery stays inside elements of other vocabularies', () => {
  const itemOf = (xml: string): XmlElement => childElements(childElements(readXml(`<rss><channel>${xml}</channel></rss>`, undefined).roots[0])[0])[0]!;
  const shape = (el: XmlElement): unknown => [el.name, ...childElements(el).map(shape)];

  it("keeps a title inside an Atom author as the author's, not the item's", () => {
    const item = itemOf('<item><title>Real</title><author xmlns="http://www.w3.org/2005/Atom"><name>J</name><title>Director</title></author></item>');
    expect(shape(item)).toEqual(['item', ['title'], ['author', ['name'], ['title']]]);
    const first = itemOf('<item><author xmlns="http://www.w3.org/2005/Atom"><title></title><name>J</name></author><title>Real</title></item>');
    expect(shape(first)).toEqual(['item', ['author', ['title'], ['name']], ['title']]);
  });

  it('still closes a text field left unclosed when the next field opens', () => {
    expect(shape(itemOf('<item><title>No close<link>https://x.example/</link><dc:creator>A<category>c</category></item>'))).toEqual(
      ['item', ['title'], ['link'], ['creator'], ['category']],
    );
  });

  it('keeps nested iTunes categories nested', () => {
    const item = itemOf('<item><itunes:category text="A"><itunes:category text="B"/></itunes:category></item>');
    expect(shape(item)).toEqual(['item', ['category', ['category']]]);
  });

  it('keeps an item nested in a foreign element inside it, yet closes an unclosed item', () => {
    expect(shape(itemOf('<item><title>T</title><x:related xmlns:x="urn:x"><item><title>R</title></item></x:related><link>l</link></item>'))).toEqual(
      ['item', ['title'], ['related', ['item', ['title']]], ['link']],
    );
    const channel = childElements(readXml('<rss><channel><item><title>A</title><description>d<item><title>B</title></item></channel></rss>', undefined).roots[0])[0];
    expect(childElements(channel).map((c) => c.name)).toEqual(['item', 'item']);
  });
});
