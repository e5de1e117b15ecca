/**
 * A faked `electron` module for unit tests of the main-process glue: it records what the glue asks of Electron
 * (handlers registered, windows created, options passed) so the tests can check the security settings and the
 * behaviour of each handler without an Electron binary.
 */
import { EventEmitter } from 'node:events';

type Listener = (...args: unknown[]) => unknown;

export class FakeWebContents extends EventEmitter {
  windowOpenHandler: ((details: { url: string }) => { action: string }) | null = null;
  setWindowOpenHandler(handler: (details: { url: string }) => { action: string }): void {
    this.windowOpenHandler = handler;
  }
  /** Emits an event with a preventable event object; returns whether the glue prevented it. */
  emitPreventable(name: string, ...args: unknown[]): boolean {
    let prevented = false;
    this.emit(name, { preventDefault: () => (prevented = true) }, ...args);
    return prevented;
  }
}

export class FakeBrowserWindow extends EventEmitter {
  static instances: FakeBrowserWindow[] = [];
  static getAllWindows = () => FakeBrowserWindow.instances.filter((window) => !window.destroyed);
  readonly webContents = new FakeWebContents();
  destroyed = false;
  visible = false;
  minimized = false;
  focused = false;
  loadedUrl: string | null = null;
  constructor(readonly options: Record<string, unknown>) {
    super();
    FakeBrowserWindow.instances.push(this);
  }
  loadURL(url: string) {
    this.loadedUrl = url;
    return Promise.resolve();
  }
  isDestroyed = () => this.destroyed;
  isMinimized = () => this.minimized;
  isVisible = () => this.visible;
  isMaximized = () => false;
  restore = () => void (this.minimized = false);
  show = () => void (this.visible = true);
  focus = () => void (this.focused = true);
  maximize = () => undefined;
  getNormalBounds = () => ({ x: 10, y: 20, width: 1000, height: 700 });
}

export function createFakeElectron() {
  const appEvents = new EventEmitter();
  let resolveReady: () => void = () => undefined;
  const ready = new Promise<void>((resolve) => (resolveReady = resolve));
  const ipcHandlers = new Map<string, Listener>();
  const rendererListeners = new Map<string, Set<Listener>>();
  const exposed = new Map<string, unknown>();
  const opened: string[] = [];
  const calls = {
    enableSandbox: 0,
    quit: 0,
    invoked: [] as { channel: string; args: unknown[] }[],
    permissionHandler: null as null | Listener,
    permissionCheckHandler: null as null | Listener,
  };
  const state = { singleInstanceLock: true };
  const fakeSession = {
    setPermissionRequestHandler: (handler: Listener) => void (calls.permissionHandler = handler),
    setPermissionCheckHandler: (handler: Listener) => void (calls.permissionCheckHandler = handler),
    setDevicePermissionHandler: () => undefined,
    webRequest: { onHeadersReceived: () => undefined },
  };
  const module = {
    app: {
      enableSandbox: () => void calls.enableSandbox++,
      requestSingleInstanceLock: () => state.singleInstanceLock,
      quit: () => void calls.quit++,
      on: (event: string, listener: Listener) => appEvents.on(event, listener),
      whenReady: () => ready,
      getVersion: () => '0.1.0',
      getPath: () => '/nonexistent/user-data',
    },
    BrowserWindow: FakeBrowserWindow,
    screen: { getAllDisplays: () => [{ workArea: { x: 0, y: 0, width: 1920, height: 1080 } }] },
    shell: { openExternal: (url: string) => (opened.push(url), Promise.resolve()) },
    session: { defaultSession: fakeSession },
    net: { fetch: () => Promise.reject(new Error('no network in unit tests')) },
    protocol: { registerSchemesAsPrivileged: () => undefined, handle: () => undefined },
    ipcMain: { handle: (channel: string, listener: Listener) => void ipcHandlers.set(channel, listener) },
    ipcRenderer: {
      invoke: (channel: string, ...args: unknown[]) => (calls.invoked.push({ channel, args }), Promise.resolve({ ok: true, value: null })),
      on: (channel: string, listener: Listener) => {
        const set = rendererListeners.get(channel) ?? new Set();
        set.add(listener);
        rendererListeners.set(channel, set);
      },
      removeListener: (channel: string, listener: Listener) => void rendererListeners.get(channel)?.delete(listener),
    },
    contextBridge: { exposeInMainWorld: (key: string, value: unknown) => void exposed.set(key, value) },
  };
  return { module, appEvents, resolveReady, ipcHandlers, rendererListeners, exposed, opened, calls, state, fakeSession };
}

export type FakeElectron = ReturnType<typeof createFakeElectron>;
