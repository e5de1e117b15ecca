import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hostChannel } from '../../../shared/host';
import type { BrowserHost } from '../../support/browser-host';
import { jsonLine, startBrowserHost, TOKEN_HEADER } from '../../support/browser-host';

let host: BrowserHost;

beforeAll(async () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'broadsheet-renderer-'));
  writeFileSync(path.join(dir, 'index.html'), '<!doctype html><html><head></head><body></body></html>');
  host = await startBrowserHost({ rendererDir: dir, fetch: () => Promise.reject(new Error('offline')) });
});

afterAll(() => host.close());

async function call(name: keyof typeof hostChannel, args: unknown[]): Promise<unknown> {
  const response = await fetch(`${host.url}/host/${hostChannel[name]}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', [TOKEN_HEADER]: host.token },
    body: JSON.stringify({ args }),
  });
  return response.json();
}

describe('the browser host desktop calls', () => {
  it('records unread counts, notifications and settings for tests to read', async () => {
    const settings = { tray: true, startAtLogin: false, startHidden: false, keyBindings: { 'sync.all': ['mod+r'] } };
    expect(await call('setUnreadCount', [5])).toEqual({ ok: true, value: null });
    expect(await call('notify', [{ title: '2 new articles in Feed', body: '', feedId: 'f' }])).toEqual({ ok: true, value: null });
    expect(await call('setSettings', [settings])).toEqual({ ok: true, value: null });
    expect(host.unreadCounts).toEqual([5]);
    expect(host.notifications).toEqual([{ title: '2 new articles in Feed', body: '', feedId: 'f' }]);
    expect(host.appliedSettings).toEqual([settings]);
  });

  it('validates them exactly as Electron does', async () => {
    expect(await call('setUnreadCount', [-3])).toMatchObject({ ok: false, error: { kind: 'invalid-argument' } });
    expect(await call('notify', [{ title: 't', body: 'b', icon: 'x' }])).toMatchObject({ ok: false, error: { kind: 'invalid-argument' } });
    expect(host.unreadCounts).not.toContain(-3);
  });

  it('pushes commands to the page as server-sent events', async () => {
    const controller = new AbortController();
    const response = await fetch(`${host.url}/host/events?token=${host.token}`, { signal: controller.signal });
    const reader = response.body!.getReader();
    const decoder = new TextDecoder();
    let text = decoder.decode((await reader.read()).value);
    host.sendCommand({ type: 'open-article', articleId: 'a1' });
    while (!text.includes('open-article')) text += decoder.decode((await reader.read()).value);
    expect(text).toContain('data: {"type":"open-article","articleId":"a1"}');
    controller.abort();
  });
});

describe('jsonLine', () => {
  it('is the value as one line of UTF-8 JSON, whatever characters its strings hold', () => {
    const value = { index: 3, result: { ok: true, value: { title: 'Café – 東京 😀 "quoted"\nline', items: [] } } };
    const bytes = jsonLine(value);
    const text = new TextDecoder().decode(bytes);
    expect(text.endsWith('\n')).toBe(true);
    expect(text.slice(0, -1)).not.toContain('\n');
    expect(JSON.parse(text)).toEqual(value);
  });
});
