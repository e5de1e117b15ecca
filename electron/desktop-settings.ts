/**
 * The settings the main process applies itself (tray, start at login, start hidden, key bindings for the menu).
 * The renderer owns them (in IndexedDB) and sends them through host.setSettings; a copy is kept in userData so the
 * next launch can honour "start hidden" and the tray before the page has loaded.
 */
import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { HostSettings } from '../shared/host';
import { defaultHostSettings } from '../shared/host';
import { parseHostSettings } from '../shared/host-schema';

export function loadHostSettings(file: string, os: string): HostSettings {
  try {
    return parseHostSettings(JSON.parse(readFileSync(file, 'utf8'))) ?? defaultHostSettings(os);
  } catch {
    return defaultHostSettings(os);
  }
}

/** Atomic (temp file + rename). Failing to remember is not worth failing the call for: the caller logs. */
export function saveHostSettings(file: string, settings: HostSettings): void {
  const temp = `${file}.tmp`;
  writeFileSync(temp, JSON.stringify(settings));
  renameSync(temp, file);
}

export interface LoginItemOptions {
  platform: string;
  isPackaged: boolean;
  openAtLogin: boolean;
  setLoginItemSettings: (settings: { openAtLogin: boolean }) => void;
  /** The program to start on Linux: the AppImage when run from one (its mount point changes every run). */
  executable: string;
  /** ~/.config/autostart on Linux (XDG). */
  autostartDir: string;
  log: (message: string) => void;
}

export const AUTOSTART_FILE_NAME = 'broadsheet.desktop';

/**
 * Registers or removes the login item: Electron's API on macOS and Windows; an XDG autostart entry on Linux, where
 * Electron has none. A development run (not packaged) never registers itself: it would start a bare Electron.
 */
export function applyLoginItem(options: LoginItemOptions): void {
  if (!options.isPackaged) {
    if (options.openAtLogin) options.log('Start at login is only set up for an installed Broadsheet.');
    return;
  }
  try {
    if (options.platform === 'darwin' || options.platform === 'win32') {
      options.setLoginItemSettings({ openAtLogin: options.openAtLogin });
      return;
    }
    const file = path.join(options.autostartDir, AUTOSTART_FILE_NAME);
    if (!options.openAtLogin) {
      rmSync(file, { force: true });
      return;
    }
    mkdirSync(options.autostartDir, { recursive: true });
    writeFileSync(file, autostartEntry(options.executable));
  } catch (cause) {
    options.log(`Could not change the login item: ${cause instanceof Error ? cause.message : String(cause)}`);
  }
}

export function autostartEntry(executable: string): string {
  return [
    '[Desktop Entry]',
    'Type=Application',
    'Name=Broadsheet',
    'Comment=Newsreader',
    `Exec=${desktopExecQuote(executable)}`,
    'Terminal=false',
    'X-GNOME-Autostart-enabled=true',
    '',
  ].join('\n');
}

/** Quoting per the Desktop Entry spec: double quotes, with ", `, $ and \ escaped by a backslash. */
function desktopExecQuote(value: string): string {
  return `"${value.replace(/[\\"`$]/g, (char) => `\\${char}`)}"`;
}
