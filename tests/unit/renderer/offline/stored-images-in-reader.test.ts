// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { articleDocument, defaultReaderPreferences } from '../../../../renderer/reader/article-document';
import { sanitizeArticleHtml } from '../../../../renderer/reader/sanitize';

const frag = (html: string) => {
  const template = document.createElement('template');
  template.innerHTML = html;
  return template.content;
};

describe('stored images in the reader', () => {
  const stored = new Map([
    ['https://news.example/a.png', 'blob:http://app/1111'],
    ['https://news.example/b-large.jpg', 'blob:http://app/2222'],
  ]);

  it('shows stored images from their object URL, others from the network', () => {
    const html = sanitizeArticleHtml('<img src="https://news.example/a.png" alt="a"><img src="https://news.example/other.png" alt="o">', { storedImages: stored, baseUrl: 'https://news.example/story' });
    const images = [...frag(html).querySelectorAll('img')];
    expect(images.map((img) => img.getAttribute('src'))).toEqual(['blob:http://app/1111', 'https://news.example/other.png']);
  });

  it('replaces a srcset by the stored candidate, so the browser cannot pick a network one', () => {
    const html = sanitizeArticleHtml('<img src="https://news.example/b-small.jpg" srcset="https://news.example/b-small.jpg 400w, https://news.example/b-large.jpg 1600w" sizes="100vw">', { storedImages: stored });
    const img = frag(html).querySelector('img');
    expect(img?.getAttribute('src')).toBe('blob:http://app/2222');
    expect(img?.hasAttribute('srcset')).toBe(false);
  });

  it('never lets an article bring its own blob: URL', () => {
    const html = sanitizeArticleHtml('<img src="blob:http://app/1111">', { storedImages: stored });
    expect(frag(html).querySelector('img')?.hasAttribute('src')).toBe(false);
  });

  it('strips tracking pixels from what is shown', () => {
    const html = sanitizeArticleHtml(
      '<p>Text<img src="https://feeds.feedburner.com/~r/example/~4/abc" height="1" width="1"><img src="https://x.example/p.gif" width="1" height="1"><img src="https://pixel.wp.com/g.gif"><img src="https://x.example/photo.jpg"></p>',
    );
    expect([...frag(html).querySelectorAll('img')].map((img) => img.getAttribute('src'))).toEqual(['https://x.example/photo.jpg']);
    expect(html).toContain('Text');
  });

  it('builds the reader document with the stored copies', () => {
    const doc = articleDocument({ title: 'T', feedTitle: 'F', url: 'https://news.example/story', html: '<img src="https://news.example/a.png">', storedImages: stored }, defaultReaderPreferences);
    expect(doc).toContain('src="blob:http://app/1111"');
  });
});
