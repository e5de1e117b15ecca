import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { createFakeElectron } from './fake-electron';

vi.mock('electron', () => createFakeElectron().module);

const { serveAppRequest, isAppUrl } = await import('../../../electron/app-protocol');

function rendererFolder(): string {
  const root = mkdtempSync(path.join(tmpdir(), 'broadsheet-app-'));
  mkdirSync(path.join(root, 'renderer/assets'), { recursive: true });
  writeFileSync(path.join(root, 'renderer/index.html'), '<!doctype html><title>Broadsheet</title>');
  writeFileSync(path.join(root, 'renderer/assets/app.js'), 'console.log(1)');
  writeFileSync(path.join(root, 'secret.txt'), 'not for the page');
  return path.join(root, 'renderer');
}

describe('the app:// protocol', () => {
  it('serves the renderer with the CSP and a content type', async () => {
    const dir = rendererFolder();
    const page = await serveAppRequest(dir, 'app://broadsheet/index.html');
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toContain('text/html');
    expect(page.headers.get('content-security-policy')).toContain("script-src 'self'");
    const script = await serveAppRequest(dir, 'app://broadsheet/assets/app.js');
    expect(script.headers.get('content-type')).toContain('text/javascript');
  });

  it.each(['app://broadsheet/../secret.txt', 'app://broadsheet/%2e%2e/secret.txt', 'app://broadsheet/assets/..%2f..%2fsecret.txt', 'app://other/index.html', 'app://broadsheet/missing.js'])(
    'answers 404 for %s',
    async (url) => {
      expect((await serveAppRequest(rendererFolder(), url)).status).toBe(404);
    },
  );

  it('knows its own origin', () => {
    expect(isAppUrl('app://broadsheet/index.html#x')).toBe(true);
    expect(isAppUrl('app://broadsheetx/index.html')).toBe(false);
    expect(isAppUrl('https://broadsheet/')).toBe(false);
    expect(isAppUrl('not a url')).toBe(false);
  });
});
