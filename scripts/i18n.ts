// Catalogue chores: `npm run i18n -- pseudo` regenerates the pseudo-locale from en.json; `npm run i18n -- check`
// checks every locale file against en.json (missing or extra messages, placeholders, markup, plural forms);
// `npm run i18n -- desktop-entry` writes the Linux desktop entry's Comment/GenericName per language into
// electron-builder.yml.
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { checkCatalogue } from '../shared/i18n/catalogue-check';
import type { Catalogue } from '../shared/i18n/catalogues';
import { PSEUDO_LOCALE, SUPPORTED_LOCALES } from '../shared/i18n/locales';
import { pseudoCatalogue } from '../shared/i18n/pseudo';

const dir = new URL('../shared/i18n/locales/', import.meta.url);
const read = (name: string) => JSON.parse(readFileSync(new URL(name, dir), 'utf8')) as Catalogue;
const english = read('en.json');
const command = process.argv[2] ?? 'check';

if (command === 'pseudo') {
  writeFileSync(new URL(`${PSEUDO_LOCALE}.json`, dir), `${JSON.stringify(pseudoCatalogue(english), null, 2)}\n`);
  console.log(`wrote shared/i18n/locales/${PSEUDO_LOCALE}.json`);
} else if (command === 'check') {
  let failed = 0;
  for (const file of readdirSync(dir).filter((name) => name.endsWith('.json') && name !== 'en.json').sort()) {
    const locale = file.replace(/\.json$/, '');
    let problems: string[];
    try {
      problems = checkCatalogue(locale, read(file), english);
    } catch (cause) {
      problems = [`${locale}: ${file} is not valid JSON (${cause instanceof Error ? cause.message : String(cause)})`];
    }
    failed += problems.length > 0 ? 1 : 0;
    console.log(problems.length === 0 ? `${locale}: complete` : problems.join('\n'));
  }
  process.exitCode = failed > 0 ? 1 : 0;
} else if (command === 'desktop-entry') {
  const file = new URL('../electron-builder.yml', import.meta.url);
  const entryOf = (catalogue: Catalogue, key: 'comment' | 'genericName') => {
    const section = catalogue.desktopEntry;
    return typeof section === 'object' && typeof section[key] === 'string' ? section[key] : '';
  };
  const lines = [`      Comment: ${JSON.stringify(entryOf(english, 'comment'))}`, `      GenericName: ${JSON.stringify(entryOf(english, 'genericName'))}`];
  for (const locale of SUPPORTED_LOCALES.filter((code) => code !== 'en')) {
    const catalogue = read(`${locale}.json`);
    const xdg = locale.replace('-', '_');
    lines.push(`      Comment[${xdg}]: ${JSON.stringify(entryOf(catalogue, 'comment'))}`, `      GenericName[${xdg}]: ${JSON.stringify(entryOf(catalogue, 'genericName'))}`);
  }
  const yml = readFileSync(file, 'utf8');
  const block = /( +# BEGIN desktop-entry translations\n)[\s\S]*?( +# END desktop-entry translations)/;
  writeFileSync(file, yml.replace(block, (_, begin: string, end: string) => `${begin}${lines.join('\n')}\n${end}`));
  console.log('wrote the desktop entry translations into electron-builder.yml');
} else {
  console.error('usage: npm run i18n -- pseudo | check | desktop-entry');
  process.exitCode = 2;
}
