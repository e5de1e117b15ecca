/** The Electron main process: one window, the app:// protocol, the Host IPC handlers, and the single-instance lock. */
import path from 'node:path';
import { app, BrowserWindow, ipcMain, net, session, shell } from 'electron';
import { CONTENT_SECURITY_POLICY } from '../shared/csp';
import { createHostServices } from '../shared/host-services';
import { handleAppScheme, registerAppScheme } from './app-protocol';
import { registerHostHandlers } from './ipc';
import { createMainWindow, focusWindow } from './main-window';
import { denyAllPermissions } from './window-guards';

app.enableSandbox();
registerAppScheme();

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  let mainWindow: BrowserWindow | null = null;

  app.on('second-instance', () => {
    if (mainWindow) focusWindow(mainWindow);
  });

  app.on('web-contents-created', (_event, contents) => {
    contents.on('will-attach-webview', (event) => event.preventDefault());
  });

  void app.whenReady().then(() => {
    handleAppScheme(path.join(__dirname, '../renderer'));
    denyAllPermissions(session.defaultSession);
    session.defaultSession.webRequest.onHeadersReceived((details, callback) => {
      callback({
        responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] },
      });
    });
    const services = createHostServices({
      fetch: (input, init) => net.fetch(input instanceof URL ? input.href : input, init),
      version: app.getVersion(),
      host: 'electron',
      os: process.platform,
      openExternal: (url) => shell.openExternal(url),
    });
    registerHostHandlers(ipcMain, services);
    const open = () => {
      mainWindow = createMainWindow({
        preload: path.join(__dirname, '../preload/preload.cjs'),
        stateFile: path.join(app.getPath('userData'), 'window-state.json'),
      });
      mainWindow.on('closed', () => {
        mainWindow = null;
      });
    };
    open();
    app.on('activate', () => {
      if (BrowserWindow.getAllWindows().length === 0) open();
    });
  });

  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
}
