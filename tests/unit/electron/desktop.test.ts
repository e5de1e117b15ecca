import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { hostChannel } from '../../../shared/host';
import type { FakeElectron } from './fake-electron';
import { FakeBrowserWindow, FakeNotification, FakeTray, createFakeElectron, findMenuItem } from './fake-electron';

/** vi.waitFor's default second is too short when the machine is busy (other test runs, npm run test:stress). */
const WAIT = { timeout: 10_000 };

let fake: FakeElectron;
const appSender = { senderFrame: { url: 'app://broadsheet/index.html' } };
const originalArgv = process.argv;
const originalPlatform = process.platform;

function setPlatform(platform: string) {
  Object.defineProperty(process, 'platform', { value: platform, configurable: true });
}

beforeEach(() => {
  fake = createFakeElectron();
  FakeBrowserWindow.instances = [];
  FakeTray.instances = [];
  FakeNotification.instances = [];
  fake.state.paths.userData = mkdtempSync(path.join(tmpdir(), 'broadsheet-user-'));
  vi.spyOn(console, 'log').mockImplementation(() => undefined);
  vi.resetModules();
  vi.doMock('electron', () => fake.module);
});

afterEach(() => {
  process.argv = originalArgv;
  setPlatform(originalPlatform);
  vi.restoreAllMocks();
});

/** Starts the main process and waits for its window; `loaded` also finishes the page load. */
async function launch({ loaded = true } = {}) {
  await import('../../../electron/main');
  fake.resolveReady();
  await vi.waitFor(() => expect(FakeBrowserWindow.instances).toHaveLength(1), WAIT);
  const window = FakeBrowserWindow.instances[0]!;
  if (loaded) window.webContents.finishLoad();
  window.emit('ready-to-show');
  return window;
}

function callHost(name: keyof typeof hostChannel, ...args: unknown[]) {
  const handler = fake.ipcHandlers.get(hostChannel[name]);
  if (!handler) throw new Error(`no handler for ${name}`);
  return Promise.resolve(handler(appSender, ...args));
}

const settings = (patch: Record<string, unknown> = {}) => ({ tray: true, startAtLogin: false, startHidden: false, keyBindings: {}, ...patch });
const menuTemplate = () => fake.menus.application?.template ?? [];
const clickItem = (template: readonly Record<string, unknown>[], label: string) => (findMenuItem(template, label)?.click as (() => void) | undefined)?.();

describe('the tray', () => {
  it('is there by default on Linux and closing the window hides it instead of quitting', async () => {
    setPlatform('linux');
    const window = await launch();
    expect(FakeTray.instances).toHaveLength(1);
    expect(window.visible).toBe(true);
    expect(window.userClose()).toBe(true);
    expect(window.visible).toBe(false);
    expect(window.destroyed).toBe(false);
    expect(fake.calls.quit).toBe(0);
  });

  it('lets the window close for real once the app is quitting', async () => {
    setPlatform('linux');
    const window = await launch();
    clickItem(FakeTray.instances[0]!.menu!.template, 'Quit Broadsheet');
    expect(fake.calls.quit).toBe(1);
    expect(window.userClose()).toBe(false);
    expect(window.destroyed).toBe(true);
  });

  it('is removed when the user turns it off, after which closing the window closes it', async () => {
    setPlatform('win32');
    const window = await launch();
    await callHost('setSettings', settings({ tray: false }));
    expect(FakeTray.instances[0]?.destroyed).toBe(true);
    expect(window.userClose()).toBe(false);
    fake.appEvents.emit('window-all-closed');
    expect(fake.calls.quit).toBe(1);
  });

  it('shows the unread count and syncs or opens the window from its menu', async () => {
    setPlatform('linux');
    const window = await launch();
    await callHost('setUnreadCount', 12);
    const tray = FakeTray.instances[0]!;
    expect(tray.tooltip).toBe('Broadsheet: 12 unread');
    expect(tray.menu?.template[0]).toMatchObject({ label: '12 unread', enabled: false });
    expect(fake.calls.badgeCounts).toEqual([12]);
    clickItem(tray.menu!.template, 'Sync Now');
    expect(window.webContents.commands()).toEqual([{ type: 'command', id: 'sync.all' }]);
    window.userClose();
    clickItem(tray.menu!.template, 'Open Broadsheet');
    expect(window.visible).toBe(true);
  });

  it('marks the Windows taskbar button while something is unread', async () => {
    setPlatform('win32');
    const window = await launch();
    await callHost('setUnreadCount', 4);
    expect(window.overlay).toMatchObject({ description: '4 unread', image: { size: { width: 16, height: 16 } } });
    await callHost('setUnreadCount', 0);
    expect(window.overlay).toEqual({ image: null, description: '' });
  });

  it('lets the window close when the system shuts down', async () => {
    setPlatform('linux');
    const window = await launch();
    fake.powerEvents.emit('shutdown');
    expect(fake.calls.quit).toBe(1);
    expect(window.userClose()).toBe(false);
  });

  it('is created when turned on later', async () => {
    setPlatform('darwin');
    await launch();
    expect(FakeTray.instances).toHaveLength(0);
    await callHost('setSettings', settings({ tray: true }));
    expect(FakeTray.instances).toHaveLength(1);
  });

  it('keeps the window on macOS without a tray: closing hides it, the dock brings it back', async () => {
    setPlatform('darwin');
    const window = await launch();
    expect(window.userClose()).toBe(true);
    fake.appEvents.emit('activate');
    expect(window.visible).toBe(true);
  });
});

