/**
 * Accessibility of the main screens, in the light and the dark theme: axe (WCAG 2.0/2.1 A and AA) on each screen,
 * the reader document's contrast computed by hand (axe cannot run inside the sandboxed, script-less frame),
 * keyboard-only reach of every pane, and focus going back where it was when a dialog closes.
 */
import path from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import type { Locator, Page } from '@playwright/test';
import { expect, screenshotDir, test } from './fixtures';
import { baseItems } from './support/news-feed';
import { sidebarFeed, subscribeToTestNews } from './support/actions';

const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

/** Runs axe on the page as it is now; returns one readable line per violation (empty when it passes). */
async function axeViolations(page: Page, screen: string): Promise<string[]> {
  const results = await new AxeBuilder({ page }).withTags(WCAG_TAGS).exclude('iframe.reader-frame').analyze();
  return results.violations.map(
    (violation) =>
      `[${screen}] ${violation.id} (${violation.impact ?? 'n/a'}): ${violation.help}\n` +
      violation.nodes.map((node) => `    ${node.target.join(' ')}: ${node.failureSummary?.replace(/\n/g, ' ') ?? ''}`).join('\n'),
  );
}

const SETTINGS_SECTIONS = ['Appearance', 'Language', 'Reading', 'Sync', 'Rules', 'Storage', 'Keyboard', 'Desktop', 'Backup'];

for (const scheme of ['light', 'dark'] as const) {
  test(`every main screen passes axe (WCAG 2.1 AA) in ${scheme}`, async ({ page, consoleErrors, newsServer }) => {
    // Twenty-one axe runs; generous for a loaded CI machine.
    test.setTimeout(300_000);
    await page.emulateMedia({ colorScheme: scheme });
    await page.setViewportSize({ width: 1280, height: 800 });
    const found: string[] = [];
    const check = async (screen: string) => {
      found.push(...(await axeViolations(page, screen)));
      await page.screenshot({ path: path.join(screenshotDir, `a11y-${screen}-${scheme}.png`) });
    };

    // First run: the welcome article is open.
    await page.goto('/');
    await expect(page.frameLocator('iframe.reader-frame').getByRole('heading', { level: 1 })).toHaveText('Welcome to Broadsheet');
    await check('first-run');

    await page.keyboard.press('Shift+Slash');
    const sheet = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
    await expect(sheet).toBeVisible();
    await check('shortcuts');
    await page.keyboard.press('Escape');
    await expect(sheet).toBeHidden();

    await page.keyboard.press('a');
    const addFeed = page.getByRole('dialog', { name: 'Add a feed' });
    await expect(addFeed.getByLabel('Feed or site address')).toBeFocused();
    await check('add-feed');
    // A text field's edge is what shows it is one: 3:1 against the dialog (WCAG 1.4.11, which axe does not check).
    const edge = await addFeed.getByLabel('Feed or site address').evaluate((input) => ({
      border: getComputedStyle(input).borderTopColor,
      background: getComputedStyle(input.closest('dialog')!).backgroundColor,
    }));
    expect(contrast(edge.border, edge.background), `${edge.border} on ${edge.background}`).toBeGreaterThanOrEqual(3);
    await page.keyboard.press('Escape');
    await expect(addFeed).toBeHidden();

    // A subscribed feed with its articles and one open in the reader.
    await subscribeToTestNews(page, newsServer);
    await page.getByRole('listbox', { name: /Test News articles/ }).getByRole('option').first().waitFor();
    await page.keyboard.press('j');
    await expect(page.frameLocator('iframe.reader-frame').getByRole('heading', { level: 1 })).toHaveText(baseItems[0]!.title);
    await check('reading');

    await sidebarFeed(page, 'Test News').click({ button: 'right' });
    const menu = page.getByRole('menu', { name: 'Test News actions' });
    await expect(menu.getByRole('menuitem').first()).toBeFocused();
    await check('context-menu');
    await page.keyboard.press('Escape');
    await expect(menu).toBeHidden();

    // An article's context menu, from the keyboard (Shift+F10 on the list).
    await page.getByRole('listbox', { name: /Test News articles/ }).focus();
    await page.keyboard.press('Shift+F10');
    const articleMenu = page.getByRole('menu', { name: new RegExp(`${baseItems[0]!.title} actions`) });
    await expect(articleMenu.getByRole('menuitem').first()).toBeFocused();
    await check('article-menu');
    await page.keyboard.press('Escape');
    await expect(articleMenu).toBeHidden();

    await page.keyboard.press('Control+Comma');
    const settings = page.getByRole('dialog', { name: 'Settings' });
    await expect(settings).toBeVisible();
    for (const section of SETTINGS_SECTIONS) {
      await settings.getByRole('tab', { name: section }).click();
      await expect(settings.getByRole('tab', { name: section })).toHaveAttribute('aria-selected', 'true');
      await check(`settings-${section.toLowerCase()}`);
      if (section === 'Rules') {
        // The rule editor with its live preview, reached from the keyboard.
        await settings.getByRole('button', { name: 'Add rule…' }).focus();
        await page.keyboard.press('Enter');
        await settings.getByRole('textbox', { name: 'When an article matches' }).fill('rain');
        await expect(settings.getByText(/Matches 1 of the last 3 articles/)).toBeVisible();
        await check('settings-rule-editor');
        await settings.getByRole('button', { name: 'Cancel' }).click();
      }
    }
    await page.keyboard.press('Escape');
    await expect(settings).toBeHidden();

    await page.keyboard.press('Control+K');
    const palette = page.getByRole('dialog', { name: 'Command palette' });
    await expect(palette.getByRole('option').first()).toBeVisible();
    await check('palette');
    await page.keyboard.press('Escape');
    await expect(palette).toBeHidden();

    await page.keyboard.press('/');
    await page.getByRole('searchbox', { name: 'Search articles' }).fill('rain');
    await expect(page.getByRole('listbox', { name: 'Search articles' }).getByRole('option').first()).toBeVisible();
    await check('search');

    if (found.length > 0) console.log(found.join('\n'));
    expect(found, found.join('\n')).toEqual([]);
    expect(consoleErrors).toEqual([]);
  });

  test(`the reader document's text meets AA contrast in ${scheme}`, async ({ newsServer, page }) => {
    await page.emulateMedia({ colorScheme: scheme });
    await page.goto('/');
    await page.keyboard.press('a');
    await page.getByRole('dialog', { name: 'Add a feed' }).getByLabel('Feed or site address').fill(newsServer.url('/news.xml'));
    await page.getByRole('dialog', { name: 'Add a feed' }).getByRole('button', { name: 'Subscribe' }).click();
    await expect(sidebarFeed(page, 'Test News')).toContainText('3');
    // The third article has a code block; the title is a link.
    await page.getByRole('option', { name: new RegExp(baseItems[2]!.title) }).click();
    const frame = page.frameLocator('iframe.reader-frame');
    await expect(frame.getByRole('heading', { level: 1 })).toHaveText(baseItems[2]!.title);

    const pairs = await frame.locator('html').evaluate((root) => {
      const doc = root.ownerDocument;
      const parse = (colour: string) => (colour.match(/[\d.]+/g) ?? []).map(Number);
      const background = (element: Element | null): string => {
        for (let at = element; at; at = at.parentElement) {
          const value = getComputedStyle(at).backgroundColor;
          const parts = parse(value);
          if (parts.length >= 3 && (parts.length < 4 || parts[3]! > 0)) return value;
        }
        return 'rgb(255, 255, 255)';
      };
      return ['.feed', 'h1.title a', '.byline', '.content p', 'pre code', 'a']
        .map((selector) => doc.querySelector(selector))
        .filter((element): element is Element => element !== null)
        .map((element) => ({ what: element.tagName + '.' + element.className, fg: getComputedStyle(element).color, bg: background(element) }));
    });
    expect(pairs.length).toBeGreaterThanOrEqual(5);
    for (const pair of pairs) {
      expect(contrast(pair.fg, pair.bg), `${pair.what}: ${pair.fg} on ${pair.bg}`).toBeGreaterThanOrEqual(4.5);
    }
  });
}

