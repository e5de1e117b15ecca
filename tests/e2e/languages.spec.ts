/**
 * Languages, as a person meets them: the window speaks the browser's (the OS's) language, another can be chosen in
 * Settings and applies at once, right-to-left languages mirror the chrome but not the article, and in the
 * pseudo-locale (every message accented and a third longer) no screen shows a word the catalogue did not give it and
 * no control cuts its text off.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Locator, Page } from '@playwright/test';
import type { Catalogue } from '../../shared/i18n/catalogues';
import { pseudoLocalize } from '../../shared/i18n/pseudo';
import type { FeedServer } from '../support/feed-server';
import { startFeedServer } from '../support/feed-server';
import { expect, screenshotDir, test } from './fixtures';

let server: FeedServer;
const englishCatalogue = JSON.parse(readFileSync(new URL('../../shared/i18n/locales/en.json', import.meta.url), 'utf8')) as Catalogue;

/** What the library holds: shown as it is in every language, so the sweep below knows it is not chrome. */
const FEED_TITLE = 'Daily Planet';
const FOLDER_TITLE = 'Metropolis';
const ITEMS = [
  { guid: 'a', title: 'Mayor opens the harbour bridge', html: '<p>Thousands walked across on the first morning.</p>', ageHours: 1 },
  { guid: 'b', title: 'Library extends its opening hours', html: '<p>Reading rooms stay open until ten.</p>', ageHours: 30 },
];
const DATA = [FEED_TITLE, FOLDER_TITLE, ...ITEMS.flatMap((item) => [item.title, item.html.replace(/<[^>]+>/g, '')])];

function rss(origin: string): string {
  const items = ITEMS.map(
    (item) => `<item><title>${item.title}</title><link>${origin}/a/${item.guid}</link><guid>${item.guid}</guid>
<pubDate>${new Date(Date.now() - item.ageHours * 3_600_000).toUTCString()}</pubDate><description><![CDATA[${item.html}]]></description></item>`,
  ).join('\n');
  return `<?xml version="1.0"?><rss version="2.0"><channel><title>${FEED_TITLE}</title><link>${origin}/</link>${items}</channel></rss>`;
}

test.beforeAll(async () => {
  server = await startFeedServer();
  server.setFeed('/planet.xml', rss(server.origin));
});
test.afterAll(async () => {
  await server.close();
});

/** A message of the English catalogue, as the pseudo-locale shows it (`count` picks the plural form). */
function pseudo(key: string, values: Record<string, string | number> = {}): string {
  let node: Catalogue | string | undefined = englishCatalogue;
  const path = key.split('.');
  const last = path.pop() ?? '';
  for (const part of path) node = typeof node === 'object' ? node[part] : undefined;
  const leaf = typeof node === 'object' ? (node[last] ?? node[`${last}_${values.count === 1 ? 'one' : 'other'}`]) : undefined;
  if (typeof leaf !== 'string') throw new Error(`no message ${key}`);
  return pseudoLocalize(leaf).replace(/\{\{\s*(\w+)[^}]*\}\}/g, (_, name: string) => String(values[name] ?? ''));
}

/**
 * Every piece of text a person can see or hear in the window (text, aria-label, title, placeholder, the chosen
 * option of a select) that still has two Latin letters in a row once the library's own text, addresses and the
 * product's name are taken out: text that did not come from the catalogue. And every button, label or tab whose
 * text is cut off (wider than the control). The reader's frame is the article, not chrome.
 */
