import { describe, expect, it } from 'vitest';
import { bundledCatalogues } from '../../../../shared/i18n/catalogues';
import { coded, describeError } from '../../../../shared/i18n/errors';
import { createTranslator, loadTranslator } from '../../../../shared/i18n/translator';
import { networkError } from '../../../../shared/net/network-error';

describe('errors worded where they are shown', () => {
  it('says an error with a code in the reader\'s language, with its values, sizes and nested reasons', async () => {
    const english = createTranslator();
    const refused = networkError(Object.assign(new TypeError('fetch failed'), { cause: { code: 'ECONNREFUSED' } }));
    expect(describeError(refused, english.t)).toBe('Could not reach the server: the connection was refused.');
    const tooLarge = coded('errors.net.tooLarge_feed', 'The feed is larger than 15 MiB, …', { size: 15_000_000 });
    expect(describeError(tooLarge, english.t)).toBe('The feed is larger than 15 MB, the most Broadsheet downloads.');

    const german = await loadTranslator('de', bundledCatalogues);
    expect(describeError(tooLarge, german.t)).toMatch(/^Der Feed ist größer als 15 MB/);
    expect(describeError(refused, german.t)).not.toMatch(/connection/);
  });

  it('falls back to the English message for an error without a code (rows stored before codes existed)', () => {
    const { t } = createTranslator();
    expect(describeError({ message: 'An old message.' }, t)).toBe('An old message.');
    expect(describeError('A plain string.', t)).toBe('A plain string.');
  });
});
