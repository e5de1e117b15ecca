/** Looking at a screen the way the journeys do: axe-checked, and screenshotted in light and dark for a person to see. */
import path from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { expect, screenshotDir } from '../fixtures';

/** Axe (WCAG 2.1 A and AA) on the page as it is now, the article frame aside; one line per violation. */
export async function axe(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).exclude('iframe.reader-frame').analyze();
  return results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

/**
 * Checks the screen with axe and screenshots it as `<name>-light.png`, then the same in the dark scheme as
 * `<name>-dark.png`, and leaves the page in the light scheme.
 */
export async function checkLightAndDark(page: Page, name: string): Promise<void> {
  for (const colorScheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme });
    expect(await axe(page)).toEqual([]);
    await page.screenshot({ path: path.join(screenshotDir, `${name}-${colorScheme}.png`) });
  }
  await page.emulateMedia({ colorScheme: 'light' });
}
