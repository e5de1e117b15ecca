import { hostChannel } from '../../../shared/host';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { FakeElectron } from './fake-electron';
import { FakeBrowserWindow, createFakeElectron } from './fake-electron';

/** vi.waitFor's default second is too short when the machine is busy (other test runs, npm run test:stress). */
const WAIT = { timeout: 10_000 };

let fake: FakeElectron;

beforeEach(() => {
  fake = createFakeElectron();
  FakeBrowserWindow.instances = [];
  vi.resetModules();
  vi.doMock('electron', () => fake.module);
});

describe('the main process', () => {
  it('uses the profile folder given in BROADSHEET_USER_DATA, so a test run never shares the user\'s library or lock', async () => {
    process.env.BROADSHEET_USER_DATA = '/tmp/broadsheet-profile';
    try {
      await import('../../../electron/main');
      expect(fake.module.app.getPath('userData')).toBe('/tmp/broadsheet-profile');
    } finally {
      delete process.env.BROADSHEET_USER_DATA;
    }
  });

  it('enables the sandbox for every renderer', async () => {
    await import('../../../electron/main');
    expect(fake.calls.enableSandbox).toBe(1);
  });

  it('quits at once when another instance already runs', async () => {
    fake.state.singleInstanceLock = false;
    await import('../../../electron/main');
    expect(fake.calls.quit).toBe(1);
    fake.resolveReady();
    await Promise.resolve();
    expect(FakeBrowserWindow.instances).toHaveLength(0);
  });

  it('opens one window on the app origin and focuses it when a second instance starts', async () => {
    await import('../../../electron/main');
    fake.resolveReady();
    await vi.waitFor(() => expect(FakeBrowserWindow.instances).toHaveLength(1), WAIT);
    const [window] = FakeBrowserWindow.instances;
    expect(window?.loadedUrl).toBe('app://broadsheet/index.html');
    if (!window) return;
    window.minimized = true;
    fake.appEvents.emit('second-instance', {}, ['broadsheet'], '/');
    expect(window.minimized).toBe(false);
    expect(window.visible).toBe(true);
    expect(window.focused).toBe(true);
    expect(FakeBrowserWindow.instances).toHaveLength(1);
  });

  it('registers a validated handler for every host call', async () => {
    await import('../../../electron/main');
    fake.resolveReady();
    await vi.waitFor(() => expect([...fake.ipcHandlers.keys()].sort()).toEqual(Object.values(hostChannel).sort()), WAIT);
  });
});
