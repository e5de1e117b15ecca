/** The welcome article names the keys that work: the reader's own where they rebound a command, in its table and its text. */
import { describe, expect, it } from 'vitest';
import { formattersFor } from '../../../shared/i18n/format';
import { createTranslator } from '../../../shared/i18n/translator';
import { welcomeArticle } from '../../../shared/welcome';

const { t } = createTranslator();
const format = formattersFor('en');
const row = (html: string, title: string) => new RegExp(`<tr><td>${title}</td><td>(.*?)</td></tr>`).exec(html)?.[1];

describe('welcome article', () => {
  it('lists the default keys when nothing is rebound', () => {
    const { html } = welcomeArticle(false, t, format);
    expect(row(html, 'Next article')).toBe('<kbd>J</kbd>');
    expect(html).toContain('Press <kbd>A</kbd> or choose');
    expect(html).toContain('Press <kbd>?</kbd> at any time');
  });

  it('names the rebound keys in its table and in its text, and leaves out a command whose keys were all removed', () => {
    const { html } = welcomeArticle(false, t, format, { 'article.next': ['l'], 'feed.add': ['shift+n'], 'help.shortcuts': ['h'], 'article.previous': [] });
    expect(row(html, 'Next article')).toBe('<kbd>L</kbd>');
    expect(row(html, 'Previous article')).toBeUndefined();
    expect(html).toContain('Press <kbd>Shift+N</kbd> or choose');
    expect(html).toContain('Press <kbd>H</kbd> at any time');
    expect(html).not.toContain('<kbd>A</kbd>');
  });
});
