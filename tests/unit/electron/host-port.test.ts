/**
 * The sync worker's MessagePort to the main process, with the faked electron: who gets a port, that every message on
 * it is validated like an IPC call, that a fetchFeeds batch answers feed by feed, and that the preload hands the port to
 * the page. The renderer's side of the port (renderer/host/port-host-transport.ts) talks to the real handler here.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { FeedRequest, FeedResponse, HostResult } from '../../../shared/host';
import { HOST_PORT_MESSAGE, hostPortChannel, hostPortRequestChannel } from '../../../shared/host';
import type { HostServices } from '../../../shared/host-services';
import { createPortHostTransport } from '../../../renderer/host/port-host-transport';
import type { FakeElectron, FakeMessagePortMain } from './fake-electron';
import { FakeMessageChannelMain, FakeWebContents, createFakeElectron } from './fake-electron';

let fake: FakeElectron;

beforeEach(() => {
  fake = createFakeElectron();
  FakeMessageChannelMain.instances = [];
  vi.resetModules();
  vi.doMock('electron', () => fake.module);
});

afterEach(() => {
  vi.unstubAllGlobals();
});

const notModified = (url: string): HostResult<FeedResponse> => ({ ok: true, value: { status: 'not-modified', finalUrl: url } });

/** Services whose fetchFeed answers when the test releases each URL; the rest answer at once. */
function controlledServices() {
  const calls: { name: string; args: unknown[] }[] = [];
  const held = new Map<string, () => void>();
  const holds = new Set<string>();
  const services = {
    fetchFeed: async (request: FeedRequest) => {
      calls.push({ name: 'fetchFeed', args: [request] });
      if (holds.has(request.url)) await new Promise<void>((resolve) => held.set(request.url, resolve));
      return notModified(request.url);
    },
    openExternal: async (url: string) => {
      calls.push({ name: 'openExternal', args: [url] });
      return { ok: true as const, value: null };
    },
    appInfo: async () => ({ ok: true as const, value: { name: 'Broadsheet', version: '0.1.0', host: 'electron' as const, os: 'linux' } }),
  } as unknown as HostServices;
  return { services, calls, hold: (url: string) => holds.add(url), release: (url: string) => held.get(url)?.() };
}

function pageEvent(sender: FakeWebContents, url = 'app://broadsheet/index.html') {
  return { sender, senderFrame: { url } };
}

/** Registers the handler; `request` asks for a port as a page would. */
async function register(services: HostServices) {
  const { registerHostPortHandler } = await import('../../../electron/host-port');
  registerHostPortHandler(fake.module.ipcMain as never, services, () => new fake.module.MessageChannelMain());
  return (sender: FakeWebContents, url?: string) => {
    for (const listener of fake.ipcListeners.get(hostPortRequestChannel) ?? []) listener(pageEvent(sender, url));
  };
}

/** Registers the handler and asks for a port as the app page would. */
async function openPort(services: HostServices) {
  const sender = new FakeWebContents();
  const requestFor = await register(services);
  const request = () => requestFor(sender);
  request();
  return { sender, request };
}

/** The page's end of a fake port, as a DOM MessagePort for the renderer transport. */
function asDomPort(port: FakeMessagePortMain) {
  return {
    postMessage: (message: unknown) => port.postMessage(message),
    addEventListener: (_type: 'message', listener: (event: MessageEvent<unknown>) => void) => void port.on('message', listener),
    start: () => port.start(),
  };
}

function pagePort(sender: FakeWebContents, index = 0): FakeMessagePortMain {
  const posted = sender.posted.filter((p) => p.channel === hostPortChannel)[index];
  if (!posted) throw new Error('no port was posted to the page');
  return posted.transfer[0] as FakeMessagePortMain;
}

