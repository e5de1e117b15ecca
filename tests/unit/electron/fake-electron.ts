/**
 * A faked `electron` module for unit tests of the main-process glue: it records what the glue asks of Electron
 * (handlers registered, windows created, options passed) so the tests can check the security settings and the
 * behaviour of each handler without an Electron binary.
 */
import { EventEmitter } from 'node:events';

type Listener = (...args: unknown[]) => unknown;

export class FakeWebContents extends EventEmitter {
  loading = true;
  destroyed = false;
  /** Everything sent to the page, as [channel, ...args]. */
  sent: unknown[][] = [];
  isLoading = () => this.loading;
  isDestroyed = () => this.destroyed;
  send(channel: string, ...args: unknown[]): void {
    this.sent.push([channel, ...args]);
  }
  /** Everything posted with webContents.postMessage (ports in the transfer list). */
  posted: { channel: string; message: unknown; transfer: unknown[] }[] = [];
  postMessage(channel: string, message: unknown, transfer: unknown[] = []): void {
    this.posted.push({ channel, message, transfer });
  }
  /** Simulates the page finishing its load. */
  finishLoad(): void {
    this.loading = false;
    this.emit('did-finish-load');
  }
  /** The HostCommands the page received on the command channel. */
  commands(): unknown[] {
    return this.sent.filter(([channel]) => channel === 'host:command').map(([, command]) => command);
  }
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

/**
 * Electron's MessagePortMain, entangled with its partner: a message posted on one end is delivered to the other
 * (asynchronously, once the other end has started), as structured clones. Closing one end emits 'close' on both.
 */
export class FakeMessagePortMain extends EventEmitter {
  partner: FakeMessagePortMain | null = null;
  started = false;
  closed = false;
  private inbox: unknown[] = [];
  postMessage(message: unknown): void {
    if (this.closed) return;
    const target = this.partner;
    if (!target || target.closed) return;
    target.inbox.push(structuredClone(message));
    setImmediate(() => target.deliver());
  }
  start(): void {
    this.started = true;
    setImmediate(() => this.deliver());
  }
  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.emit('close');
    if (this.partner && !this.partner.closed) this.partner.close();
  }
  private deliver(): void {
    if (!this.started || this.closed) return;
    for (const data of this.inbox.splice(0)) this.emit('message', { data, ports: [] });
  }
}

