// @vitest-environment jsdom
/**
 * Every payload of the hostile corpus through the reader's sanitiser (and through the whole reader document):
 * what comes out, parsed once as the sandboxed frame parses its srcdoc, holds nothing that can run, navigate,
 * frame, submit or fetch from a non-http(s) URL.
 */
import { describe, expect, it } from 'vitest';
import { articleDocument, defaultReaderPreferences } from '../../../renderer/reader/article-document';
import { sanitizeArticleHtml } from '../../../renderer/reader/sanitize';
import { EVIL_ORIGIN, HOSTILE_PAYLOADS, URL_ATTRIBUTE_NAMES } from '../../fixtures/hostile/payloads';

const FORBIDDEN_ELEMENTS = [
  'script', 'iframe', 'frame', 'frameset', 'object', 'embed', 'applet', 'form', 'base', 'meta', 'style', 'link',
  'template', 'portal', 'fencedframe', 'noscript', 'isindex', 'input', 'button', 'textarea', 'select', 'keygen',
  'animate', 'set', 'handler', 'foreignobject', 'use', 'bgsound',
];
const FORBIDDEN_ATTRIBUTES = ['srcdoc', 'style', 'formaction', 'action', 'ping', 'background', 'poster', 'dynsrc', 'lowsrc'];
const SCHEME = /^([a-z][a-z0-9+.-]*):/i;

/** Every problem with one element tree, as readable strings (empty when clean). */
function problemsIn(root: ParentNode, allowed: { elements?: readonly string[] } = {}): string[] {
  const problems: string[] = [];
  for (const el of Array.from(root.querySelectorAll('*'))) {
    const name = el.localName.toLowerCase();
    if (FORBIDDEN_ELEMENTS.includes(name) && !allowed.elements?.includes(name)) problems.push(`<${name}>`);
    for (const attr of Array.from(el.attributes)) {
      const attrName = attr.name.toLowerCase();
      if (attrName.startsWith('on')) problems.push(`${name}[${attrName}]`);
      if (FORBIDDEN_ATTRIBUTES.includes(attrName)) problems.push(`${name}[${attrName}]`);
      // DOM clobbering: an article's id or name must never become a name on the frame's window or document.
      if ((attrName === 'id' || attrName === 'name') && !attr.value.startsWith('user-content-')) problems.push(`${name}[${attrName}=${attr.value}] clobbers`);
      // DOMPurify blanks `is` rather than removing it; an empty `is` names no custom element.
      if (attrName === 'is' && attr.value !== '') problems.push(`${name}[is=${attr.value}]`);
      if (attr.value.includes(EVIL_ORIGIN.slice('http://'.length)) && attrName !== 'href') problems.push(`${name}[${attrName}] reaches ${attr.value}`);
      if (URL_ATTRIBUTE_NAMES.includes(attrName) || attrName.endsWith(':href') || attrName === 'href') {
        const urls = attrName === 'srcset' ? attr.value.split(',').map((c) => c.trim().split(/\s+/)[0] ?? '') : [attr.value];
        for (const url of urls) {
          // The URL parser ignores leading/trailing C0 controls and spaces and removes tabs and newlines.
          const scheme = SCHEME.exec(url.replace(/[\u0000-\u0020]/g, ''))?.[1]?.toLowerCase();
          if (scheme !== undefined && scheme !== 'http' && scheme !== 'https') problems.push(`${name}[${attrName}=${url}]`);
        }
      }
    }
  }
  return problems;
}

function parsedFragment(html: string): DocumentFragment {
  const template = document.createElement('template');
  template.innerHTML = html;
  return template.content;
}

describe('hostile article HTML', () => {
  it(`has a corpus of at least 150 payloads (${HOSTILE_PAYLOADS.length})`, () => {
    expect(HOSTILE_PAYLOADS.length).toBeGreaterThanOrEqual(150);
    expect(new Set(HOSTILE_PAYLOADS).size).toBe(HOSTILE_PAYLOADS.length);
  });

  it('sanitises every payload to HTML with no script, handler, frame, form, stylesheet or non-http(s) URL', () => {
    const leaks: Array<{ payload: string; output: string; problems: string[] }> = [];
    for (const payload of HOSTILE_PAYLOADS) {
      const output = sanitizeArticleHtml(payload);
      // Parsed once, as the frame parses srcdoc; then once more, as a re-serialisation would (mutation XSS).
      const once = parsedFragment(output);
      const twice = parsedFragment(parsedFragment(output).firstChild ? (() => {
        const holder = document.createElement('div');
        holder.append(once.cloneNode(true));
        return holder.innerHTML;
      })() : '');
      const problems = [...problemsIn(once), ...problemsIn(twice)];
      if (problems.length > 0) leaks.push({ payload, output, problems });
    }
    expect(leaks).toEqual([]);
  });

  it('keeps harmless content of hostile payloads instead of dropping the article', () => {
    expect(sanitizeArticleHtml('<p>before</p><script>x()</script><p>after</p>')).toBe('<p>before</p><p>after</p>');
    expect(sanitizeArticleHtml('<a href="https://example.com/" onclick="x()">link</a>')).toContain('href="https://example.com/"');
    expect(sanitizeArticleHtml('<img src="https://example.com/a.png" onerror="x()">')).toMatch(/<img src="https:\/\/example\.com\/a\.png"/);
    expect(sanitizeArticleHtml('<img srcset="https://example.com/a.png 1x, https://example.com/b.png 2x">')).toContain('srcset=');
    // Footnotes keep working under the anti-clobbering prefix.
    expect(sanitizeArticleHtml('<a href="#fn1">1</a><li id="fn1">note</li>')).toBe(
      '<a href="#user-content-fn1" rel="noopener noreferrer">1</a><li id="user-content-fn1">note</li>',
    );
  });

  it('builds a reader document where title, author, feed title, link and enclosures cannot inject markup', () => {
    const leaks: Array<{ payload: string; problems: string[] }> = [];
    for (const payload of HOSTILE_PAYLOADS) {
      const html = articleDocument(
        {
          title: payload,
          author: payload,
          feedTitle: payload,
          url: `https://example.com/"><script>${payload}</script>`,
          html: payload,
          published: 0,
          enclosures: [
            { url: `javascript:parent.__pwned=1`, type: 'audio/mpeg' },
            { url: `https://example.com/a.mp3"><svg onload=parent.__pwned=1>`, type: 'audio/mpeg' },
            { url: `https://example.com/b.mp4" onerror="parent.__pwned=1`, type: 'video/mp4' },
            { url: `https://example.com/c.pdf"><img src=x onerror=parent.__pwned=1>` },
          ],
        },
        defaultReaderPreferences,
      );
      const doc = new DOMParser().parseFromString(html, 'text/html');
      const problems = problemsIn(doc, { elements: ['style', 'meta'] });
      // The reader's own <style> and <meta charset> are the only ones, both in <head>.
      if (doc.querySelectorAll('style').length !== 1 || doc.body.querySelector('style, meta')) problems.push('extra style/meta');
      if (doc.querySelectorAll('meta').length !== 1 || doc.querySelector('meta')?.getAttribute('http-equiv')) problems.push('extra meta');
      if (doc.querySelector('h1.title')?.textContent?.trim() !== payload.trim().replace(/\s+/g, ' ') && !doc.querySelector('h1.title')?.textContent?.includes(payload.slice(0, 8))) {
        problems.push('title not shown as text');
      }
      if (problems.length > 0) leaks.push({ payload, problems });
    }
    expect(leaks).toEqual([]);
  });
});