/** WCAG 2 contrast ratio of two rgb()/rgba() colours (opaque ones; the reader uses no translucent text). */
function contrast(a: string, b: string): number {
  const luminance = (colour: string) => {
    const [r = 0, g = 0, bl = 0] = (colour.match(/[\d.]+/g) ?? []).map(Number);
    const channel = (value: number) => {
      const c = value / 255;
      return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
    };
    return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(bl);
  };
  const [light, dark] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (light + 0.05) / (dark + 0.05);
}

/** Which part of the window an element belongs to, for the Tab order walk. */
async function focusedPart(page: Page): Promise<string> {
  return page.evaluate(() => {
    const element = document.activeElement;
    if (!element || element === document.body) return 'body';
    if (element.closest('.reader-toolbar')) return 'reader-toolbar';
    if (element.matches('iframe.reader-frame')) return 'reader';
    if (element.closest('.list-tools')) return 'list-toolbar';
    if (element.matches('.article-list')) return 'list';
    if (element.closest('nav.sidebar')) return 'sidebar';
    return element.getAttribute('aria-label') ?? element.tagName.toLowerCase();
  });
}

test('Tab alone reaches the sidebar, the list, the reader and their toolbars, in that order', async ({ newsServer, page }) => {
  await page.goto('/');
  await page.keyboard.press('a');
  await page.getByRole('dialog', { name: 'Add a feed' }).getByLabel('Feed or site address').fill(newsServer.url('/news.xml'));
  await page.getByRole('dialog', { name: 'Add a feed' }).getByRole('button', { name: 'Subscribe' }).click();
  await expect(sidebarFeed(page, 'Test News')).toContainText('3');
  await page.keyboard.press('j');
  await expect(page.frameLocator('iframe.reader-frame').getByRole('heading', { level: 1 })).toHaveText(baseItems[0]!.title);

  await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
  const visited: string[] = [];
  for (let step = 0; step < 40 && !visited.includes('reader'); step++) {
    await page.keyboard.press('Tab');
    const part = await focusedPart(page);
    if (visited[visited.length - 1] !== part) visited.push(part);
  }
  const order = ['sidebar', 'list-toolbar', 'list', 'reader-toolbar', 'reader'];
  expect(visited.filter((part) => order.includes(part))).toEqual(order);

  // The list tells assistive technology which article is selected.
  const list = page.getByRole('listbox', { name: /Test News articles/ });
  await expect(list).toHaveAttribute('aria-activedescendant', /./);
  const active = await list.getAttribute('aria-activedescendant');
  await expect(page.locator(`[id="${active}"]`)).toHaveAttribute('aria-selected', 'true');
  await expect(page.locator(`[id="${active}"]`)).toHaveAccessibleName(new RegExp(baseItems[0]!.title));
  // The window title counts what is left unread (one of three was opened).
  await expect(page).toHaveTitle('Broadsheet (2)');
  // The reader frame is named after the article.
  await expect(page.locator('iframe.reader-frame')).toHaveAttribute('title', baseItems[0]!.title);
});