async function auditScreen(page: Page): Promise<{ untranslated: string[]; clipped: string[] }> {
  return page.evaluate((data) => {
    // Language names come from Intl (each language by its own name); in the pseudo-locale that is English.
    // So are the words that join a list ("a, b or c").
    const lang = document.documentElement.lang;
    const intlNames = [new Intl.DisplayNames([lang], { type: 'language' }).of('en-XA') ?? ''];
    const intlWords: string[] = [];
    for (const type of ['conjunction', 'disjunction'] as const) {
      const joined = new Intl.ListFormat(lang, { type }).format(['\u0001', '\u0002', '\u0003']);
      intlWords.push(...(joined.match(/\p{L}+/gu) ?? []));
    }
    // And the units of sizes ("12 MB"; whole bytes by their long name, "512 bytes").
    for (const unit of ['byte', 'kilobyte', 'megabyte', 'gigabyte']) {
      for (const value of [0, 1, 2.5]) intlWords.push(...(new Intl.NumberFormat(lang, { style: 'unit', unit, unitDisplay: 'short' }).format(value).match(/\p{L}+/gu) ?? []));
    }
    for (const value of [0, 1, 2, 5, 512]) intlWords.push(...(new Intl.NumberFormat(lang, { style: 'unit', unit: 'byte', unitDisplay: 'long' }).format(value).match(/\p{L}+/gu) ?? []));
    const clean = (text: string) => {
      let rest = text.replace(/https?:\/\/\S+/g, ' ').replace(/Broadsheet/g, ' ');
      for (const name of intlNames) rest = rest.split(name).join(' ');
      for (const word of intlWords) rest = rest.replace(new RegExp(`(^|[^\\p{L}])${word}(?=$|[^\\p{L}])`, 'gu'), ' ');
      for (const item of data) rest = rest.split(item).join(' ');
      return rest;
    };
    const visible = (element: Element) => {
      const box = element.getBoundingClientRect();
      return box.width > 0 && box.height > 0 && element.checkVisibility({ visibilityProperty: true, opacityProperty: true });
    };
    const untranslated = new Set<string>();
    const note = (text: string | null | undefined, where: Element) => {
      if (text && /[A-Za-z]{2}/.test(clean(text))) untranslated.add(`${where.tagName.toLowerCase()}${where.className ? `.${String(where.className).split(' ')[0]}` : ''}: ${text.trim().slice(0, 80)}`);
    };
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    while (walker.nextNode()) {
      const parent = walker.currentNode.parentElement;
      // Dates and times are Intl's words in the locale (English month names in the pseudo-locale).
      if (!parent || parent.closest('script, style, select, time, [translate="no"]') || !visible(parent)) continue;
      note(walker.currentNode.textContent, parent);
    }
    for (const element of document.body.querySelectorAll('[aria-label], [title], [placeholder]')) {
      if (!visible(element) && element.getAttribute('role') !== 'dialog') continue;
      for (const name of ['aria-label', 'title', 'placeholder']) note(element.getAttribute(name), element);
    }
    for (const select of document.body.querySelectorAll('select')) {
      const chosen = select.selectedOptions[0];
      if (visible(select) && chosen && !chosen.closest('[translate="no"]')) note(chosen.textContent, select);
    }
    if (document.title) note(document.title, document.documentElement);

    const clipped: string[] = [];
    for (const control of document.body.querySelectorAll('button, label, [role="tab"], .settings-label, select')) {
      if (!visible(control)) continue;
      if (control.scrollWidth > control.clientWidth + 1) clipped.push(`${control.tagName.toLowerCase()}: ${(control.textContent ?? '').trim().slice(0, 60)} (${control.scrollWidth} > ${control.clientWidth})`);
    }
    return { untranslated: [...untranslated], clipped };
  }, DATA);
}

async function expectAllTranslated(page: Page, screen: string): Promise<void> {
  const { untranslated, clipped } = await auditScreen(page);
  expect(untranslated, `untranslated text on ${screen}`).toEqual([]);
  expect(clipped, `clipped controls on ${screen}`).toEqual([]);
}

const dialog = (page: Page, titleKey: string): Locator => page.getByRole('dialog', { name: pseudo(titleKey) });

