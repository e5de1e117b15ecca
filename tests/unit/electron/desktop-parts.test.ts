import { EventEmitter } from 'node:events';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import type { HostCommand } from '../../../shared/host';
import { watchPowerAndNetwork } from '../../../electron/background';
import { createCommandSender } from '../../../electron/command-sender';
import { applyLoginItem, AUTOSTART_FILE_NAME, autostartEntry, loadHostSettings } from '../../../electron/desktop-settings';
import { readOpmlFile } from '../../../electron/opml-file';
import { dotBitmap } from '../../../electron/unread-overlay';
import type { AppUpdater } from '../../../electron/updates';
import { loadUpdater, updatesSupported, watchForUpdates } from '../../../electron/updates';
import { FakeWebContents } from './fake-electron';

const tempDir = () => mkdtempSync(path.join(tmpdir(), 'broadsheet-part-'));

describe('background sync signals', () => {
  function watch(online: { value: boolean }) {
    const power = new EventEmitter();
    const sent: HostCommand[] = [];
    let tick: () => void = () => undefined;
    let interval = 0;
    watchPowerAndNetwork({
      powerMonitor: power,
      isOnline: () => online.value,
      send: (command) => sent.push(command),
      setInterval: (fn, ms) => ((tick = fn), (interval = ms)),
      clearInterval: () => undefined,
    });
    return { power, sent, tick: () => tick(), interval: () => interval };
  }

  it('polls connectivity every 30 s and reports each change once', () => {
    const online = { value: true };
    const { sent, tick, interval } = watch(online);
    expect(interval()).toBe(30_000);
    tick();
    expect(sent).toEqual([]);
    online.value = false;
    tick();
    tick();
    online.value = true;
    tick();
    expect(sent).toEqual([
      { type: 'online', online: false },
      { type: 'online', online: true },
    ]);
  });

  it('asks for a sync on resume', () => {
    const { power, sent } = watch({ value: true });
    power.emit('resume');
    expect(sent).toEqual([{ type: 'sync-due' }]);
  });
});

describe('the command sender', () => {
  it('holds commands during a reload and sends them when the new page has loaded', () => {
    const contents = new FakeWebContents();
    const sender = createCommandSender();
    sender.attach(contents as never);
    contents.finishLoad();
    sender.send({ type: 'sync-due' });
    contents.emit('did-start-loading');
    sender.send({ type: 'online', online: true });
    expect(contents.commands()).toEqual([{ type: 'sync-due' }]);
    contents.finishLoad();
    expect(contents.commands()).toEqual([{ type: 'sync-due' }, { type: 'online', online: true }]);
  });

  it('sends to a new window after the old one was replaced', () => {
    const first = new FakeWebContents();
    const second = new FakeWebContents();
    const sender = createCommandSender();
    sender.attach(first as never);
    first.finishLoad();
    first.destroyed = true;
    sender.attach(second as never);
    sender.send({ type: 'sync-due' });
    second.finishLoad();
    expect(first.commands()).toEqual([]);
    expect(second.commands()).toEqual([{ type: 'sync-due' }]);
  });
});

describe('OPML files', () => {
  it('reads UTF-8 text without its BOM', async () => {
    const file = path.join(tempDir(), 'a.opml');
    writeFileSync(file, '\uFEFF<opml><body><outline text="Café"/></body></opml>');
    expect(await readOpmlFile(file)).toEqual({ ok: true, value: '<opml><body><outline text="Café"/></body></opml>' });
  });

  it('refuses a file over the limit, a folder and a missing file', async () => {
    const dir = tempDir();
    const big = path.join(dir, 'big.opml');
    writeFileSync(big, 'x'.repeat(2048));
    expect((await readOpmlFile(big, 1024)).ok).toBe(false);
    mkdirSync(path.join(dir, 'folder.opml'));
    expect((await readOpmlFile(path.join(dir, 'folder.opml'))).ok).toBe(false);
    expect((await readOpmlFile(path.join(dir, 'missing.opml'))).ok).toBe(false);
  });
});

