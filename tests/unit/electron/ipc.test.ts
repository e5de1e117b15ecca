import { beforeEach, describe, expect, it, vi } from 'vitest';
import { hostChannel } from '../../../shared/host';
import type { HostServices } from '../../../shared/host-services';
import type { FakeElectron } from './fake-electron';
import { createFakeElectron } from './fake-electron';

let fake: FakeElectron;

const appSender = { senderFrame: { url: 'app://broadsheet/index.html' } };

function recordingServices() {
  const calls: { name: string; args: unknown[] }[] = [];
  const record =
    (name: string) =>
    async (...args: unknown[]) => {
      calls.push({ name, args });
      return { ok: true as const, value: null };
    };
  const services = {
    fetchFeed: record('fetchFeed'),
    fetchPage: record('fetchPage'),
    openExternal: record('openExternal'),
    appInfo: record('appInfo'),
    setUnreadCount: record('setUnreadCount'),
    notify: record('notify'),
    setSettings: record('setSettings'),
  } as unknown as HostServices;
  return { services, calls };
}

beforeEach(() => {
  fake = createFakeElectron();
  vi.resetModules();
  vi.doMock('electron', () => fake.module);
});

async function register() {
  const { registerHostHandlers } = await import('../../../electron/ipc');
  const recorded = recordingServices();
  registerHostHandlers(fake.module.ipcMain as never, recorded.services);
  const invoke = (channel: string, event: unknown, ...args: unknown[]) => {
    const handler = fake.ipcHandlers.get(channel);
    if (!handler) throw new Error(`no handler for ${channel}`);
    return Promise.resolve(handler(event, ...args));
  };
  return { ...recorded, invoke };
}

describe('IPC validation', () => {
  it('registers one handler per host call', async () => {
    await register();
    expect([...fake.ipcHandlers.keys()].sort()).toEqual(Object.values(hostChannel).sort());
  });

  it.each([
    ['a number', 42],
    ['an object', { href: 'https://example.com' }],
    ['a javascript: URL', 'javascript:alert(1)'],
    ['a file: URL', 'file:///etc/passwd'],
    ['a data: URL', 'data:text/html,<script>alert(1)</script>'],
    ['a relative URL', '/feed.xml'],
    ['an oversize URL', `https://example.com/${'a'.repeat(9000)}`],
  ])('rejects %s as the URL to open, without calling the service', async (_label, url) => {
    const { invoke, calls } = await register();
    const result = await invoke(hostChannel.openExternal, appSender, url);
    expect(result).toMatchObject({ ok: false, error: { kind: 'invalid-argument' } });
    expect(calls).toEqual([]);
  });

  it('rejects a feed request with unknown fields or a bad validator', async () => {
    const { invoke, calls } = await register();
    const extra = await invoke(hostChannel.fetchFeed, appSender, { url: 'https://example.com/feed', evil: true });
    const badHash = await invoke(hostChannel.fetchFeed, appSender, { url: 'https://example.com/feed', bodyHash: 'zz' });
    const missing = await invoke(hostChannel.fetchFeed, appSender);
    for (const result of [extra, badHash, missing]) expect(result).toMatchObject({ ok: false, error: { kind: 'invalid-argument' } });
    expect(calls).toEqual([]);
  });

  it('passes a valid call through to the shared service', async () => {
    const { invoke, calls } = await register();
    const request = { url: 'https://example.com/feed.xml', etag: '"abc"' };
    await expect(invoke(hostChannel.fetchFeed, appSender, request)).resolves.toEqual({ ok: true, value: null });
    expect(calls).toEqual([{ name: 'fetchFeed', args: [request] }]);
  });

  it('refuses calls from any frame that is not the app', async () => {
    const { invoke, calls } = await register();
    const result = await invoke(hostChannel.openExternal, { senderFrame: { url: 'https://evil.example/' } }, 'https://example.com');
    expect(result).toMatchObject({ ok: false, error: { kind: 'invalid-argument' } });
    expect(calls).toEqual([]);
  });

  it.each([
    ['a negative count', hostChannel.setUnreadCount, [-1]],
    ['a fractional count', hostChannel.setUnreadCount, [1.5]],
    ['a string count', hostChannel.setUnreadCount, ['12']],
    ['no count', hostChannel.setUnreadCount, []],
    ['a notification without a title', hostChannel.notify, [{ title: '', body: 'x' }]],
    ['a notification with extra fields', hostChannel.notify, [{ title: 't', body: 'b', icon: 'file:///etc/passwd' }]],
    ['a notification with an oversize body', hostChannel.notify, [{ title: 't', body: 'x'.repeat(5000) }]],
    ['a notification with an empty article id', hostChannel.notify, [{ title: 't', body: 'b', articleId: '' }]],
    ['settings missing a field', hostChannel.setSettings, [{ tray: true, startAtLogin: false, keyBindings: {} }]],
    ['settings with a non-boolean tray', hostChannel.setSettings, [{ tray: 'yes', startAtLogin: false, startHidden: false, keyBindings: {} }]],
    ['bindings for an unknown command', hostChannel.setSettings, [{ tray: true, startAtLogin: false, startHidden: false, keyBindings: { 'evil.command': ['x'] } }]],
    ['bindings that are not strings', hostChannel.setSettings, [{ tray: true, startAtLogin: false, startHidden: false, keyBindings: { 'sync.all': [1] } }]],
  ])('rejects %s without calling the service', async (_label, channel, args) => {
    const { invoke, calls } = await register();
    const result = await invoke(channel, appSender, ...args);
    expect(result).toMatchObject({ ok: false, error: { kind: 'invalid-argument' } });
    expect(calls).toEqual([]);
  });

  it('passes valid desktop calls through', async () => {
    const { invoke, calls } = await register();
    const settings = { tray: false, startAtLogin: true, startHidden: true, keyBindings: { 'sync.all': ['mod+shift+r'] } };
    await invoke(hostChannel.setUnreadCount, appSender, 0);
    await invoke(hostChannel.notify, appSender, { title: '3 new articles in Feed', body: '', feedId: 'f1' });
    await invoke(hostChannel.setSettings, appSender, settings);
    expect(calls).toEqual([
      { name: 'setUnreadCount', args: [0] },
      { name: 'notify', args: [{ title: '3 new articles in Feed', body: '', feedId: 'f1' }] },
      { name: 'setSettings', args: [settings] },
    ]);
  });

  it('turns a service that throws into a typed error instead of a raw exception', async () => {
    const { registerHostHandlers } = await import('../../../electron/ipc');
    const services = { appInfo: () => Promise.reject(new Error('EACCES: boom')) } as unknown as HostServices;
    registerHostHandlers(fake.module.ipcMain as never, services);
    const result = await fake.ipcHandlers.get(hostChannel.appInfo)?.(appSender);
    expect(result).toMatchObject({ ok: false, error: { kind: 'unavailable' } });
  });
});

