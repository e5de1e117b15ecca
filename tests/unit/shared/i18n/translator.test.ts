import { describe, expect, it } from 'vitest';
import { directionOf, negotiateLocale, resolveLanguage } from '../../../../shared/i18n/locales';
import { createTranslator, loadTranslator } from '../../../../shared/i18n/translator';
import { bundledCatalogues as catalogueFiles } from '../../../../shared/i18n/catalogues';

describe('the translator', () => {
  it('speaks English by default, with plural forms and numbers in the active locale', () => {
    const { t } = createTranslator();
    expect(t('settings.storage.articles', { count: 1 })).toBe('1 article');
    expect(t('settings.storage.articles', { count: 12345 })).toBe('12,345 articles');
    expect(t('palette.noMatch', { query: 'xyz' })).toBe('Nothing matches “xyz”.');
  });

  it('switches locale at once and falls back to English for a message a catalogue lacks', async () => {
    const translator = await loadTranslator('en-XA', catalogueFiles);
    expect(translator.t('common.cancel')).toMatch(/^\[Çåñçéļ/);
    expect(translator.locale()).toBe('en-XA');
    await translator.setLocale('en');
    expect(translator.t('common.cancel')).toBe('Cancel');
  });

  it('shows English for a locale whose catalogue is not there', async () => {
    const translator = await loadTranslator('de', async () => null);
    expect(translator.locale()).toBe('de');
    expect(translator.t('common.cancel')).toBe('Cancel');
  });

  it("ends on the language chosen last when an earlier choice's catalogue arrives after it", async () => {
    // Stepping through the Settings list with the arrow keys chooses each language in turn; a slow chunk for one
    // passed over must not win over the one the reader stopped on.
    let releaseGerman = () => {};
    const germanArrived = new Promise<void>((resolve) => {
      releaseGerman = resolve;
    });
    const translator = createTranslator('en', async (locale) => {
      if (locale === 'de') await germanArrived;
      return catalogueFiles(locale);
    });
    const german = translator.setLocale('de');
    const french = translator.setLocale('fr');
    await french;
    releaseGerman();
    await german;
    expect(translator.locale()).toBe('fr');
    expect(translator.i18n.language).toBe('fr');
    expect(translator.t('common.cancel')).toBe('Annuler');
  });

  it('picks a select form by context (what could not be fetched)', () => {
    const { t } = createTranslator();
    expect(t('errors.net.resourceFailed', { context: 'image' })).toBe('The image could not be fetched.');
    expect(t('errors.net.resourceFailed', { context: 'unknown-thing' } as unknown as { context: 'image' })).toBe('The download could not be fetched.');
  });
});

describe('choosing the locale', () => {
  it('follows the first preferred language it speaks, with regional and script fallbacks', () => {
    expect(negotiateLocale(['de-AT', 'en-US'])).toBe('de');
    expect(negotiateLocale(['pt-PT'])).toBe('pt-BR');
    expect(negotiateLocale(['pt'])).toBe('pt-BR');
    expect(negotiateLocale(['zh-Hant-HK'])).toBe('zh-TW');
    expect(negotiateLocale(['zh-HK'])).toBe('zh-TW');
    expect(negotiateLocale(['zh-Hans-CN'])).toBe('zh-CN');
    expect(negotiateLocale(['zh'])).toBe('zh-CN');
    expect(negotiateLocale(['zh_TW'])).toBe('zh-TW');
    expect(negotiateLocale(['iw-IL'])).toBe('he');
    expect(negotiateLocale(['gd', 'fa-IR'])).toBe('fa');
    expect(negotiateLocale(['gd', 'xx'])).toBe('en');
    expect(negotiateLocale([])).toBe('en');
  });

  it('takes the setting when it names a locale, the system otherwise', () => {
    expect(resolveLanguage('ja', ['de-DE'])).toBe('ja');
    expect(resolveLanguage('system', ['de-DE'])).toBe('de');
    expect(resolveLanguage('klingon', ['fr-CA'])).toBe('fr');
  });

  it('mirrors the chrome for Arabic, Hebrew and Persian only', () => {
    expect(['ar', 'he', 'fa', 'ar-EG'].map(directionOf)).toEqual(['rtl', 'rtl', 'rtl', 'rtl']);
    expect(['en', 'ja', 'ko', 'de'].map(directionOf)).toEqual(['ltr', 'ltr', 'ltr', 'ltr']);
  });
});