async function expectFocusReturns(page: Page, opener: Locator, open: () => Promise<void>, dialogName: string) {
  await opener.focus();
  await open();
  const dialog = page.getByRole('dialog', { name: dialogName });
  await expect(dialog).toBeVisible();
  await expect(opener).not.toBeFocused();
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  await expect(opener).toBeFocused();
}

test('focus goes back where it was when the add-feed, settings and shortcuts dialogs close', async ({ page }) => {
  await page.goto('/');
  await page.getByRole('option', { name: /Welcome to Broadsheet/ }).waitFor();
  const addButton = page.getByRole('button', { name: 'Add feed', exact: true });
  await expectFocusReturns(page, addButton, () => addButton.click(), 'Add a feed');
  const settingsButton = page.getByRole('button', { name: 'Settings' });
  await expectFocusReturns(page, settingsButton, () => settingsButton.click(), 'Settings');
  await expectFocusReturns(page, settingsButton, () => page.keyboard.press('Shift+Slash'), 'Keyboard shortcuts');
  // Opened by their keys from the list, they give focus back to the list.
  const list = page.getByRole('listbox', { name: /articles/ });
  await expectFocusReturns(page, list, () => page.keyboard.press('a'), 'Add a feed');
  await expectFocusReturns(page, list, () => page.keyboard.press('Control+Comma'), 'Settings');
});

test('focus stays inside an open dialog while tabbing', async ({ page }) => {
  await page.goto('/');
  await page.getByRole('option', { name: /Welcome to Broadsheet/ }).waitFor();
  await page.keyboard.press('Control+Comma');
  const dialog = page.getByRole('dialog', { name: 'Settings' });
  await expect(dialog).toBeVisible();
  for (let step = 0; step < 30; step++) {
    await page.keyboard.press('Tab');
    const inside = await dialog.evaluate((element) => element.contains(document.activeElement) || document.activeElement === document.body);
    expect(inside, `focus left the dialog after ${step + 1} Tab presses`).toBe(true);
  }
});

test('animations are turned off for people who ask for reduced motion', async ({ page }) => {
  await page.emulateMedia({ reducedMotion: 'reduce' });
  await page.goto('/');
  await page.getByRole('option', { name: /Welcome to Broadsheet/ }).waitFor();
  const longest = await page.evaluate(() => {
    let max = 0;
    for (const element of document.querySelectorAll('*')) {
      const style = getComputedStyle(element);
      for (const value of [...style.transitionDuration.split(','), ...style.animationDuration.split(',')]) max = Math.max(max, parseFloat(value) || 0);
    }
    return max;
  });
  expect(longest).toBeLessThanOrEqual(0.01);
});

test('a focused control shows a visible focus ring', async ({ page }) => {
  await page.goto('/');
  await page.getByRole('option', { name: /Welcome to Broadsheet/ }).waitFor();
  await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
  await page.keyboard.press('Tab');
  const ring = await page.evaluate(() => {
    const style = getComputedStyle(document.activeElement!);
    return { outline: style.outlineStyle, width: parseFloat(style.outlineWidth), shadow: style.boxShadow };
  });
  expect(ring.outline !== 'none' && ring.width >= 2 ? true : ring.shadow !== 'none').toBe(true);
});
