/** The app window's construction options: the Electron security checklist's defaults, in one place to test. */
import type { BrowserWindowConstructorOptions } from 'electron';
import type { WindowBounds } from './window-state';

export function mainWindowOptions(bounds: WindowBounds, preloadPath: string, iconPath?: string): BrowserWindowConstructorOptions {
  return {
    ...bounds,
    // Linux shows this in the task switcher; macOS and Windows take the packaged app's icon.
    ...(iconPath === undefined ? {} : { icon: iconPath }),
    minWidth: 800,
    minHeight: 500,
    show: false,
    title: 'Broadsheet',
    backgroundColor: '#1c1d21',
    autoHideMenuBar: false,
    webPreferences: {
      preload: preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      spellcheck: false,
      safeDialogs: true,
      // The window keeps syncing while hidden in the tray: Chromium must not slow its timers down.
      backgroundThrottling: false,
    },
  };
}
