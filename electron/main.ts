/**
 * The Electron main process: one window on app://, the Host IPC handlers, and the desktop around them: menu, tray,
 * notifications, unread badge, feed links (feed:, broadsheet:, .opml files), wake/online events, login item,
 * updates, and the single-instance lock.
 */
import { createHash, randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import type { BrowserWindow } from 'electron';
import { app, ipcMain, Menu, MessageChannelMain, nativeImage, net, Notification, powerMonitor, safeStorage, session, shell, Tray } from 'electron';
import { ACCOUNT_ID_PREFIX } from '../shared/accounts/ids';
import { createAccountHost } from '../shared/accounts/account-host';
import { APP_NAME } from '../shared/app-meta';
import { CONTENT_SECURITY_POLICY } from '../shared/csp';
import type { HostSettings } from '../shared/host';
import { bundledCatalogues } from '../shared/i18n/catalogues';
import { negotiateLocale } from '../shared/i18n/locales';
import { createTranslator } from '../shared/i18n/translator';
import { createHostServices } from '../shared/host-services';
import { userAgentFor } from '../shared/net';
import { safeStorageCredentialStore } from './account-credentials';
import { buildMenuTemplate } from '../shared/menu-template';
import type { FeedLink } from '../shared/protocol-links';
import { FEED_LINK_SCHEMES, feedLinksFromArgv, parseFeedLink } from '../shared/protocol-links';
import type { MenuHandlers } from './app-menu';
import { toElectronTemplate } from './app-menu';
import { handleAppScheme, registerAppScheme } from './app-protocol';
import { watchPowerAndNetwork } from './background';
import { createCommandSender } from './command-sender';
import { applyLoginItem, loadHostSettings, saveHostSettings } from './desktop-settings';
import { registerHostPortHandler } from './host-port';
import { registerHostHandlers } from './ipc';
import { createMainWindow, focusWindow } from './main-window';
import { createNotifier } from './notifications';
import { readOpmlFile } from './opml-file';
import { installRequestFilter } from './request-filter';
import { dotBitmap, OVERLAY_SIZE, overlayDescription } from './unread-overlay';
import type { TrayController } from './tray';
import { createTray } from './tray';
import type { AppUpdater } from './updates';
import { loadUpdater, updatesSupported, watchForUpdates } from './updates';
import { denyAllPermissions } from './window-guards';

/** Must match appId in electron-builder.yml: Windows ties notifications and the taskbar to it. */
const APP_USER_MODEL_ID = 'app.broadsheet.reader';
const log = (message: string) => console.log(`[broadsheet] ${message}`);

app.enableSandbox();
registerAppScheme();
// A separate profile (tests, a portable copy) also gets its own single-instance lock.
if (process.env.BROADSHEET_USER_DATA) app.setPath('userData', path.resolve(process.env.BROADSHEET_USER_DATA));

// The argv travels as additionalData too: Chromium may rewrite the second instance's argv on Windows.
if (!app.requestSingleInstanceLock({ argv: process.argv.slice(), cwd: process.cwd() })) {
  app.quit();
} else {
  startApp();
}

function startApp(): void {
  const platform = process.platform;
  // Icons are copied next to the bundles by scripts/build-electron.mjs (out/icons).
  const iconsDir = path.join(__dirname, '../icons');
  const windowIcon = path.join(iconsDir, 'icon.png');
  const settingsFile = () => path.join(app.getPath('userData'), 'desktop-settings.json');

  let mainWindow: BrowserWindow | null = null;
  let quitting = false;
  let unreadCount = 0;
  let updateReady = false;
  let updater: AppUpdater | null = null;
  let tray: TrayController | null = null;
  let loginItemApplied = false;
  let settings: HostSettings = loadHostSettings(settingsFile(), platform);
  const commands = createCommandSender();
  // The menu, the tray and the taskbar overlay speak the window's language (HostSettings.locale); before the window
  // has said which, the OS's.
  const translator = createTranslator('en', bundledCatalogues);
  const systemLanguages = (): string[] => {
    const preferred = typeof app.getPreferredSystemLanguages === 'function' ? app.getPreferredSystemLanguages() : [];
    return preferred.length > 0 ? preferred : typeof app.getLocale === 'function' ? [app.getLocale()] : [];
  };
  const chosenLocale = () => settings.locale ?? negotiateLocale(systemLanguages());
  const initialLinks = feedLinksFromArgv(process.argv);

  const openWindow = (hidden: boolean) => {
    const window = createMainWindow({
      preload: path.join(__dirname, '../preload/preload.cjs'),
      stateFile: path.join(app.getPath('userData'), 'window-state.json'),
      icon: platform === 'linux' ? windowIcon : undefined,
      startHidden: hidden,
      // Closing hides while the tray (or macOS's dock) can bring it back; the page keeps syncing meanwhile.
      hideOnClose: () => !quitting && (settings.tray || platform === 'darwin'),
    });
    mainWindow = window;
    commands.attach(window.webContents);
    showUnreadOverlay();
    // Windows logging off closes windows without before-quit: let them close.
    window.on('session-end', () => {
      quitting = true;
    });
    window.on('closed', () => {
      if (mainWindow === window) mainWindow = null;
    });
  };

  const showWindow = () => {
    if (mainWindow && !mainWindow.isDestroyed()) focusWindow(mainWindow);
    else if (app.isReady()) openWindow(false);
  };

  const installUpdate = () => {
    if (!updater) return;
    quitting = true;
    updater.quitAndInstall();
  };

  const handlers: MenuHandlers = {
    command: (id) => commands.send({ type: 'command', id }),
    action: (action) => {
      if (action === 'open-window') showWindow();
      else if (action === 'quit') app.quit();
      else installUpdate();
    },
  };

  const rebuildMenus = () => {
    const template = buildMenuTemplate({ platform, appName: APP_NAME, keyBindings: settings.keyBindings, updateReady, devTools: !app.isPackaged, t: translator.t });
    Menu.setApplicationMenu(Menu.buildFromTemplate(toElectronTemplate(template, handlers)));
    tray?.update({ unreadCount, updateReady });
    showUnreadOverlay();
  };
  const showChosenLocale = () => {
    const locale = chosenLocale();
    if (locale !== translator.locale()) void translator.setLocale(locale).then(rebuildMenus);
  };

  const applyTray = () => {
    if (settings.tray && tray === null) {
      const icon = nativeImage.createFromPath(path.join(iconsDir, 'tray.png'));
      if (icon.isEmpty()) log(`The tray icon is missing from ${iconsDir}.`);
      tray = createTray({ Tray, Menu, icon, appName: APP_NAME, handlers, t: translator.t }, { unreadCount, updateReady });
    } else if (!settings.tray && tray !== null) {
      tray.destroy();
      tray = null;
    }
  };

  let overlayImage: Electron.NativeImage | null = null;
  const showUnreadOverlay = () => {
    if (platform !== 'win32' || !mainWindow || mainWindow.isDestroyed()) return;
    overlayImage ??= nativeImage.createFromBitmap(dotBitmap(), { width: OVERLAY_SIZE, height: OVERLAY_SIZE });
    mainWindow.setOverlayIcon(unreadCount > 0 ? overlayImage : null, overlayDescription(unreadCount, translator.t));
  };

  const setUnreadCount = (count: number) => {
    unreadCount = count;
    tray?.update({ unreadCount, updateReady });
    showUnreadOverlay();
    try {
      // The dock badge on macOS, the launcher count on Unity-style Linux desktops; nothing elsewhere.
      app.setBadgeCount(count);
    } catch {
      // Not supported here.
    }
  };

  const setSettings = (next: HostSettings) => {
    const previous = settings;
    settings = next;
    try {
      saveHostSettings(settingsFile(), next);
    } catch (cause) {
      log(`Could not remember the desktop settings: ${cause instanceof Error ? cause.message : String(cause)}`);
    }
    applyTray();
    if (!loginItemApplied || previous.startAtLogin !== next.startAtLogin) {
      loginItemApplied = true;
      applyLoginItem({
        platform,
        isPackaged: app.isPackaged,
        openAtLogin: next.startAtLogin,
        setLoginItemSettings: (loginItem) => app.setLoginItemSettings(loginItem),
        executable: process.env.APPIMAGE ?? process.execPath,
        autostartDir: path.join(app.getPath('appData'), 'autostart'),
        log,
      });
    }
    rebuildMenus();
    showChosenLocale();
  };

  const notify = createNotifier({
    Notification,
    icon: platform === 'linux' ? windowIcon : undefined,
    showWindow,
    send: (command) => commands.send(command),
  });

  const handleLinks = (links: readonly FeedLink[], cwd: string) => {
    if (links.length === 0) return;
    showWindow();
    for (const link of links) {
      if (link.kind === 'subscribe') {
        commands.send({ type: 'subscribe', url: link.url });
        continue;
      }
      void readOpmlFile(path.resolve(cwd, link.path)).then((result) => {
        if (result.ok) commands.send({ type: 'import-opml', text: result.value });
        else log(result.error);
      });
    }
  };

  registerFeedLinkSchemes();

  app.on('second-instance', (_event, argv, workingDirectory, additionalData) => {
    const data = (additionalData ?? {}) as { argv?: unknown; cwd?: unknown };
    const args = Array.isArray(data.argv) ? (data.argv as unknown[]) : argv;
    const cwd = typeof data.cwd === 'string' ? data.cwd : workingDirectory;
    showWindow();
    handleLinks(feedLinksFromArgv(args), cwd);
  });

  // macOS hands links and files over as events (possibly before ready); other platforms use argv.
  app.on('open-url', (event, url) => {
    event.preventDefault();
    const link = parseFeedLink(url);
    if (link?.kind === 'subscribe') handleLinks([link], process.cwd());
  });
  app.on('open-file', (event, file) => {
    if (!/\.opml$/i.test(file)) return;
    event.preventDefault();
    handleLinks([{ kind: 'opml-file', path: file }], process.cwd());
  });

  app.on('web-contents-created', (_event, contents) => {
    contents.on('will-attach-webview', (event) => event.preventDefault());
  });

  app.on('before-quit', () => {
    quitting = true;
  });

  void app.whenReady().then(() => {
    if (platform === 'win32') app.setAppUserModelId(APP_USER_MODEL_ID);
    handleAppScheme(path.join(__dirname, '../renderer'));
    denyAllPermissions(session.defaultSession);
    installRequestFilter(session.defaultSession);
    session.defaultSession.webRequest.onHeadersReceived((details, callback) => {
      callback({
        responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] },
      });
    });
    const hostFetch: typeof fetch = (input, init) => net.fetch(input instanceof URL ? input.href : input, init);
    const services = createHostServices({
      fetch: hostFetch,
      version: app.getVersion(),
      host: 'electron',
      os: platform,
      languages: systemLanguages,
      openExternal: (url) => shell.openExternal(url),
      setUnreadCount,
      notify,
      setSettings,
      accounts: createAccountHost({
        fetch: hostFetch,
        store: safeStorageCredentialStore(path.join(app.getPath('userData'), 'account-credentials.json'), safeStorage),
        md5: (text) => createHash('md5').update(text, 'utf8').digest('hex'),
        newAccountId: () => ACCOUNT_ID_PREFIX + randomUUID(),
        userAgent: userAgentFor(app.getVersion()),
      }),
    });
    registerHostHandlers(ipcMain, services);
    // The sync worker's own line to these services (a MessagePort), so the window relays none of its calls.
    registerHostPortHandler(ipcMain, services, () => new MessageChannelMain());
    rebuildMenus();
    showChosenLocale();
    applyTray();
    // Hidden only where something can bring the window back; a feed link at launch wants the window.
    const startHidden = settings.startHidden && (settings.tray || platform === 'darwin') && initialLinks.length === 0;
    openWindow(startHidden);
    handleLinks(initialLinks, process.cwd());
    watchPowerAndNetwork({ powerMonitor, isOnline: () => net.isOnline(), send: (command) => commands.send(command) });
    // A system shutdown must not wait on a window that hides instead of closing (macOS and Linux).
    powerMonitor.on('shutdown', () => {
      quitting = true;
      app.quit();
    });
    startUpdates();
    app.on('activate', () => showWindow());
  });

  app.on('window-all-closed', () => {
    if (platform !== 'darwin') app.quit();
  });

  function startUpdates(): void {
    const resources = typeof process.resourcesPath === 'string' ? process.resourcesPath : '';
    const env = {
      platform,
      isPackaged: app.isPackaged,
      appImage: process.env.APPIMAGE,
      hasUpdateConfig: resources !== '' && existsSync(path.join(resources, 'app-update.yml')),
    };
    if (!updatesSupported(env)) return;
    // Resolved from the app's own node_modules at run time, never bundled (it is optional).
    updater = loadUpdater(createRequire(path.join(app.getAppPath(), 'package.json')), log);
    if (!updater) return;
    watchForUpdates({
      updater,
      log,
      onReady: () => {
        updateReady = true;
        rebuildMenus();
      },
    });
  }
}

/** Registers feed: and broadsheet: with the OS; a development run registers Electron plus the app folder. */
function registerFeedLinkSchemes(): void {
  for (const scheme of FEED_LINK_SCHEMES) {
    try {
      const appEntry = process.argv[1];
      if (process.defaultApp && appEntry !== undefined) app.setAsDefaultProtocolClient(scheme, process.execPath, [path.resolve(appEntry)]);
      else app.setAsDefaultProtocolClient(scheme);
    } catch (cause) {
      log(`Could not register ${scheme}: links: ${cause instanceof Error ? cause.message : String(cause)}`);
    }
  }
}
