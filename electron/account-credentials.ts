/**
 * Account credentials at rest: one file in userData holding, per account id, the sign-in encrypted with Electron's
 * safeStorage (Keychain on macOS, DPAPI on Windows, libsecret/kwallet on Linux). Only the main process reads it; the
 * renderer never sees more than the account id. Written whole to a temporary file and renamed, so a crash mid-write
 * leaves the previous file.
 */
import { randomUUID } from 'node:crypto';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { SafeStorage } from 'electron';
import type { CredentialStore, StoredAccount } from '../shared/accounts/account-host';
import { serviceVariants } from '../shared/accounts/services';

export type CredentialCipher = Pick<SafeStorage, 'isEncryptionAvailable' | 'encryptString' | 'decryptString'>;

interface CredentialFile {
  version: 1;
  /** Account id → base64 of safeStorage.encryptString(JSON of StoredAccount). */
  accounts: Record<string, string>;
}

export function safeStorageCredentialStore(file: string, cipher: CredentialCipher): CredentialStore {
  // One write at a time: two accounts added at once must not lose either.
  let queue: Promise<unknown> = Promise.resolve();
  const serial = <T>(work: () => Promise<T>): Promise<T> => {
    const next = queue.then(work, work);
    queue = next.catch(() => undefined);
    return next;
  };

  async function load(): Promise<CredentialFile> {
    let text: string;
    try {
      text = await readFile(file, 'utf8');
    } catch {
      return { version: 1, accounts: {} };
    }
    try {
      const parsed = JSON.parse(text) as Partial<CredentialFile>;
      const accounts: Record<string, string> = {};
      for (const [id, blob] of Object.entries(parsed.accounts ?? {})) if (typeof blob === 'string') accounts[id] = blob;
      return { version: 1, accounts };
    } catch {
      // A damaged file holds nothing usable; the accounts will ask to sign in again.
      return { version: 1, accounts: {} };
    }
  }

  async function save(content: CredentialFile): Promise<void> {
    await mkdir(path.dirname(file), { recursive: true });
    const temporary = `${file}.${randomUUID()}.tmp`;
    await writeFile(temporary, JSON.stringify(content), { mode: 0o600 });
    await rename(temporary, file);
  }

  return {
    async get(accountId) {
      const blob = (await load()).accounts[accountId];
      if (blob === undefined || !cipher.isEncryptionAvailable()) return undefined;
      try {
        return parseStored(JSON.parse(cipher.decryptString(Buffer.from(blob, 'base64'))));
      } catch {
        return undefined;
      }
    },
    put: (accountId, account) =>
      serial(async () => {
        if (!cipher.isEncryptionAvailable()) {
          throw new Error('This system offers no secure storage for passwords (on Linux: a keyring such as GNOME Keyring or KWallet).');
        }
        const content = await load();
        content.accounts[accountId] = cipher.encryptString(JSON.stringify(account)).toString('base64');
        await save(content);
      }),
    delete: (accountId) =>
      serial(async () => {
        const content = await load();
        if (!(accountId in content.accounts)) return;
        delete content.accounts[accountId];
        await save(content);
      }),
  };
}

function parseStored(value: unknown): StoredAccount | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const record = value as Record<string, unknown>;
  const text = (key: string) => (typeof record[key] === 'string' ? (record[key] as string) : undefined);
  const service = text('service');
  const serverUrl = text('serverUrl');
  const apiUrl = text('apiUrl');
  const userName = text('userName');
  const password = text('password');
  if (!service || !(service in serviceVariants) || !serverUrl || !apiUrl || !userName || !password) return undefined;
  const appId = text('appId');
  const appKey = text('appKey');
  return {
    service: service as StoredAccount['service'],
    serverUrl,
    apiUrl,
    userName,
    password,
    ...(appId !== undefined ? { appId } : {}),
    ...(appKey !== undefined ? { appKey } : {}),
  };
}