test.describe('in the pseudo-locale', () => {
  test.use({ locale: 'en-XA', viewport: { width: 1280, height: 800 } });

  test('every main screen shows only catalogue text, and no control is cut off', async ({ page }) => {
    test.setTimeout(180_000);
    await page.goto('/');
    await expect(page.locator('html')).toHaveAttribute('lang', 'en');
    await expect(page.getByRole('navigation', { name: pseudo('sidebar.label') })).toBeVisible();
    await expectAllTranslated(page, 'the first run (welcome article, empty sidebar)');

    // Add a feed into a new folder: the add-feed dialog, then the list and the reader.
    await page.keyboard.press('a');
    const add = dialog(page, 'addFeed.title');
    await expect(add).toBeVisible();
    await expectAllTranslated(page, 'the add-feed dialog');
    await add.getByLabel(pseudo('addFeed.address')).fill(server.url('/planet.xml'));
    await add.getByRole('combobox').selectOption({ label: pseudo('folderSelect.newFolder') });
    await add.getByLabel(pseudo('addFeed.newFolderName')).fill(FOLDER_TITLE);
    await expectAllTranslated(page, 'the add-feed dialog with a new folder');
    await add.getByRole('button', { name: pseudo('addFeed.subscribe') }).click();
    await expect(add).toBeHidden();
    const list = page.getByRole('listbox', { name: pseudo('list.listLabel', { title: FEED_TITLE }) });
    await expect(list.getByRole('option')).toHaveCount(2);
    await page.keyboard.press('j');
    await expect(page.frameLocator('iframe.reader-frame').getByRole('heading', { name: ITEMS[0]?.title ?? '' })).toBeVisible();
    await expectAllTranslated(page, 'the list and the reader');

    // The article's context menu, then the rule dialog it opens.
    await list.getByRole('option').first().click({ button: 'right' });
    const menu = page.getByRole('menu');
    await expect(menu).toBeVisible();
    await expectAllTranslated(page, 'the article menu');
    await menu.getByRole('menuitem', { name: pseudo('menus.muteLikeThis') }).click();
    const rule = dialog(page, 'rules.muteTitle');
    await expect(rule.getByText(pseudo('rules.editor.then'))).toBeVisible();
    await expect(rule.locator('.rule-preview p').first()).not.toHaveText(pseudo('rules.editor.reading'));
    await expectAllTranslated(page, 'the rule dialog');
    await page.keyboard.press('Escape');
    await expect(rule).toBeHidden();

    // The feed's context menu: rename (the prompt) and its settings.
    const feedRow = page.getByRole('navigation', { name: pseudo('sidebar.label') }).getByRole('button', { name: new RegExp(`^${FEED_TITLE}`) });
    await feedRow.click({ button: 'right' });
    await expectAllTranslated(page, 'the feed menu');
    await page.getByRole('menuitem', { name: pseudo('common.renameMenu') }).click();
    const prompt = dialog(page, 'prompts.renameFeed');
    await expect(prompt).toBeVisible();
    await expectAllTranslated(page, 'the rename prompt');
    await page.keyboard.press('Escape');
    await feedRow.click({ button: 'right' });
    await page.getByRole('menuitem', { name: pseudo('menus.feedSettings') }).click();
    const feedSettings = dialog(page, 'feedSettings.title');
    await expect(feedSettings).toBeVisible();
    await expectAllTranslated(page, 'the feed settings');
    await page.keyboard.press('Escape');
    await expect(feedSettings).toBeHidden();

    // Search, the palette and the shortcut sheet.
    await page.keyboard.press('/');
    await page.getByRole('searchbox').fill('bridge');
    await expect(page.getByRole('status').filter({ hasText: pseudo('search.results', { count: 1 }) })).toBeVisible();
    await expectAllTranslated(page, 'search results');
    await page.keyboard.press('Escape');
    await page.keyboard.press('Control+k');
    const palette = dialog(page, 'palette.title');
    await expect(palette).toBeVisible();
    await expectAllTranslated(page, 'the command palette');
    await page.keyboard.press('Escape');
    await page.locator('.article-list').focus();
    await page.keyboard.press('?');
    const sheet = dialog(page, 'shortcuts.title');
    await expect(sheet).toBeVisible();
    await expectAllTranslated(page, 'the keyboard shortcuts sheet');
    await page.keyboard.press('Escape');

    // Every section of Settings, the rule editor and the OPML import dialog it leads to.
    await page.keyboard.press('Control+Comma');
    const settings = dialog(page, 'settings.title');
    for (const section of ['appearance', 'reading', 'sync', 'accounts', 'rules', 'storage', 'keyboard', 'desktop', 'backup', 'language']) {
      await settings.getByRole('tab', { name: pseudo(`settings.sections.${section}`) }).click();
      await expect(settings.getByRole('tabpanel')).toBeVisible();
      await expectAllTranslated(page, `Settings → ${section}`);
    }
    await settings.getByRole('tab', { name: pseudo('settings.sections.rules') }).click();
    await settings.getByRole('button', { name: pseudo('rules.list.add') }).click();
    await expectAllTranslated(page, 'Settings → Rules → new rule');
    await settings.getByRole('tab', { name: pseudo('settings.sections.backup') }).click();
    await settings.getByRole('button', { name: pseudo('settings.backup.importOpml') }).click();
    await expect(dialog(page, 'opml.title')).toBeVisible();
    await expectAllTranslated(page, 'the OPML import dialog');
    await page.screenshot({ path: path.join(screenshotDir, 'i18n-pseudo-opml.png') });
  });
});