describe('start hidden', () => {
  it('remembers the desktop settings and starts hidden next time', async () => {
    setPlatform('linux');
    await launch();
    await callHost('setSettings', settings({ startHidden: true }));
    const saved = JSON.parse(readFileSync(path.join(fake.state.paths.userData!, 'desktop-settings.json'), 'utf8')) as unknown;
    expect(saved).toMatchObject({ startHidden: true, tray: true });

    const userData = fake.state.paths.userData!;
    fake = createFakeElectron();
    fake.state.paths.userData = userData;
    FakeBrowserWindow.instances = [];
    vi.resetModules();
    vi.doMock('electron', () => fake.module);
    const window = await launch();
    expect(window.visible).toBe(false);
  });

  it('shows the window anyway when nothing could bring it back (no tray on Linux)', async () => {
    setPlatform('linux');
    writeFileSync(path.join(fake.state.paths.userData!, 'desktop-settings.json'), JSON.stringify(settings({ tray: false, startHidden: true })));
    const window = await launch();
    expect(window.visible).toBe(true);
  });
});

describe('the application menu', () => {
  it('sends the clicked command to the window, holding it until the page has loaded', async () => {
    setPlatform('linux');
    const window = await launch({ loaded: false });
    clickItem(menuTemplate(), 'Refresh all feeds');
    expect(window.webContents.commands()).toEqual([]);
    window.webContents.finishLoad();
    expect(window.webContents.commands()).toEqual([{ type: 'command', id: 'sync.all' }]);
  });

  it('is rebuilt with the new accelerator when the user rebinds a shortcut', async () => {
    setPlatform('linux');
    await launch();
    expect(findMenuItem(menuTemplate(), 'Refresh all feeds')).toMatchObject({ accelerator: 'Shift+R', registerAccelerator: false });
    expect(findMenuItem(menuTemplate(), 'Command palette')).toMatchObject({ accelerator: 'CmdOrCtrl+K', registerAccelerator: true });
    await callHost('setSettings', settings({ keyBindings: { 'sync.all': ['mod+shift+r'] } }));
    expect(findMenuItem(menuTemplate(), 'Refresh all feeds')).toMatchObject({ accelerator: 'CmdOrCtrl+Shift+R', registerAccelerator: true });
  });
});

describe('the language of the menu and the tray', () => {
  it('follows the OS at start, then the window\'s language as soon as it is chosen', async () => {
    setPlatform('linux');
    fake.state.languages = ['de-AT', 'en-US'];
    await launch();
    await vi.waitFor(() => expect(findMenuItem(menuTemplate(), 'Alle Feeds aktualisieren')).toBeDefined(), WAIT);
    expect(FakeTray.instances[0]?.tooltip).toBe('Broadsheet');
    await callHost('setSettings', settings({ locale: 'ja' }));
    await vi.waitFor(() => expect(findMenuItem(menuTemplate(), 'すべてのフィードを更新')).toBeDefined(), WAIT);
    await callHost('setUnreadCount', 3);
    expect(FakeTray.instances[0]?.menu?.template[0]).toMatchObject({ enabled: false });
    expect(String(FakeTray.instances[0]?.menu?.template[0]?.label)).toMatch(/3/);
    expect(String(FakeTray.instances[0]?.menu?.template[0]?.label)).not.toMatch(/unread/);
  });

  it('refuses a locale it does not have (the IPC argument is validated)', async () => {
    await launch();
    await expect(callHost('setSettings', settings({ locale: '../../etc/passwd' }))).resolves.toMatchObject({ ok: false, error: { kind: 'invalid-argument' } });
  });
});

