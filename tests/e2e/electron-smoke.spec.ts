/**
 * The real desktop app, where an Electron binary exists (ELECTRON_OVERRIDE_DIST_PATH, or one `npm start` downloaded):
 * it starts, subscribes to a local feed through its own window and quits. Build machines without internet have no
 * Electron binary; the test is then skipped and says why.
 */
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { _electron as electron, expect, test } from '@playwright/test';
import type { FeedServer } from '../support/feed-server';
import { startFeedServer } from '../support/feed-server';
import { baseItems, newsRss } from './support/news-feed';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/** The Electron executable if one is on this machine, without downloading anything. */
function electronBinary(): string | null {
  const packageDir = path.dirname(createRequire(import.meta.url).resolve('electron/package.json'));
  const pathFile = path.join(packageDir, 'path.txt');
  if (!existsSync(pathFile)) return null;
  const binary = path.join(process.env.ELECTRON_OVERRIDE_DIST_PATH ?? path.join(packageDir, 'dist'), readFileSync(pathFile, 'utf8'));
  return existsSync(binary) ? binary : null;
}

const binary = electronBinary();
let server: FeedServer;

test.beforeAll(async () => {
  if (!binary) console.log('Electron smoke test skipped: no Electron binary on this machine (set ELECTRON_OVERRIDE_DIST_PATH or run npm start once with internet).');
  server = await startFeedServer();
  server.setFeed('/news.xml', newsRss('Test News', server.origin, baseItems));
});
test.afterAll(async () => {
  await server.close();
});

test('the desktop app starts, subscribes to a local feed and quits', async () => {
  test.skip(!binary, 'no Electron binary on this machine');
  const app = await electron.launch({
    executablePath: binary!,
    args: [root, '--no-sandbox'],
    env: { ...process.env, BROADSHEET_USER_DATA: mkdtempSync(path.join(tmpdir(), 'broadsheet-electron-')) },
  });
  try {
    const window = await app.firstWindow();
    await expect(window).toHaveURL(/^app:\/\/broadsheet\//);
    expect(await window.evaluate(() => typeof (window as unknown as { require?: unknown }).require)).toBe('undefined');
    await window.keyboard.press('a');
    const dialog = window.getByRole('dialog', { name: 'Add a feed' });
    await dialog.getByLabel('Feed or site address').fill(server.url('/news.xml'));
    await dialog.getByRole('button', { name: 'Subscribe' }).click();
    await expect(window.getByRole('navigation', { name: 'Feeds' }).getByRole('button', { name: /^Test News/ })).toContainText('3');
  } finally {
    await app.close();
  }
});
