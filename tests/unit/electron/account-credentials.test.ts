import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { safeStorageCredentialStore } from '../../../electron/account-credentials';
import type { StoredAccount } from '../../../shared/accounts/account-host';
import { createFakeElectron } from './fake-electron';

const PASSWORD = 'correct horse battery staple';
const account: StoredAccount = {
  service: 'freshrss',
  serverUrl: 'https://rss.example',
  apiUrl: 'https://rss.example/api/greader.php',
  userName: 'ann',
  password: PASSWORD,
};

describe('account credentials at rest (Electron main process)', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'broadsheet-creds-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('stores credentials encrypted with safeStorage and reads them back after a restart', async () => {
    const electron = createFakeElectron();
    const file = path.join(dir, 'account-credentials.json');
    await safeStorageCredentialStore(file, electron.module.safeStorage).put('acct-1', account);
    const text = await readFile(file, 'utf8');
    expect(text).not.toContain(PASSWORD);
    expect(text).not.toContain('ann');
    // A new store over the same file: what a restart of the app does.
    const again = safeStorageCredentialStore(file, createFakeElectron().module.safeStorage);
    expect(await again.get('acct-1')).toEqual(account);
  });

  it('keeps both of two accounts added at once, and forgets a removed one', async () => {
    const electron = createFakeElectron();
    const file = path.join(dir, 'account-credentials.json');
    const store = safeStorageCredentialStore(file, electron.module.safeStorage);
    await Promise.all([store.put('acct-1', account), store.put('acct-2', { ...account, userName: 'bob' })]);
    expect((await store.get('acct-2'))?.userName).toBe('bob');
    await store.delete('acct-1');
    expect(await store.get('acct-1')).toBeUndefined();
    expect((await store.get('acct-2'))?.userName).toBe('bob');
  });

  it('refuses to store a password where the system has no secure storage, and reads nothing from a damaged file', async () => {
    const electron = createFakeElectron();
    electron.state.encryptionAvailable = false;
    const file = path.join(dir, 'account-credentials.json');
    await expect(safeStorageCredentialStore(file, electron.module.safeStorage).put('acct-1', account)).rejects.toThrow(/secure storage/);
    await writeFile(file, '{"version":1,"accounts":{"acct-1":"bm90IGVuY3J5cHRlZA=="');
    expect(await safeStorageCredentialStore(file, createFakeElectron().module.safeStorage).get('acct-1')).toBeUndefined();
  });
});