describe('desktop settings and the login item', () => {
  it('falls back to the platform defaults when the file is missing or corrupt', () => {
    const dir = tempDir();
    expect(loadHostSettings(path.join(dir, 'none.json'), 'linux')).toMatchObject({ tray: true, startHidden: false });
    writeFileSync(path.join(dir, 'bad.json'), '{"tray": "maybe"}');
    expect(loadHostSettings(path.join(dir, 'bad.json'), 'darwin')).toMatchObject({ tray: false });
  });

  it('writes and removes an XDG autostart entry on Linux', () => {
    const dir = path.join(tempDir(), 'autostart');
    const base = { platform: 'linux', isPackaged: true, setLoginItemSettings: vi.fn(), executable: '/home/ada/Apps/Broad sheet.AppImage', autostartDir: dir, log: vi.fn() };
    applyLoginItem({ ...base, openAtLogin: true });
    const entry = readFileSync(path.join(dir, AUTOSTART_FILE_NAME), 'utf8');
    expect(entry).toContain('Exec="/home/ada/Apps/Broad sheet.AppImage"');
    applyLoginItem({ ...base, openAtLogin: false });
    expect(existsSync(path.join(dir, AUTOSTART_FILE_NAME))).toBe(false);
    expect(base.setLoginItemSettings).not.toHaveBeenCalled();
  });

  it('uses Electron\'s login item on macOS and Windows', () => {
    for (const platform of ['darwin', 'win32']) {
      const setLoginItemSettings = vi.fn();
      applyLoginItem({ platform, isPackaged: true, openAtLogin: true, setLoginItemSettings, executable: 'x', autostartDir: tempDir(), log: vi.fn() });
      expect(setLoginItemSettings).toHaveBeenCalledWith({ openAtLogin: true });
    }
  });

  it('quotes the program path as the Desktop Entry spec asks', () => {
    expect(autostartEntry('/opt/a "b" $c\\d')).toContain('Exec="/opt/a \\"b\\" \\$c\\\\d"');
  });
});

describe('updates', () => {
  it('are offered for the Windows installer, the macOS app and the AppImage only', () => {
    const base = { isPackaged: true, appImage: undefined, hasUpdateConfig: true };
    expect(updatesSupported({ ...base, platform: 'win32' })).toBe(true);
    expect(updatesSupported({ ...base, platform: 'darwin' })).toBe(true);
    expect(updatesSupported({ ...base, platform: 'linux', appImage: '/home/ada/Broadsheet.AppImage' })).toBe(true);
    expect(updatesSupported({ ...base, platform: 'linux' })).toBe(false);
    expect(updatesSupported({ ...base, platform: 'win32', isPackaged: false })).toBe(false);
    expect(updatesSupported({ ...base, platform: 'win32', hasUpdateConfig: false })).toBe(false);
  });

  it('are off, with one line in the log, when electron-updater is not installed', () => {
    const log = vi.fn();
    const updater = loadUpdater(() => {
      throw Object.assign(new Error("Cannot find module 'electron-updater'"), { code: 'MODULE_NOT_FOUND' });
    }, log);
    expect(updater).toBeNull();
    expect(log).toHaveBeenCalledTimes(1);
    expect(log.mock.calls[0]?.[0]).toMatch(/electron-updater is not installed/);
  });

  it('check, download, and report once that a restart will install', async () => {
    const listeners = new Map<string, (...args: unknown[]) => void>();
    const updater: AppUpdater = {
      checkForUpdates: vi.fn(() => Promise.reject(new Error('offline'))),
      on: (event, listener) => listeners.set(event, listener),
      quitAndInstall: vi.fn(),
    };
    const loaded = loadUpdater(() => ({ autoUpdater: updater }), vi.fn());
    expect(loaded).toBe(updater);
    const onReady = vi.fn();
    const log = vi.fn();
    watchForUpdates({ updater, onReady, log, setInterval: () => undefined });
    expect(updater.checkForUpdates).toHaveBeenCalledTimes(1);
    expect(updater.autoDownload).toBe(true);
    listeners.get('error')?.(new Error('offline'));
    listeners.get('error')?.(new Error('offline'));
    expect(log).toHaveBeenCalledTimes(1);
    listeners.get('update-downloaded')?.();
    listeners.get('update-downloaded')?.();
    expect(onReady).toHaveBeenCalledTimes(1);
  });
});

describe('the unread overlay', () => {
  it('is an opaque dot in the middle and transparent in the corners', () => {
    const size = 16;
    const pixels = dotBitmap(size, [255, 0, 0]);
    expect(pixels).toHaveLength(size * size * 4);
    const alpha = (x: number, y: number) => pixels[(y * size + x) * 4 + 3];
    const red = (x: number, y: number) => pixels[(y * size + x) * 4 + 2];
    expect(alpha(8, 8)).toBe(255);
    expect(red(8, 8)).toBe(255);
    expect(alpha(0, 0)).toBe(0);
    expect(alpha(15, 15)).toBe(0);
  });
});
