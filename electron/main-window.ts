/** Creates the one app window, restores and remembers its bounds, and applies the guards. */
import path from 'node:path';
import { BrowserWindow, screen, shell } from 'electron';
import { APP_START_URL } from './app-protocol';
import { installWindowGuards } from './window-guards';
import { mainWindowOptions } from './window-options';
import { loadWindowState, saveWindowState } from './window-state';

export interface MainWindowOptions {
  preload: string;
  stateFile: string;
  /** Window icon (used on Linux). */
  icon?: string;
  /** Load the page but leave the window hidden (start hidden in the tray). */
  startHidden?: boolean;
  /** Asked on every close: true hides the window instead (tray or macOS dock), so the page keeps running. */
  hideOnClose?: () => boolean;
}

export function createMainWindow(options: MainWindowOptions): BrowserWindow {
  const workAreas = screen.getAllDisplays().map((display) => display.workArea);
  const state = loadWindowState(options.stateFile, workAreas);
  const window = new BrowserWindow(mainWindowOptions(state.bounds, path.resolve(options.preload), options.icon));
  installWindowGuards(window.webContents, shell);
  if (state.maximized) window.maximize();

  let saveTimer: NodeJS.Timeout | undefined;
  const saveNow = () => {
    clearTimeout(saveTimer);
    if (window.isDestroyed()) return;
    try {
      saveWindowState(options.stateFile, { bounds: window.getNormalBounds(), maximized: window.isMaximized() });
    } catch {
      // A read-only profile folder must not keep the window from closing.
    }
  };
  const remember = () => {
    clearTimeout(saveTimer);
    saveTimer = setTimeout(saveNow, 500);
  };
  window.on('resize', remember);
  window.on('move', remember);
  window.on('close', (event: Electron.Event) => {
    saveNow();
    if (options.hideOnClose?.()) {
      event.preventDefault();
      // A full-screen window hidden on macOS leaves an empty black space behind.
      if (window.isFullScreen()) {
        window.once('leave-full-screen', () => window.hide());
        window.setFullScreen(false);
      } else {
        window.hide();
      }
    }
  });
  if (!options.startHidden) window.once('ready-to-show', () => window.show());
  void window.loadURL(APP_START_URL);
  return window;
}

/** Brings the window to the front (a second instance, the tray, a notification, a feed link). */
export function focusWindow(window: BrowserWindow): void {
  if (window.isMinimized()) window.restore();
  if (!window.isVisible()) window.show();
  window.focus();
}
