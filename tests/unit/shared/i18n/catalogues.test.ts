import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { checkCatalogue, flattenCatalogue } from '../../../../shared/i18n/catalogue-check';
import type { Catalogue } from '../../../../shared/i18n/catalogues';
import { isLocaleCode, PSEUDO_LOCALE } from '../../../../shared/i18n/locales';
import { pseudoCatalogue, pseudoLocalize } from '../../../../shared/i18n/pseudo';

const dir = new URL('../../../../shared/i18n/locales/', import.meta.url);
const read = (file: string) => JSON.parse(readFileSync(new URL(file, dir), 'utf8')) as Catalogue;
const english = read('en.json');
const localeFiles = readdirSync(dir).filter((file) => file.endsWith('.json') && file !== 'en.json').sort();

describe('message catalogues', () => {
  it('names every locale file after a supported locale', () => {
    expect(localeFiles).toContain(`${PSEUDO_LOCALE}.json`);
    for (const file of localeFiles) {
      expect(isLocaleCode(file.replace(/\.json$/, '')), `${file} is not a locale code of shared/i18n/locales.ts`).toBe(true);
    }
  });

  it.each(localeFiles)('%s has every English message with the same placeholders and its own plural forms', (file) => {
    expect(checkCatalogue(file.replace(/\.json$/, ''), read(file), english)).toEqual([]);
  });

  it('keeps the pseudo-locale generated from the current English catalogue (npm run i18n -- pseudo)', () => {
    expect(read(`${PSEUDO_LOCALE}.json`)).toEqual(pseudoCatalogue(english));
  });

  it('has no empty English message', () => {
    for (const [key, message] of flattenCatalogue(english)) {
      expect(typeof message === 'string' && message.trim() !== '', key).toBe(true);
    }
  });
});

describe('the catalogue check', () => {
  const reference: Catalogue = {
    list: { title: 'Articles in {{feed}}', items_one: '{{count, number}} article', items_other: '{{count, number}} articles' },
    lead: '<strong>No feeds yet.</strong> Add one.',
  };

  it('accepts a complete catalogue with the plural forms of its language', () => {
    const russian: Catalogue = {
      list: {
        title: 'Статьи в {{feed}}',
        items_one: '{{count, number}} статья',
        items_few: '{{count, number}} статьи',
        items_many: '{{count, number}} статей',
        items_other: '{{count, number}} статьи',
      },
      lead: '<strong>Лент пока нет.</strong> Добавьте.',
    };
    expect(checkCatalogue('ru', russian, reference)).toEqual([]);
  });

  it('reports missing messages, changed placeholders and markup, and wrong plural forms', () => {
    const broken: Catalogue = {
      list: { title: 'Статьи в {{channel}}', items_one: '{{count, number}} статья', items_other: '{{count, number}} статьи' },
      lead: 'Лент пока нет.',
      extra: 'x',
    };
    const problems = checkCatalogue('ru', broken, reference);
    expect(problems).toEqual(
      expect.arrayContaining([
        expect.stringContaining('list.title has placeholders channel'),
        expect.stringContaining('list.items lacks the plural forms few, many'),
        expect.stringContaining('lead has markup none'),
        expect.stringContaining('extra is not in the English catalogue'),
      ]),
    );
    expect(checkCatalogue('ja', { list: { title: '{{feed}}', items_one: 'x', items_other: '{{count, number}} 件' }, lead: '<strong>x</strong>' }, reference)).toEqual([
      'ja: list.items has plural forms ja does not use: one',
    ]);
    expect(checkCatalogue('de', { list: { title: '{{feed}}', items_other: 'x' }, lead: '<strong>x</strong>' }, reference)).toEqual(
      expect.arrayContaining(['de: list.items lacks the plural forms one (de has one, other)']),
    );
  });
});

describe('the pseudo-locale', () => {
  it('accents every letter, keeps placeholders and markup, and is at least a third longer', () => {
    const message = '<strong>Added {{feeds}}</strong> from {{file}}.';
    const pseudo = pseudoLocalize(message);
    expect(pseudo).toMatch(/^\[.*\]$/);
    expect(pseudo).toContain('<strong>');
    expect(pseudo).toContain('{{feeds}}');
    expect(pseudo).toContain('{{file}}');
    expect(pseudo.replace(/\{\{[^}]*\}\}|<[^>]*>/g, '')).not.toMatch(/[A-Za-z]/);
    const visible = (text: string) => text.replace(/\{\{[^}]*\}\}|<[^>]*>/g, '').length;
    expect(visible(pseudo)).toBeGreaterThanOrEqual(visible(message) * 1.33);
  });
});
