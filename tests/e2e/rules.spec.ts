/**
 * Rules, as a person makes them: "Mute articles like this…" from an article's context menu, "Notify me about
 * articles like this…" from the command palette, then a sync brings new items: the muted ones are hidden (not
 * listed, not counted, found with is:hidden) and the one asked about is announced through the host's notify call.
 */
import path from 'node:path';
import type { Page } from '@playwright/test';
import { expect, screenshotDir, test } from './fixtures';
import { baseItems, newsRss } from './support/news-feed';
import { sidebarFeed, subscribe } from './support/actions';

const sponsored = { guid: 'ad1', title: 'Sponsored: great gadget deals', html: '<p>Buy now.</p>', ageHours: 2 };

const articleList = (page: Page) => page.getByRole('listbox', { name: /articles$/ });

test('a mute rule from the context menu hides new matches; a notify rule from the palette announces its article', async ({ newsServer, page, browserHost, consoleErrors }) => {
  newsServer.setFeed('/news.xml', newsRss('Test News', newsServer.origin, [sponsored, ...baseItems]));
  await page.goto('/');
  await subscribe(page, newsServer.url('/news.xml'), 'Test News');
  await expect(sidebarFeed(page, 'Test News')).toContainText('4');
  await sidebarFeed(page, 'Test News').click();

  // Right-click the sponsored article: the rule comes prefilled with its feed and its title's significant words.
  await articleList(page).getByRole('option', { name: /Sponsored: great gadget deals/ }).click({ button: 'right' });
  const menu = page.getByRole('menu', { name: /Sponsored: great gadget deals actions/ });
  await menu.getByRole('menuitem', { name: 'Mute articles like this…' }).click();
  const mute = page.getByRole('dialog', { name: 'Mute articles like this' });
  const condition = mute.getByRole('textbox', { name: 'When an article matches' });
  await expect(condition).toHaveValue('sponsored great gadget');
  await expect(mute.getByRole('combobox', { name: 'Applies to' })).toHaveValue(/^feed:/);
  await expect(mute.getByRole('checkbox', { name: /^Hide/ })).toBeChecked();
  await expect(mute.getByText('Matches 1 of the last 4 articles, for example:')).toBeVisible();
  // The preview follows the condition as it is typed, and a broken pattern is refused with the reason.
  await condition.fill('title:/^sponsored[/');
  await expect(mute.getByText(/is not a valid regular expression/)).toBeVisible();
  await condition.fill('title:/^sponsored\\b/');
  await expect(mute.getByText('Matches 1 of the last 4 articles, for example:')).toBeVisible();
  await expect(mute.getByRole('listitem')).toHaveText(['Sponsored: great gadget deals']);
  await mute.getByRole('button', { name: 'Add rule' }).click();
  await expect(mute).toBeHidden();

  // From the palette, on the selected article: notify about storms.
  await articleList(page).getByRole('option', { name: /Rain expected/ }).click();
  await page.keyboard.press('Control+K');
  await page.keyboard.type('notify me');
  await expect(page.getByRole('dialog', { name: 'Command palette' }).getByRole('option').first()).toContainText('Notify me about articles like this…');
  await page.keyboard.press('Enter');
  const notify = page.getByRole('dialog', { name: 'Notify me about articles like this' });
  await expect(notify.getByRole('checkbox', { name: /^Notify me/ })).toBeChecked();
  await notify.getByRole('textbox', { name: 'When an article matches' }).fill('storm');
  await expect(notify.getByText('Matches 0 of the last 4 articles.')).toBeVisible();
  await notify.getByRole('button', { name: 'Add rule' }).click();
  await expect(notify).toBeHidden();

  // The feed publishes more while the window is in the background; a refresh brings it in.
  const before = browserHost.notifications.length;
  await page.evaluate(() => Object.defineProperty(document, 'hasFocus', { value: () => false }));
  newsServer.setFeed('/news.xml', newsRss('Test News', newsServer.origin, [
    { guid: 'ad2', title: 'Sponsored: another deal', html: '<p>Buy more.</p>', ageHours: 0 },
    { guid: 'storm', title: 'Storm warning issued for the coast', html: '<p>Stay inside.</p>', ageHours: 0 },
    { guid: 'plain', title: 'Library opens a new branch', html: '<p>Books.</p>', ageHours: 0 },
    sponsored,
    ...baseItems,
  ]));
  await page.keyboard.press('Shift+R');
  await expect(articleList(page).getByRole('option', { name: /Library opens a new branch/ })).toBeVisible();
  await expect(articleList(page).getByRole('option', { name: /Storm warning issued/ })).toBeVisible();
  await expect(articleList(page).getByRole('option', { name: /Sponsored: another deal/ })).toHaveCount(0);
  // Hidden articles are not counted: the feed's count is exactly what the Unread view lists.
  await expect
    .poll(() => browserHost.notifications.slice(before))
    .toContainEqual(expect.objectContaining({ title: 'Test News', body: 'Storm warning issued for the coast' }));
  expect(browserHost.notifications.slice(before).some((n) => /another deal/.test(`${n.title} ${n.body}`))).toBe(false);
  const counted = Number((await sidebarFeed(page, 'Test News').textContent())?.match(/(\d+)\s*$/)?.[1]);
  await page.keyboard.press('g');
  await page.keyboard.press('u');
  await expect(articleList(page).getByRole('option')).toHaveCount(counted);

  // Hidden, not gone: is:hidden finds it.
  await page.keyboard.press('/');
  await page.getByRole('searchbox', { name: 'Search articles' }).fill('is:hidden');
  await expect(page.getByRole('listbox', { name: 'Search articles' }).getByRole('option')).toHaveText([/Sponsored: another deal/]);
  await page.keyboard.press('Escape');

  // Settings → Rules: the two rules, in order; apply the mute rule to what was already here, counted first.
  await page.keyboard.press('Control+Comma');
  const settings = page.getByRole('dialog', { name: 'Settings' });
  await settings.getByRole('tab', { name: 'Rules' }).click();
  const rules = settings.getByRole('listitem').filter({ has: page.getByRole('checkbox') });
  await expect(rules).toHaveCount(2);
  await expect(rules.nth(0)).toContainText('Mute: title:/^sponsored\\b/');
  await expect(rules.nth(1)).toContainText('Notify: storm');
  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    await page.screenshot({ path: path.join(screenshotDir, `rules-settings-${scheme}.png`) });
  }
  await page.emulateMedia({ colorScheme: 'light' });
  await rules.nth(0).getByRole('button', { name: /Apply to existing articles/ }).click();
  await expect(settings.getByText(/This would change 1 of the \d+ articles in the library\./)).toBeVisible();
  await settings.getByRole('button', { name: 'Apply to 1 article' }).click();
  await expect(settings.getByRole('status')).toHaveText('Changed 1 article.');

  // Reorder and switch off from the keyboard.
  await rules.nth(1).getByRole('button', { name: /Move up/ }).focus();
  await page.keyboard.press('Enter');
  await expect(rules.nth(0)).toContainText('Notify: storm');
  await rules.nth(1).getByRole('checkbox').focus();
  await page.keyboard.press('Space');
  await expect(rules.nth(1).getByRole('checkbox')).not.toBeChecked();

  // The editor, for the screenshots.
  await rules.nth(1).getByRole('button', { name: /^Edit/ }).click();
  await expect(settings.getByText(/Matches 2 of the last \d+ articles, for example:/)).toBeVisible();
  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    await page.screenshot({ path: path.join(screenshotDir, `rules-editor-${scheme}.png`) });
  }
  await settings.getByRole('button', { name: 'Cancel' }).click();
  await page.keyboard.press('Escape');
  await expect(settings).toBeHidden();
  await expect(articleList(page).getByRole('option', { name: /Sponsored: great gadget deals/ })).toHaveCount(0);
  expect(consoleErrors).toEqual([]);
});
