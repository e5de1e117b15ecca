/** Creates the one app window, restores and remembers its bounds, and applies the guards. */
import path from 'node:path';
import { BrowserWindow, screen, shell } from 'electron';
import { APP_START_URL } from './app-protocol';
import { installWindowGuards } from './window-guards';
import { mainWindowOptions } from './window-options';
import { loadWindowState, saveWindowState } from './window-state';

export interface MainWindowPaths {
  preload: string;
  stateFile: string;
}

export function createMainWindow(paths: MainWindowPaths): BrowserWindow {
  const workAreas = screen.getAllDisplays().map((display) => display.workArea);
  const state = loadWindowState(paths.stateFile, workAreas);
  const window = new BrowserWindow(mainWindowOptions(state.bounds, path.resolve(paths.preload)));
  installWindowGuards(window.webContents, shell);
  if (state.maximized) window.maximize();

  let saveTimer: NodeJS.Timeout | undefined;
  const remember = () => {
    clearTimeout(saveTimer);
    saveTimer = setTimeout(() => {
      if (window.isDestroyed()) return;
      saveWindowState(paths.stateFile, { bounds: window.getNormalBounds(), maximized: window.isMaximized() });
    }, 500);
  };
  window.on('resize', remember);
  window.on('move', remember);
  window.on('close', () => {
    clearTimeout(saveTimer);
    saveWindowState(paths.stateFile, { bounds: window.getNormalBounds(), maximized: window.isMaximized() });
  });
  window.once('ready-to-show', () => window.show());
  void window.loadURL(APP_START_URL);
  return window;
}

/** Brings the window to the front (used when a second instance starts). */
export function focusWindow(window: BrowserWindow): void {
  if (window.isMinimized()) window.restore();
  if (!window.isVisible()) window.show();
  window.focus();
}
