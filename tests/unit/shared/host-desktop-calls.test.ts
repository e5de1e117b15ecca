import { describe, expect, it } from 'vitest';
import { defaultHostSettings } from '../../../shared/host';
import { parseHostSettings, validateHostArgs } from '../../../shared/host-schema';
import { createHostServices, dispatchHostCall } from '../../../shared/host-services';

function services() {
  const seen: { unread: number[]; notes: unknown[]; settings: unknown[] } = { unread: [], notes: [], settings: [] };
  const host = createHostServices({
    fetch: () => Promise.reject(new Error('no network')),
    version: '1.0.0',
    host: 'browser',
    os: 'linux',
    openExternal: async () => undefined,
    setUnreadCount: (count) => void seen.unread.push(count),
    notify: (note) => void seen.notes.push(note),
    setSettings: (settings) => void seen.settings.push(settings),
  });
  return { host, seen };
}

const settings = { tray: true, startAtLogin: false, startHidden: true, keyBindings: { 'palette.open': ['mod+p'] } };

describe('the desktop host calls', () => {
  it('hands validated values to the transport hooks and answers ok(null)', async () => {
    const { host, seen } = services();
    await expect(dispatchHostCall(host, 'setUnreadCount', [7])).resolves.toEqual({ ok: true, value: null });
    await expect(dispatchHostCall(host, 'notify', [{ title: 'Feed', body: 'Post', articleId: 'a' }])).resolves.toEqual({ ok: true, value: null });
    await expect(dispatchHostCall(host, 'setSettings', [settings])).resolves.toEqual({ ok: true, value: null });
    expect(seen).toEqual({ unread: [7], notes: [{ title: 'Feed', body: 'Post', articleId: 'a' }], settings: [settings] });
  });

  it('refuses bad arguments before any hook runs', async () => {
    const { host, seen } = services();
    for (const [name, args] of [
      ['setUnreadCount', [Number.NaN]],
      ['setUnreadCount', [Infinity]],
      ['notify', [{ title: 'x' }]],
      ['notify', ['just a string']],
      ['setSettings', [{ ...settings, extra: 1 }]],
      ['setSettings', [{ ...settings, keyBindings: { 'no.such.command': ['x'] } }]],
      ['setSettings', [{ ...settings, keyBindings: { 'sync.all': Array.from({ length: 20 }, () => 'x') } }]],
    ] as const) {
      expect(await dispatchHostCall(host, name, args), name).toMatchObject({ ok: false, error: { kind: 'invalid-argument' } });
    }
    expect(seen).toEqual({ unread: [], notes: [], settings: [] });
  });

  it('accepts the calls where a transport has no hook for them', async () => {
    const host = createHostServices({ fetch, version: '1', host: 'browser', os: 'linux', openExternal: async () => undefined });
    await expect(dispatchHostCall(host, 'setUnreadCount', [1])).resolves.toEqual({ ok: true, value: null });
  });

  it('names the offending field', () => {
    const result = validateHostArgs('setSettings', [{ ...settings, tray: 'on' }]);
    expect(!result.ok && result.error.message).toMatch(/tray/);
  });

  it('reads settings back from a file only when they are whole and valid', () => {
    expect(parseHostSettings(settings)).toEqual(settings);
    expect(parseHostSettings({ tray: true })).toBeNull();
    expect(parseHostSettings('garbage')).toBeNull();
  });

  it('defaults the tray on for Windows and Linux, off for macOS', () => {
    expect(defaultHostSettings('win32').tray).toBe(true);
    expect(defaultHostSettings('linux').tray).toBe(true);
    expect(defaultHostSettings('darwin').tray).toBe(false);
    expect(defaultHostSettings('linux')).toMatchObject({ startAtLogin: false, startHidden: false, keyBindings: {} });
  });
});