describe('the host port (Electron main process)', () => {
  it('gives a port to the app page only, never to another origin', async () => {
    const { services } = controlledServices();
    const request = await register(services);
    const stranger = new FakeWebContents();
    request(stranger, 'https://evil.example/');
    request(stranger, 'file:///home/me/page.html');
    expect(stranger.posted).toEqual([]);
    const sender = new FakeWebContents();
    request(sender);
    expect(sender.posted).toHaveLength(1);
    expect(sender.posted[0]).toMatchObject({ channel: hostPortChannel, message: null });
    expect(sender.posted[0]?.transfer).toHaveLength(1);
  });

  it('answers calls on the port through the validated host services', async () => {
    const { services, calls } = controlledServices();
    const { sender } = await openPort(services);
    const transport = createPortHostTransport(asDomPort(pagePort(sender)));
    expect(await transport.call('appInfo', [])).toMatchObject({ ok: true, value: { host: 'electron' } });
    expect(await transport.call('fetchFeed', [{ url: 'https://a.example/feed' }])).toEqual(notModified('https://a.example/feed'));
    expect(calls).toEqual([{ name: 'fetchFeed', args: [{ url: 'https://a.example/feed' }] }]);
  });

  it('refuses bad arguments and unknown calls on the port exactly as over IPC, without calling the service', async () => {
    const { services, calls } = controlledServices();
    const { sender } = await openPort(services);
    const transport = createPortHostTransport(asDomPort(pagePort(sender)));
    const refused = [
      await transport.call('openExternal', ['javascript:alert(1)']),
      await transport.call('fetchFeed', [{ url: 'https://a.example/feed', evil: true }]),
      await transport.call('fetchFeed', []),
      await transport.call('fetchFeeds', [[]]),
      await transport.call('fetchFeeds', [Array.from({ length: 101 }, (_, i) => ({ url: `https://a.example/${i}` }))]),
      await transport.call('nonsense' as never, []),
    ];
    for (const result of refused) expect(result).toMatchObject({ ok: false, error: { kind: 'invalid-argument' } });
    await expect(transport.fetchFeeds([{ url: 'file:///etc/passwd' }], () => undefined)).rejects.toThrow(/http/);
    expect(calls).toEqual([]);
  });

  it('ignores messages that are not calls (nothing to answer), and keeps serving', async () => {
    const { services } = controlledServices();
    const { sender } = await openPort(services);
    const port = pagePort(sender);
    const answers: unknown[] = [];
    port.on('message', ({ data }: { data: unknown }) => answers.push(data));
    port.start();
    for (const junk of [null, 'hello', { id: -1, name: 'appInfo', args: [] }, { id: 1, name: 'appInfo' }, { id: 1, name: 'appInfo', args: [], extra: 1 }]) port.postMessage(junk);
    port.postMessage({ id: 7, name: 'appInfo', args: [] });
    await vi.waitFor(() => expect(answers).toHaveLength(1));
    expect(answers[0]).toMatchObject({ id: 7, result: { ok: true } });
  });

  it('answers each feed of a fetchFeeds batch as soon as it is ready, then ends the call', async () => {
    const { services, hold, release } = controlledServices();
    const { sender } = await openPort(services);
    const transport = createPortHostTransport(asDomPort(pagePort(sender)));
    hold('https://slow.example/feed');
    const seen: Array<[number, HostResult<FeedResponse>]> = [];
    let ended = false;
    const batch = transport
      .fetchFeeds([{ url: 'https://slow.example/feed' }, { url: 'https://a.example/feed' }, { url: 'https://b.example/feed' }], (index, result) => seen.push([index, result]))
      .then(() => (ended = true));
    await vi.waitFor(() => expect(seen.map(([index]) => index).sort()).toEqual([1, 2]));
    expect(ended).toBe(false);
    release('https://slow.example/feed');
    await batch;
    expect(seen.map(([index]) => index)).toEqual([1, 2, 0]);
    expect(seen[2]?.[1]).toEqual(notModified('https://slow.example/feed'));
  });

  it('keeps at most a few ports per page and closes them all when the page goes away', async () => {
    const { services } = controlledServices();
    const { sender, request } = await openPort(services);
    for (let i = 0; i < 5; i++) request();
    const mainEnds = FakeMessageChannelMain.instances.map((channel) => channel.port1);
    expect(mainEnds).toHaveLength(6);
    expect(mainEnds.filter((port) => !port.closed)).toHaveLength(4);
    sender.emit('destroyed');
    expect(mainEnds.every((port) => port.closed)).toBe(true);
  });

  it('is registered by the main process', async () => {
    await import('../../../electron/main');
    fake.resolveReady();
    await vi.waitFor(() => expect(fake.ipcListeners.get(hostPortRequestChannel)).toHaveLength(1));
  });
});

describe('the preload and the host port', () => {
  it('asks the main process for a port when the page calls broadsheetHostPort.open', async () => {
    await import('../../../electron/preload');
    const opener = fake.exposed.get('broadsheetHostPort') as { open: () => void };
    expect(Object.keys(opener)).toEqual(['open']);
    opener.open();
    expect(fake.rendererSent).toEqual([{ channel: hostPortRequestChannel, args: [] }]);
  });

  it('hands the port from the main process to the page with window.postMessage (contextBridge cannot pass ports)', async () => {
    const posted: unknown[][] = [];
    vi.stubGlobal('window', { postMessage: (...args: unknown[]) => posted.push(args) });
    await import('../../../electron/preload');
    const [listener] = [...(fake.rendererListeners.get(hostPortChannel) ?? [])];
    const port = { a: 'port' };
    listener?.({ ports: [port], sender: 'secret ipc event' });
    listener?.({ ports: [] });
    expect(posted).toEqual([[HOST_PORT_MESSAGE, '*', [port]]]);
  });
});
