/**
 * Playwright fixtures: a browser host serving the built renderer, started per worker on a free port, and a feed
 * server per test with "Test News" at /news.xml (per test, so one test's changes to a feed never reach another's).
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { test as base, expect } from '@playwright/test';
import type { BrowserHost } from '../support/browser-host';
import { startBrowserHost } from '../support/browser-host';
import { startFeedServer, type FeedServer } from '../support/feed-server';
import { baseItems, newsRss } from './support/news-feed';

const SANDBOX_PROBE_REFUSED = /^Blocked script execution in 'about:srcdoc' because the document's frame is sandboxed/;

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

export const test = base.extend<{ consoleErrors: string[]; newsServer: FeedServer }, { browserHost: BrowserHost }>({
  browserHost: [
    // Playwright reads fixture dependencies from the destructuring pattern; this fixture has none.
    // eslint-disable-next-line no-empty-pattern
    async ({}, use) => {
      const host = await startBrowserHost({ rendererDir: path.join(root, 'out/renderer'), version: '0.1.0' });
      await use(host);
      await host.close();
    },
    { scope: 'worker' },
  ],
  /** The fault-injecting feed server on 127.0.0.1, serving the "Test News" feed at /news.xml; a test may add or change feeds. */
  // No fixture dependencies (see browserHost).
  // eslint-disable-next-line no-empty-pattern
  newsServer: async ({}, use) => {
    const server = await startFeedServer();
    server.setFeed('/news.xml', newsRss('Test News', server.origin, baseItems));
    await use(server);
    await server.close();
  },
  baseURL: async ({ browserHost }, use) => use(`${browserHost.url}/`),
  /** Console errors and uncaught page errors seen during the test. */
  consoleErrors: async ({ page }, use) => {
    const errors: string[] = [];
    page.on('console', (message) => {
      // Playwright's own probes into the reader's sandboxed frame are refused by Chromium, which logs it:
      // that is the sandbox working, not an error of the app.
      if (message.type() === 'error' && !SANDBOX_PROBE_REFUSED.test(message.text())) errors.push(message.text());
    });
    page.on('pageerror', (error) => errors.push(error.message));
    await use(errors);
  },
});

export { expect };

export const screenshotDir = path.join(root, 'tests/e2e/screenshots');