describe('feed links', () => {
  it('registers feed: and broadsheet: with the OS', async () => {
    await launch();
    expect(fake.calls.protocolClients.map(([scheme]) => scheme)).toEqual(['feed', 'broadsheet']);
  });

  it('subscribes to a feed URL given to a second instance, and brings the window forward', async () => {
    const window = await launch();
    window.userClose();
    fake.appEvents.emit('second-instance', {}, ['/opt/Broadsheet/broadsheet', '--flag', 'feed://example.com/rss'], '/home/ada');
    expect(window.visible).toBe(true);
    expect(window.webContents.commands()).toEqual([{ type: 'subscribe', url: 'http://example.com/rss' }]);
  });

  it('prefers the argv the second instance sent as additional data', async () => {
    const window = await launch();
    fake.appEvents.emit('second-instance', {}, ['broadsheet', 'mangled'], '/', { argv: ['broadsheet', 'broadsheet://subscribe?url=https%3A%2F%2Fexample.org%2Ffeed'], cwd: '/' });
    expect(window.webContents.commands()).toEqual([{ type: 'subscribe', url: 'https://example.org/feed' }]);
  });

  it('refuses javascript: and file: links from a second instance', async () => {
    const window = await launch();
    fake.appEvents.emit('second-instance', {}, ['broadsheet', 'javascript:alert(1)', 'file:///etc/passwd', 'feed:javascript:alert(1)'], '/');
    expect(window.webContents.commands()).toEqual([]);
  });

  it('imports an .opml file passed to a second instance, relative to its working directory', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'broadsheet-opml-'));
    writeFileSync(path.join(dir, 'subs.opml'), '\uFEFF<opml version="2.0"><body/></opml>');
    const window = await launch();
    fake.appEvents.emit('second-instance', {}, ['broadsheet', 'subs.opml'], dir);
    await vi.waitFor(() => expect(window.webContents.commands()).toEqual([{ type: 'import-opml', text: '<opml version="2.0"><body/></opml>' }]), WAIT);
  });

  it('subscribes to a link on its own command line once the page has loaded', async () => {
    process.argv = [...originalArgv.slice(0, 1), 'feed:https://example.com/atom.xml'];
    const window = await launch({ loaded: false });
    expect(window.webContents.commands()).toEqual([]);
    window.webContents.finishLoad();
    expect(window.webContents.commands()).toEqual([{ type: 'subscribe', url: 'https://example.com/atom.xml' }]);
  });

  it('takes macOS open-url events, even before the app is ready', async () => {
    await import('../../../electron/main');
    let prevented = false;
    fake.appEvents.emit('open-url', { preventDefault: () => (prevented = true) }, 'feed://example.com/podcast.xml');
    expect(prevented).toBe(true);
    const window = await launch();
    expect(window.webContents.commands()).toEqual([{ type: 'subscribe', url: 'http://example.com/podcast.xml' }]);
  });

  it('takes macOS open-file events for .opml files only', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'broadsheet-opml-'));
    writeFileSync(path.join(dir, 'a.opml'), '<opml/>');
    const window = await launch();
    let prevented = false;
    fake.appEvents.emit('open-file', { preventDefault: () => (prevented = true) }, path.join(dir, 'notes.txt'));
    expect(prevented).toBe(false);
    fake.appEvents.emit('open-file', { preventDefault: () => (prevented = true) }, path.join(dir, 'a.opml'));
    expect(prevented).toBe(true);
    await vi.waitFor(() => expect(window.webContents.commands()).toEqual([{ type: 'import-opml', text: '<opml/>' }]), WAIT);
  });
});

