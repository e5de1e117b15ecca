/**
 * What the FreshRSS account tests share: a host like the renderer's (every call validated and dispatched as over IPC,
 * every answer kept for the security checks), a library, raw API access to the server "as another device would"
 * (tests/support/freshrss-api.ts), and feeds published by the project's feed server for FreshRSS to fetch.
 */
import { createHash, randomUUID } from 'node:crypto';
import { IDBFactory } from 'fake-indexeddb';
import { createAccountHost, memoryCredentialStore } from '../../../../shared/accounts/account-host';
import { ACCOUNT_ID_PREFIX } from '../../../../shared/accounts/ids';
import { createAccountSync, type AccountSync, type AccountSyncOptions } from '../../../../shared/accounts/sync';
import type { BroadsheetDb } from '../../../../shared/db/schema';
import type { AccountRequest, AccountSignIn, Host } from '../../../../shared/host';
import { createHostServices, dispatchHostCall } from '../../../../shared/host-services';
import { userAgentFor } from '../../../../shared/net';
import { freshDb } from '../db/test-db';

export { publish, rawFever, rawGReader } from '../../../support/freshrss-api';

export type AccountTestHost = Pick<Host, 'testAccount' | 'addAccount' | 'signInAgain' | 'accountRequest' | 'removeAccount'> & {
  /** Every answer the host gave, as the renderer received it (JSON). */
  answers: string[];
};

export function accountTestHost(): AccountTestHost {
  const services = createHostServices({
    fetch: globalThis.fetch,
    version: '0.0.0',
    host: 'browser',
    os: process.platform,
    openExternal: async () => undefined,
    accounts: createAccountHost({
      fetch: globalThis.fetch,
      store: memoryCredentialStore(),
      md5: (text) => createHash('md5').update(text, 'utf8').digest('hex'),
      newAccountId: () => ACCOUNT_ID_PREFIX + randomUUID(),
      userAgent: userAgentFor('0.0.0'),
    }),
  });
  const answers: string[] = [];
  const call = async <T,>(name: string, args: unknown[]): Promise<T> => {
    // Through JSON, as over IPC or HTTP: nothing but data crosses.
    const answer = JSON.stringify(await dispatchHostCall(services, name, JSON.parse(JSON.stringify(args))));
    answers.push(answer);
    return JSON.parse(answer) as T;
  };
  return {
    answers,
    testAccount: (signIn: AccountSignIn) => call('testAccount', [signIn]),
    addAccount: (signIn: AccountSignIn) => call('addAccount', [signIn]),
    signInAgain: (id: string, password: string) => call('signInAgain', [id, password]),
    accountRequest: (id: string, request: AccountRequest) => call('accountRequest', [id, request]),
    removeAccount: (id: string) => call('removeAccount', [id]),
  };
}

export interface Library {
  factory: IDBFactory;
  name: string;
  db: BroadsheetDb;
  /** Closes the database and opens it again: what a reload of the window does to the library. */
  reload(): BroadsheetDb;
}

let libraries = 0;
export function library(): Library {
  const factory = new IDBFactory();
  const name = `accounts-${++libraries}`;
  const lib: Library = {
    factory,
    name,
    db: freshDb(factory, name),
    reload() {
      lib.db.close();
      lib.db = freshDb(factory, name);
      return lib.db;
    },
  };
  return lib;
}

export function syncer(lib: Library, host: AccountTestHost, patch: Partial<AccountSyncOptions> = {}): AccountSync {
  return createAccountSync({ db: lib.db, host, now: Date.now, ...patch });
}

/** Every row of every table as text (Blobs and bytes as their size): what an IndexedDB dump would show. */
export async function dumpDatabase(db: BroadsheetDb): Promise<string> {
  const parts: string[] = [];
  for (const table of db.tables) {
    const rows = await table.toArray();
    parts.push(table.name + JSON.stringify(rows, (_key, value: unknown) => (value instanceof Blob ? `<blob ${value.size}>` : value instanceof Uint8Array ? `<bytes ${value.length}>` : value)));
  }
  return parts.join('\n');
}
