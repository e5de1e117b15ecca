/**
 * What the FreshRSS account tests share: a host like the renderer's (every call validated and dispatched as over IPC,
 * every answer kept for the security checks), a library, raw API access to the server "as another device would"
 * (not through Broadsheet's clients), and feeds published by the project's feed server for FreshRSS to fetch.
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
import type { FeedServer } from '../../../support/feed-server';
import { rssXml } from '../../../support/feed-server';
import type { FreshRss } from '../../../support/freshrss';
import { freshDb } from '../db/test-db';

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

/** Publishes a feed of `count` items (newest first, an hour apart) at `path` on the feed server. */
export function publish(feeds: FeedServer, path: string, title: string, count: number, from = 0): string {
  const items = Array.from({ length: count }, (_, i) => {
    const n = from + count - i;
    return { title: `${title} ${n}`, link: `${feeds.origin}${path}/posts/${n}`, guid: `${path}-${n}`, pubDate: new Date(Date.UTC(2026, 0, 1) + n * 3_600_000).toUTCString() };
  });
  feeds.setFeed(path, rssXml({ title, link: `${feeds.origin}${path}/`, items }));
  return feeds.url(path);
}

/** The Google Reader API of the server, spoken directly with fetch: another device's view of the account. */
export async function rawGReader(server: FreshRss) {
  const login = await fetch(`${server.greaderUrl}/accounts/ClientLogin`, {
    method: 'POST',
    body: new URLSearchParams({ Email: server.user, Passwd: server.apiPassword }),
  });
  const auth = /Auth=(.+)/.exec(await login.text())?.[1]?.trim() ?? '';
  const headers = { Authorization: `GoogleLogin auth=${auth}` };
  const token = (await (await fetch(`${server.greaderUrl}/reader/api/0/token`, { headers })).text()).trim();
  const get = async (path: string) => (await fetch(`${server.greaderUrl}/reader/api/0/${path}`, { headers })).json() as Promise<Record<string, unknown>>;
  const post = async (path: string, form: Array<[string, string]>) => {
    const body = new URLSearchParams([...form, ['T', token]]);
    return (await fetch(`${server.greaderUrl}/reader/api/0/${path}`, { method: 'POST', headers, body })).text();
  };
  const ids = async (query: string) => {
    const page = (await get(`stream/items/ids?output=json&n=10000&${query}`)) as { itemRefs?: Array<{ id: string }> };
    return new Set((page.itemRefs ?? []).map((r) => BigInt(r.id).toString(16).padStart(16, '0')));
  };
  return {
    get,
    post,
    unread: () => ids('s=user/-/state/com.google/reading-list&xt=user/-/state/com.google/read'),
    starred: () => ids('s=user/-/state/com.google/starred'),
    subscriptions: async () =>
      ((await get('subscription/list?output=json')) as { subscriptions: Array<{ id: string; title: string; url: string; categories: Array<{ label: string }> }> }).subscriptions,
    labels: async () => ((await get('tag/list?output=json')) as { tags: Array<{ id: string }> }).tags.map((t) => t.id).filter((id) => id.includes('/label/')),
  };
}

/** The Fever API of the server, spoken directly with fetch. */
export function rawFever(server: FreshRss) {
  const apiKey = createHash('md5').update(`${server.user}:${server.apiPassword}`).digest('hex');
  const call = async (query: string, form: Record<string, string> = {}) => {
    const response = await fetch(`${server.feverUrl}?api&${query}`, { method: 'POST', body: new URLSearchParams({ api_key: apiKey, ...form }) });
    return response.json() as Promise<Record<string, unknown>>;
  };
  const idSet = (value: unknown) => new Set(String(value ?? '').split(',').filter(Boolean));
  return {
    call,
    unread: async () => idSet((await call('unread_item_ids')).unread_item_ids),
    saved: async () => idSet((await call('saved_item_ids')).saved_item_ids),
    mark: (as: string, id: string) => call('', { mark: 'item', as, id }),
  };
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