describe('notifications', () => {
  it('shows one and opens its article in the window when clicked', async () => {
    const window = await launch();
    window.userClose();
    await callHost('notify', { title: 'LWN.net', body: 'Kernel news', articleId: 'art-1', feedId: 'f1' });
    const [note] = FakeNotification.instances;
    expect(note?.options).toMatchObject({ title: 'LWN.net', body: 'Kernel news' });
    expect(note?.shown).toBe(true);
    note?.emit('click');
    expect(window.visible).toBe(true);
    expect(window.webContents.commands()).toEqual([{ type: 'open-article', articleId: 'art-1' }]);
  });

  it('opens the feed for a batched notification, and does nothing where notifications are unsupported', async () => {
    const window = await launch();
    await callHost('notify', { title: '3 new articles in LWN.net', body: '', feedId: 'f1' });
    FakeNotification.instances[0]?.emit('click');
    expect(window.webContents.commands()).toEqual([{ type: 'open-feed', feedId: 'f1' }]);
    FakeNotification.supported = false;
    try {
      await callHost('notify', { title: 'x', body: 'y' });
      expect(FakeNotification.instances).toHaveLength(1);
    } finally {
      FakeNotification.supported = true;
    }
  });
});

describe('waking and connectivity', () => {
  it('asks for a sync when the machine resumes, and reports a network change it notices then', async () => {
    const window = await launch();
    fake.powerEvents.emit('resume');
    expect(window.webContents.commands()).toEqual([{ type: 'sync-due' }]);
    fake.state.online = false;
    fake.powerEvents.emit('resume');
    expect(window.webContents.commands().slice(1)).toEqual([{ type: 'online', online: false }, { type: 'sync-due' }]);
  });
});

describe('the app session', () => {
  it('cancels the page\'s own requests to remote hosts except images and media', async () => {
    await launch();
    const filter = fake.calls.beforeRequest!;
    const decide = (details: Record<string, unknown>) => {
      let answer: unknown;
      filter(details, (response: unknown) => (answer = response));
      return answer;
    };
    expect(decide({ url: 'https://evil.example/collect', resourceType: 'xhr', webContentsId: 1 })).toEqual({ cancel: true });
    expect(decide({ url: 'https://example.com/script.js', resourceType: 'script', webContentsId: 1 })).toEqual({ cancel: true });
    expect(decide({ url: 'https://example.com/frame', resourceType: 'subFrame', webContentsId: 1 })).toEqual({ cancel: true });
    expect(decide({ url: 'wss://example.com/socket', resourceType: 'webSocket', webContentsId: 1 })).toEqual({ cancel: true });
    expect(decide({ url: 'https://example.com/photo.jpg', resourceType: 'image', webContentsId: 1 })).toEqual({ cancel: false });
    expect(decide({ url: 'https://example.com/episode.mp3', resourceType: 'media', webContentsId: 1 })).toEqual({ cancel: false });
    expect(decide({ url: 'app://broadsheet/assets/app.js', resourceType: 'script', webContentsId: 1 })).toEqual({ cancel: false });
    expect(decide({ url: 'https://example.com/feed.xml', resourceType: 'other' })).toEqual({ cancel: false });
  });

  it('still sends the CSP header with every response', async () => {
    await launch();
    let headers: unknown;
    fake.calls.headersReceived?.({ responseHeaders: { 'X-Test': ['1'] } }, (response: { responseHeaders: unknown }) => (headers = response.responseHeaders));
    expect(headers).toMatchObject({ 'X-Test': ['1'], 'Content-Security-Policy': [expect.stringContaining("default-src")] });
  });

  it('ties Windows notifications to the installer\'s app id', async () => {
    setPlatform('win32');
    await launch();
    expect(fake.calls.appUserModelIds).toEqual(['app.broadsheet.reader']);
  });

  it('never registers a development run as a login item', async () => {
    setPlatform('darwin');
    await launch();
    await callHost('setSettings', settings({ startAtLogin: true }));
    expect(fake.calls.loginItems).toEqual([]);
    fake.state.isPackaged = true;
    await callHost('setSettings', settings({ startAtLogin: false }));
    expect(fake.calls.loginItems).toEqual([{ openAtLogin: false }]);
  });
});
