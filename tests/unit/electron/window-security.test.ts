import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { FakeElectron } from './fake-electron';
import { FakeBrowserWindow, FakeWebContents, createFakeElectron } from './fake-electron';

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

  it('keeps experimental and Blink features off, drag-and-drop navigation off, and timers running while hidden', async () => {
    const { mainWindowOptions } = await import('../../../electron/window-options');
    const preferences = mainWindowOptions({ width: 1000, height: 700 }, '/p.cjs', '/icons/icon.png').webPreferences ?? {};
    expect(preferences).toMatchObject({ experimentalFeatures: false, navigateOnDragDrop: false, backgroundThrottling: false });
    expect(preferences).not.toHaveProperty('enableBlinkFeatures');
    expect(preferences).not.toHaveProperty('additionalArguments');
  });

  it('loads the app from its own app:// origin, never file://', async () => {
    const { createMainWindow } = await import('../../../electron/main-window');
    FakeBrowserWindow.instances = [];
    createMainWindow({ preload: '/p.cjs', stateFile: '/nonexistent/state.json' });
    expect(FakeBrowserWindow.instances[0]?.loadedUrl).toBe('app://broadsheet/index.html');
  });

  it('refuses webviews in any web contents the app ever creates', async () => {
    await import('../../../electron/main');
    const contents = new FakeWebContents();
    fake.appEvents.emit('web-contents-created', {}, contents);
    expect(contents.emitPreventable('will-attach-webview')).toBe(true);
  });

  it('cancels remote requests made by the page itself (the Host does the fetching)', async () => {
    const { installRequestFilter, shouldCancelRequest } = await import('../../../electron/request-filter');
    installRequestFilter(fake.fakeSession as never);
    expect(fake.calls.beforeRequest).not.toBeNull();
    expect(shouldCancelRequest({ url: 'https://tracker.example/pixel', resourceType: 'ping', webContentsId: 3 })).toBe(true);
    expect(shouldCancelRequest({ url: 'http://example.com/x.png', resourceType: 'image', webContentsId: 3 })).toBe(false);
    expect(shouldCancelRequest({ url: 'not a url', resourceType: 'xhr', webContentsId: 3 })).toBe(true);
    expect(shouldCancelRequest({ url: 'devtools://devtools/bundled/x.js', resourceType: 'script', webContentsId: 3 })).toBe(false);
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
