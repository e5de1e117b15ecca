import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { FakeElectron } from './fake-electron';
import { FakeWebContents, createFakeElectron } from './fake-electron';

let fake: FakeElectron;

beforeEach(() => {
  fake = createFakeElectron();
  vi.resetModules();
  vi.doMock('electron', () => fake.module);
});

describe('the app window', () => {
  it('is created with context isolation, the sandbox and no Node integration', async () => {
    const { mainWindowOptions } = await import('../../../electron/window-options');
    const options = mainWindowOptions({ width: 1000, height: 700 }, '/app/out/preload/preload.cjs');
    expect(options.webPreferences).toMatchObject({
      preload: '/app/out/preload/preload.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
    });
    expect(options).toMatchObject({ width: 1000, height: 700, minWidth: 800 });
  });

  it('denies every new window and sends http(s) links to the system browser only', async () => {
    const { installWindowGuards } = await import('../../../electron/window-guards');
    const contents = new FakeWebContents();
    const shell = { openExternal: vi.fn(() => Promise.resolve()) };
    installWindowGuards(contents as never, shell);
    for (const url of ['https://example.com/a', 'http://example.com/b', 'javascript:alert(1)', 'file:///etc/passwd', 'app://broadsheet/index.html']) {
      expect(contents.windowOpenHandler?.({ url })).toEqual({ action: 'deny' });
    }
    expect(shell.openExternal.mock.calls.map((call) => (call as unknown[])[0])).toEqual(['https://example.com/a', 'http://example.com/b']);
  });

  it('blocks navigation and redirects away from the app, and webviews', async () => {
    const { installWindowGuards } = await import('../../../electron/window-guards');
    const contents = new FakeWebContents();
    installWindowGuards(contents as never, { openExternal: () => Promise.resolve() });
    expect(contents.emitPreventable('will-navigate', 'https://evil.example/')).toBe(true);
    expect(contents.emitPreventable('will-navigate', 'file:///etc/passwd')).toBe(true);
    expect(contents.emitPreventable('will-redirect', 'https://evil.example/')).toBe(true);
    expect(contents.emitPreventable('will-navigate', 'app://broadsheet/index.html')).toBe(false);
    expect(contents.emitPreventable('will-attach-webview')).toBe(true);
  });

  it('denies every permission request and check', async () => {
    const { denyAllPermissions } = await import('../../../electron/window-guards');
    denyAllPermissions(fake.fakeSession as never);
    const answers: boolean[] = [];
    for (const permission of ['media', 'geolocation', 'notifications', 'clipboard-read']) {
      fake.calls.permissionHandler?.({}, permission, (allowed: boolean) => answers.push(allowed));
    }
    expect(answers).toEqual([false, false, false, false]);
    expect(fake.calls.permissionCheckHandler?.({}, 'media')).toBe(false);
  });
});