test.describe('choosing the language', () => {
  test.use({ locale: 'de-DE', viewport: { width: 1280, height: 800 } });

  test('follows the browser, switches at once in Settings, and mirrors the chrome for Arabic but not the article', async ({ page }) => {
    await page.goto('/');
    const root = page.locator('html');
    await expect(root).toHaveAttribute('lang', 'de');
    await expect(root).toHaveAttribute('dir', 'ltr');
    await page.keyboard.press('a');
    const add = page.getByRole('dialog');
    await add.getByRole('textbox').first().fill(server.url('/planet.xml'));
    await page.keyboard.press('Enter');
    await expect(add).toBeHidden();
    await expect(page.locator('.article-row')).toHaveCount(2);
    await page.keyboard.press('j');
    await expect(page.frameLocator('iframe.reader-frame').getByRole('heading', { name: ITEMS[0]?.title ?? '' })).toBeVisible();
    await page.screenshot({ path: path.join(screenshotDir, 'i18n-de.png') });

    // Japanese, chosen in Settings → Language: the window changes without a reload.
    await page.keyboard.press('Control+Comma');
    const settingsDe = page.getByRole('dialog', { name: 'Einstellungen' });
    await settingsDe.getByRole('tab', { name: 'Sprache' }).click();
    await page.evaluate(() => ((window as unknown as { notReloaded: boolean }).notReloaded = true));
    await settingsDe.getByRole('combobox').selectOption('ja');
    await expect(root).toHaveAttribute('lang', 'ja');
    const settingsJa = page.getByRole('dialog', { name: '設定' });
    await expect(settingsJa).toBeVisible();
    expect(await page.evaluate(() => (window as unknown as { notReloaded?: boolean }).notReloaded)).toBe(true);
    await page.keyboard.press('Escape');
    await page.screenshot({ path: path.join(screenshotDir, 'i18n-ja.png') });

    // Arabic: the chrome mirrors (the sidebar moves to the right), the article keeps its own direction.
    await page.keyboard.press('Control+Comma');
    await settingsJa.getByRole('combobox').selectOption('ar');
    await expect(root).toHaveAttribute('dir', 'rtl');
    await page.keyboard.press('Escape');
    const sidebar = await page.locator('nav.sidebar').boundingBox();
    const reader = await page.locator('section.reader-pane').boundingBox();
    expect(sidebar && reader && sidebar.x > reader.x).toBe(true);
    const article = page.frameLocator('iframe.reader-frame').locator('article');
    await expect.poll(() => article.evaluate((element) => getComputedStyle(element).direction)).toBe('ltr');
    await page.screenshot({ path: path.join(screenshotDir, 'i18n-ar.png') });

    // ← and → follow what the eye sees: from the list, → goes to the sidebar (now on the right).
    await page.locator('.article-list').focus();
    await page.keyboard.press('ArrowRight');
    await expect(page.locator('nav.sidebar :focus')).toHaveCount(1);
    await page.keyboard.press('ArrowLeft');
    await expect(page.locator('.article-list')).toBeFocused();
    await page.keyboard.press('ArrowLeft');
    await expect(page.locator('iframe.reader-frame')).toBeFocused();

    // The choice is kept; "System default" goes back to the browser's language.
    await page.reload();
    await expect(root).toHaveAttribute('dir', 'rtl');
    await page.emulateMedia({ colorScheme: 'dark' });
    await page.screenshot({ path: path.join(screenshotDir, 'i18n-ar-dark.png') });
    await page.keyboard.press('Control+Comma');
    await page.getByRole('dialog').getByRole('tab').last().click();
    await page.getByRole('dialog').getByRole('combobox').selectOption('system');
    await expect(root).toHaveAttribute('lang', 'de');
    await expect(root).toHaveAttribute('dir', 'ltr');
  });
});

test.describe('stepping through the languages', () => {
  test.use({ locale: 'en-US' });

  test('the language stopped on stays, even when one passed over arrives after it', async ({ page }) => {
    await page.goto('/');
    const root = page.locator('html');
    await expect(root).toHaveAttribute('lang', 'en');
    // Japanese's catalogue is slow to come (a large chunk on a busy machine): held until French is on screen.
    let releaseJapanese = () => {};
    const japaneseHeld = new Promise<void>((resolve) => {
      releaseJapanese = resolve;
    });
    let japaneseUrl = '';
    await page.route(/\/assets\/ja-[^/]*\.js$/, async (route) => {
      japaneseUrl = route.request().url();
      await japaneseHeld;
      await route.continue();
    });
    await page.keyboard.press('Control+Comma');
    const settings = page.getByRole('dialog', { name: 'Settings' });
    await settings.getByRole('tab', { name: 'Language' }).click();
    const languages = settings.getByRole('combobox');
    await languages.selectOption('ja');
    await expect.poll(() => japaneseUrl).not.toBe('');
    await languages.selectOption('fr');
    await expect(root).toHaveAttribute('lang', 'fr');
    await expect(page.getByRole('dialog', { name: 'Réglages' })).toBeVisible();

    // Japanese arrives now; once the window has loaded it (and painted twice since), French is still what shows.
    releaseJapanese();
    await page.evaluate(async (url) => {
      await import(url);
      for (let frame = 0; frame < 2; frame++) await new Promise(requestAnimationFrame);
    }, japaneseUrl);
    await expect(root).toHaveAttribute('lang', 'fr');
    await expect(page.getByRole('dialog', { name: 'Réglages' })).toBeVisible();
    await expect(page.getByRole('dialog').getByRole('combobox')).toHaveValue('fr');
  });
});
