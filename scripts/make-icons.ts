/**
 * Renders build/icon.svg to the PNG sizes the installers use (build/icon.png and build/icons/NxN.png), with the
 * Chromium the tests use, so no image library is needed. Run after changing the SVG: `npm run icons`.
 */
import { mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from '@playwright/test';
import { CHROMIUM_ARGS, chromiumExecutable } from '../tests/support/chromium';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const svg = readFileSync(path.join(root, 'build/icon.svg'), 'utf8');
const sizes = [16, 24, 32, 48, 64, 128, 256, 512, 1024];

const browser = await chromium.launch({ executablePath: chromiumExecutable(), args: CHROMIUM_ARGS });
const page = await browser.newPage();
mkdirSync(path.join(root, 'build/icons'), { recursive: true });
for (const size of sizes) {
  await page.setViewportSize({ width: size, height: size });
  await page.setContent(
    `<html><body style="margin:0;background:transparent">${svg.replace('width="512" height="512"', `width="${size}" height="${size}"`)}</body></html>`,
  );
  const target = size === 1024 ? path.join(root, 'build/icon.png') : path.join(root, `build/icons/${size}x${size}.png`);
  await page.screenshot({ path: target, omitBackground: true, clip: { x: 0, y: 0, width: size, height: size } });
}
await browser.close();
console.log(`Wrote build/icon.png and ${sizes.length - 1} sizes in build/icons/`);