export class FakeMessageChannelMain {
  static instances: FakeMessageChannelMain[] = [];
  readonly port1 = new FakeMessagePortMain();
  readonly port2 = new FakeMessagePortMain();
  constructor() {
    this.port1.partner = this.port2;
    this.port2.partner = this.port1;
    FakeMessageChannelMain.instances.push(this);
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
  hide = () => void (this.visible = false);
  overlay: { image: unknown; description: string } | null = null;
  setOverlayIcon = (image: unknown, description: string) => void (this.overlay = { image, description });
  isFullScreen = () => false;
  setFullScreen = () => undefined;
  /** Emits 'close' as a user closing the window would; returns whether the glue kept it open. Destroys it otherwise. */
  userClose(): boolean {
    let prevented = false;
    this.emit('close', { preventDefault: () => (prevented = true) });
    if (!prevented) {
      this.destroyed = true;
      this.visible = false;
      this.emit('closed');
    }
    return prevented;
  }
}

export class FakeTray extends EventEmitter {
  static instances: FakeTray[] = [];
  tooltip = '';
  menu: { template: Record<string, unknown>[] } | null = null;
  destroyed = false;
  constructor(readonly image: unknown) {
    super();
    FakeTray.instances.push(this);
  }
  setToolTip = (tooltip: string) => void (this.tooltip = tooltip);
  setContextMenu = (menu: { template: Record<string, unknown>[] }) => void (this.menu = menu);
  destroy = () => void (this.destroyed = true);
}

export class FakeNotification extends EventEmitter {
  static instances: FakeNotification[] = [];
  static supported = true;
  static isSupported = () => FakeNotification.supported;
  shown = false;
  /** Closed by the app (Electron's close() takes it off the screen). */
  closed = false;
  constructor(readonly options: { title: string; body: string }) {
    super();
    FakeNotification.instances.push(this);
  }
  show = () => void (this.shown = true);
  close = () => void (this.closed = true);
}

/** Finds a menu item by label in an Electron template (recursing into submenus). */
export function findMenuItem(template: readonly Record<string, unknown>[], label: string): Record<string, unknown> | undefined {
  for (const item of template) {
    if (item.label === label) return item;
    const submenu = item.submenu as Record<string, unknown>[] | undefined;
    const found = submenu ? findMenuItem(submenu, label) : undefined;
    if (found) return found;
  }
  return undefined;
}

export function createFakeElectron() {
  const appEvents = new EventEmitter();
  let resolveReady: () => void = () => undefined;
  const ready = new Promise<void>((resolve) => (resolveReady = resolve));
  const ipcHandlers = new Map<string, Listener>();
  /** ipcMain.on listeners (one-way messages from the page), by channel. */
  const ipcListeners = new Map<string, Listener[]>();
  /** Messages the page sent with ipcRenderer.send. */
  const rendererSent: { channel: string; args: unknown[] }[] = [];
  const rendererListeners = new Map<string, Set<Listener>>();
  const exposed = new Map<string, unknown>();
  const opened: string[] = [];
  const calls = {
    enableSandbox: 0,
    quit: 0,
    invoked: [] as { channel: string; args: unknown[] }[],
    permissionHandler: null as null | Listener,
    permissionCheckHandler: null as null | Listener,
    beforeRequest: null as null | Listener,
    headersReceived: null as null | Listener,
    badgeCounts: [] as number[],
    loginItems: [] as unknown[],
    protocolClients: [] as unknown[][],
    appUserModelIds: [] as string[],
    singleInstanceData: [] as unknown[],
  };
  const state = { singleInstanceLock: true, online: true, isPackaged: false, ready: false, encryptionAvailable: true, paths: {} as Record<string, string>, languages: ['en-US'] as string[] };
  const menus = { application: null as null | { template: Record<string, unknown>[] } };
  const powerEvents = new EventEmitter();
  const fakeSession = {
    setPermissionRequestHandler: (handler: Listener) => void (calls.permissionHandler = handler),
    setPermissionCheckHandler: (handler: Listener) => void (calls.permissionCheckHandler = handler),
    setDevicePermissionHandler: () => undefined,
    webRequest: {
      onHeadersReceived: (handler: Listener) => void (calls.headersReceived = handler),
      onBeforeRequest: (handler: Listener) => void (calls.beforeRequest = handler),
    },
  };
  const module = {
    app: {
      enableSandbox: () => void calls.enableSandbox++,
      requestSingleInstanceLock: (data?: unknown) => (calls.singleInstanceData.push(data), state.singleInstanceLock),
      quit: () => {
        calls.quit++;
        appEvents.emit('before-quit', { preventDefault: () => undefined });
      },
      on: (event: string, listener: Listener) => appEvents.on(event, listener),
      whenReady: () => ready,
      isReady: () => state.ready,
      get isPackaged() {
        return state.isPackaged;
      },
      getVersion: () => '0.1.0',
      getPreferredSystemLanguages: () => [...state.languages],
      getLocale: () => state.languages[0] ?? 'en-US',
      getPath: (name: string) => state.paths[name] ?? `/nonexistent/${name}`,
      setPath: (name: string, value: string) => void (state.paths[name] = value),
      getAppPath: () => '/nonexistent/app',
      setBadgeCount: (count: number) => (calls.badgeCounts.push(count), true),
      setLoginItemSettings: (settings: unknown) => void calls.loginItems.push(settings),
      setAsDefaultProtocolClient: (...args: unknown[]) => (calls.protocolClients.push(args), true),
      setAppUserModelId: (id: string) => void calls.appUserModelIds.push(id),
    },
    BrowserWindow: FakeBrowserWindow,
    Tray: FakeTray,
    Notification: FakeNotification,
    Menu: {
      buildFromTemplate: (template: Record<string, unknown>[]) => ({ template }),
      setApplicationMenu: (menu: { template: Record<string, unknown>[] }) => void (menus.application = menu),
    },
    nativeImage: {
      createFromPath: (file: string) => ({ file, isEmpty: () => false }),
      createFromBitmap: (buffer: Buffer, size: { width: number; height: number }) => ({ buffer, size, isEmpty: () => false }),
    },
    powerMonitor: powerEvents,
    screen: { getAllDisplays: () => [{ workArea: { x: 0, y: 0, width: 1920, height: 1080 } }] },
    shell: { openExternal: (url: string) => (opened.push(url), Promise.resolve()) },
    session: { defaultSession: fakeSession },
    net: { fetch: () => Promise.reject(new Error('no network in unit tests')), isOnline: () => state.online },
    protocol: { registerSchemesAsPrivileged: () => undefined, handle: () => undefined },
    ipcMain: {
      handle: (channel: string, listener: Listener) => void ipcHandlers.set(channel, listener),
      on: (channel: string, listener: Listener) => void ipcListeners.set(channel, [...(ipcListeners.get(channel) ?? []), listener]),
    },
    MessageChannelMain: FakeMessageChannelMain,
    ipcRenderer: {
      invoke: (channel: string, ...args: unknown[]) => (calls.invoked.push({ channel, args }), Promise.resolve({ ok: true, value: null })),
      on: (channel: string, listener: Listener) => {
        const set = rendererListeners.get(channel) ?? new Set();
        set.add(listener);
        rendererListeners.set(channel, set);
      },
      removeListener: (channel: string, listener: Listener) => void rendererListeners.get(channel)?.delete(listener),
      send: (channel: string, ...args: unknown[]) => void rendererSent.push({ channel, args }),
    },
    // Reversible but not plain: a test can tell that what was written is not the text it was given.
    safeStorage: {
      isEncryptionAvailable: () => state.encryptionAvailable,
      encryptString: (text: string) => Buffer.from(Buffer.from(text, 'utf8').map((byte) => byte ^ 0x5a)),
      decryptString: (bytes: Buffer) => Buffer.from(bytes.map((byte) => byte ^ 0x5a)).toString('utf8'),
    },
    contextBridge: { exposeInMainWorld: (key: string, value: unknown) => void exposed.set(key, value) },
  };
  const markReady = () => {
    state.ready = true;
    resolveReady();
  };
  return {
    module,
    appEvents,
    powerEvents,
    menus,
    resolveReady: markReady,
    ipcHandlers,
    ipcListeners,
    rendererSent,
    rendererListeners,
    exposed,
    opened,
    calls,
    state,
    fakeSession,
  };
}

export type FakeElectron = ReturnType<typeof createFakeElectron>;