describe('the preload bridge', () => {
  it('exposes only the Host functions and forwards each call on its channel', async () => {
    await import('../../../electron/preload');
    const host = fake.exposed.get('broadsheetHost') as Record<string, (...args: unknown[]) => unknown>;
    expect(Object.keys(host).sort()).toEqual(['accountRequest', 'addAccount', 'appInfo', 'fetchEnclosureRange', 'fetchFeed', 'fetchImage', 'fetchPage', 'notify', 'onCommand', 'openExternal', 'removeAccount', 'setSettings', 'setUnreadCount', 'signInAgain', 'testAccount']);
    await host.openExternal?.('https://example.com');
    await host.fetchFeed?.({ url: 'https://example.com/feed' });
    expect(fake.calls.invoked).toEqual([
      { channel: hostChannel.openExternal, args: ['https://example.com'] },
      { channel: hostChannel.fetchFeed, args: [{ url: 'https://example.com/feed' }] },
    ]);
  });

  it('delivers commands without the IPC event and stops after unsubscribe', async () => {
    await import('../../../electron/preload');
    const host = fake.exposed.get('broadsheetHost') as { onCommand: (listener: (command: unknown) => void) => () => void };
    const received: unknown[] = [];
    const unsubscribe = host.onCommand((command) => received.push(command));
    const [listener] = [...(fake.rendererListeners.get('host:command') ?? [])];
    listener?.({ sender: 'secret ipc event' }, { type: 'sync-due' });
    unsubscribe();
    listener?.({ sender: 'secret ipc event' }, { type: 'online', online: false });
    expect(received).toEqual([{ type: 'sync-due' }]);
  });

  it('holds commands that arrive before the page subscribes and delivers them to the first listener', async () => {
    await import('../../../electron/preload');
    const host = fake.exposed.get('broadsheetHost') as { onCommand: (listener: (command: unknown) => void) => () => void };
    const [listener] = [...(fake.rendererListeners.get('host:command') ?? [])];
    listener?.({}, { type: 'subscribe', url: 'https://example.com/feed' });
    listener?.({}, { type: 'import-opml', text: '<opml/>' });
    const received: unknown[] = [];
    host.onCommand((command) => received.push(command));
    const later: unknown[] = [];
    host.onCommand((command) => later.push(command));
    listener?.({}, { type: 'sync-due' });
    expect(received).toEqual([{ type: 'subscribe', url: 'https://example.com/feed' }, { type: 'import-opml', text: '<opml/>' }, { type: 'sync-due' }]);
    expect(later).toEqual([{ type: 'sync-due' }]);
  });

  it('forwards the desktop calls on their own channels', async () => {
    await import('../../../electron/preload');
    const host = fake.exposed.get('broadsheetHost') as Record<string, (...args: unknown[]) => unknown>;
    const settings = { tray: true, startAtLogin: false, startHidden: false, keyBindings: {} };
    await host.setUnreadCount?.(12);
    await host.notify?.({ title: 'Feed', body: 'Post', articleId: 'a1' });
    await host.setSettings?.(settings);
    expect(fake.calls.invoked).toEqual([
      { channel: hostChannel.setUnreadCount, args: [12] },
      { channel: hostChannel.notify, args: [{ title: 'Feed', body: 'Post', articleId: 'a1' }] },
      { channel: hostChannel.setSettings, args: [settings] },
    ]);
  });
});
