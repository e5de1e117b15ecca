// Reads the locale catalogues from shared/i18n/locales/ for unit tests (the renderer bundles them, the main
// process reads its copy beside its bundle).
import { readFile } from 'node:fs/promises';
import type { Catalogue, CatalogueLoader } from '../../shared/i18n/catalogues';

const dir = new URL('../../shared/i18n/locales/', import.meta.url);

export const catalogueFiles: CatalogueLoader = async (locale) => {
  try {
    return JSON.parse(await readFile(new URL(`${locale}.json`, dir), 'utf8')) as Catalogue;
  } catch {
    return null;
  }
};
