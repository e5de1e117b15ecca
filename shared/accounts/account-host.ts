/**
 * The host's side of accounts: it keeps the credentials and makes every account call, adding the sign-in token
 * (Google Reader API) or api_key (Fever) itself, so the renderer, which shows strangers' HTML, only ever holds an
 * opaque account id. Pure over injected `fetch`, credential store, md5 and id maker: Electron passes net.fetch and a
 * safeStorage store, the browser host Node's fetch and a store in memory.
 *
 * Nothing here puts a password, token or api_key into an error message or an answer.
 */
import type { AccountInfo, AccountRequest, AccountResponse, AccountSignIn, HostError, HostResult, RemoteService } from '../host';
import { startDeadline, type Deadline } from '../net/deadline';
import { networkError } from '../net/network-error';
import { discardBody, readBody } from '../net/read-body';
import { errorForStatus } from '../net/status-error';
import { err, ok } from '../result';
import { serviceVariants } from './services';
import { coded } from '../i18n/errors';

/** What the host stores per account: the sign-in as typed, plus the API address it resolved to. */
export interface StoredAccount extends AccountSignIn {
  apiUrl: string;
}

/** Where credentials live between runs. Electron: encrypted with safeStorage in a file; browser host: memory. */
export interface CredentialStore {
  get(accountId: string): Promise<StoredAccount | undefined>;
  put(accountId: string, account: StoredAccount): Promise<void>;
  delete(accountId: string): Promise<void>;
}

export interface AccountHostOptions {
  fetch: typeof fetch;
  store: CredentialStore;
  /** Hex md5 of a UTF-8 string (Fever's api_key); node:crypto in both hosts. */
  md5: (text: string) => string;
  /** A new random account id (`acct-` + a UUID). */
  newAccountId: () => string;
  userAgent: string;
  now?: () => number;
  /** Per call; default 30 s to the first byte and 120 s in all (a first sync page can be megabytes). */
  firstByteTimeoutMs?: number;
  totalTimeoutMs?: number;
}

export interface AccountHost {
  testAccount(signIn: AccountSignIn): Promise<HostResult<null>>;
  addAccount(signIn: AccountSignIn): Promise<HostResult<AccountInfo>>;
  signInAgain(accountId: string, password: string): Promise<HostResult<null>>;
  accountRequest(accountId: string, request: AccountRequest): Promise<HostResult<AccountResponse>>;
  removeAccount(accountId: string): Promise<HostResult<null>>;
}

/** The largest answer an account call may return (a page of 1,000 full articles fits well within it). */
export const MAX_ACCOUNT_RESPONSE_BYTES = 64 * 1024 * 1024;

const refused = (): HostError => ({
  kind: 'unauthorized',
  ...coded('errors.account.badCredentials', 'The server did not accept this user name and password.'),
});
const signInAgainError = (): HostError => ({
  kind: 'unauthorized',
  ...coded('errors.account.signInAgain', 'The server no longer accepts the saved password: sign in again in Settings → Accounts.'),
});
const noSuchAccount = (): HostError => ({ kind: 'invalid-argument', ...coded('errors.account.noSuchAccountRemoved', 'No such account (it may have been removed).') });

interface Session {
  /** Google Reader API: the ClientLogin Auth token; Fever: the api_key. */
  auth: string;
  /** Google Reader API write token, fetched on the first POST. */
  writeToken?: string;
}

interface Raw {
  status: number;
  headers: Headers;
  body: string;
}

export function createAccountHost(options: AccountHostOptions): AccountHost {
  const now = options.now ?? Date.now;
  const sessions = new Map<string, Session>();

  /** One HTTP exchange, never following redirects (credentials must not travel to another address). */
  async function exchange(url: string, init: { method: 'GET' | 'POST'; headers: Record<string, string>; form?: string }): Promise<HostResult<Raw>> {
    const deadline: Deadline = startDeadline({
      firstByteTimeoutMs: options.firstByteTimeoutMs ?? 30_000,
      totalTimeoutMs: options.totalTimeoutMs ?? 120_000,
    });
    try {
      const headers: Record<string, string> = { 'user-agent': options.userAgent, accept: 'application/json, text/plain, */*', ...init.headers };
      if (init.form !== undefined) headers['content-type'] = 'application/x-www-form-urlencoded; charset=utf-8';
      const gotHeaders = deadline.startFirstByte();
      let response: Response;
      try {
        response = await options.fetch(url, {
          method: init.method,
          headers,
          redirect: 'manual',
          signal: deadline.signal,
          ...(init.form !== undefined ? { body: init.form } : {}),
        });
      } catch (thrown) {
        return err(deadline.reason() !== undefined ? deadline.error() : networkError(thrown));
      } finally {
        gotHeaders();
      }
      if (response.status >= 300 && response.status < 400) {
        discardBody(response);
        return err({ kind: 'http', status: response.status, ...coded('errors.account.redirected', 'The server sent Broadsheet to another address: check the account\u2019s server address.') });
      }
      if (response.status === 401) {
        discardBody(response);
        return ok({ status: 401, headers: response.headers, body: '' });
      }
      if (response.status < 200 || response.status > 299) return err(await errorForStatus(response, deadline, now()));
      const body = await readBody(response, { limit: MAX_ACCOUNT_RESPONSE_BYTES, overflow: 'error', deadline, what: 'server\u2019s answer' });
      if (!body.ok) return body;
      return ok({ status: response.status, headers: response.headers, body: new TextDecoder().decode(body.value) });
    } finally {
      deadline.dispose();
    }
  }

  function encodePairs(pairs: ReadonlyArray<readonly [string, string]>): string {
    return pairs.map(([key, value]) => (value === '' ? encodeURIComponent(key) : `${encodeURIComponent(key)}=${encodeURIComponent(value)}`)).join('&');
  }

  function appHeaders(account: StoredAccount): Record<string, string> {
    return serviceVariants[account.service].needsAppCredentials && account.appId && account.appKey ? { AppId: account.appId, AppKey: account.appKey } : {};
  }

  /** Signs in: Google Reader API ClientLogin → the Auth token; Fever → the api_key, checked with one call. */
  async function signIn(account: StoredAccount): Promise<HostResult<Session>> {
    if (serviceVariants[account.service].protocol === 'fever') {
      const apiKey = options.md5(`${account.userName}:${account.password}`);
      const answer = await exchange(`${account.apiUrl}?api`, { method: 'POST', headers: {}, form: encodePairs([['api_key', apiKey]]) });
      if (!answer.ok) return answer;
      if (answer.value.status === 401 || feverAuth(answer.value.body) === 0) return err(refused());
      if (feverAuth(answer.value.body) !== 1) return err({ kind: 'parse', ...coded('errors.account.notFever', 'The server did not answer as a Fever API does: check the address.') });
      return ok({ auth: apiKey });
    }
    const form = encodePairs([
      ['Email', account.userName],
      ['Passwd', account.password],
      ['client', 'Broadsheet'],
      ['accountType', 'HOSTED_OR_GOOGLE'],
      ['service', 'reader'],
    ]);
    const answer = await exchange(`${account.apiUrl}/accounts/ClientLogin`, { method: 'POST', headers: appHeaders(account), form });
    if (!answer.ok) return answer.error.status === 403 ? err(refused()) : answer;
    if (answer.value.status === 401) return err(refused());
    const auth = /^Auth=(.+)$/m.exec(answer.value.body)?.[1]?.trim();
    if (!auth) return err({ kind: 'parse', ...coded('errors.account.notGoogleReader', 'The server did not answer as a Google Reader API does: check the address.') });
    return ok({ auth });
  }

  async function session(accountId: string, account: StoredAccount, fresh: boolean): Promise<HostResult<Session>> {
    const known = sessions.get(accountId);
    if (known && !fresh) return ok(known);
    const made = await signIn(account);
    if (made.ok) sessions.set(accountId, made.value);
    else sessions.delete(accountId);
    return made;
  }

  function requestUrl(account: StoredAccount, request: AccountRequest): string {
    const query = request.query ?? [];
    if (serviceVariants[account.service].protocol === 'fever') return `${account.apiUrl}?${encodePairs([['api', ''], ...query])}`;
    const path = request.path.split('/').map(encodeURIComponent).join('/');
    return `${account.apiUrl}/${path}${query.length > 0 ? `?${encodePairs(query)}` : ''}`;
  }

  async function send(account: StoredAccount, request: AccountRequest, current: Session): Promise<HostResult<Raw>> {
    const url = requestUrl(account, request);
    const form = [...(request.form ?? [])];
    if (serviceVariants[account.service].protocol === 'fever') {
      return exchange(url, { method: 'POST', headers: {}, form: encodePairs([['api_key', current.auth], ...form]) });
    }
    const headers = { Authorization: `GoogleLogin auth=${current.auth}`, ...appHeaders(account) };
    if (request.method === 'POST') {
      form.push(['T', current.writeToken ?? '']);
      return exchange(url, { method: 'POST', headers, form: encodePairs(form) });
    }
    return exchange(url, { method: 'GET', headers });
  }

  async function writeToken(account: StoredAccount, current: Session): Promise<HostResult<string>> {
    const answer = await exchange(`${account.apiUrl}/reader/api/0/token`, { method: 'GET', headers: { Authorization: `GoogleLogin auth=${current.auth}`, ...appHeaders(account) } });
    if (!answer.ok) return answer;
    if (answer.value.status === 401) return ok('');
    return ok(answer.value.body.trim());
  }

  /** A call with the session; a 401 (or a refused write token) signs in once more and retries once. */
  async function call(accountId: string, account: StoredAccount, request: AccountRequest): Promise<HostResult<AccountResponse>> {
    const isFever = serviceVariants[account.service].protocol === 'fever';
    for (let attempt = 0; attempt < 2; attempt++) {
      const current = await session(accountId, account, attempt > 0);
      if (!current.ok) return current.error.kind === 'unauthorized' ? err(signInAgainError()) : current;
      if (!isFever && request.method === 'POST' && !current.value.writeToken) {
        const token = await writeToken(account, current.value);
        if (!token.ok) return token;
        if (token.value === '') continue;
        current.value.writeToken = token.value;
      }
      const answer = await send(account, request, current.value);
      if (!answer.ok) return answer;
      const unauthorised = answer.value.status === 401 || (isFever && feverAuth(answer.value.body) === 0);
      if (!unauthorised) return ok({ status: answer.value.status, body: answer.value.body });
      // FreshRSS says a stale write token with this header; otherwise the sign-in itself expired.
      if (answer.value.headers.get('x-reader-google-bad-token') === 'true') delete current.value.writeToken;
      sessions.delete(accountId);
    }
    return err(signInAgainError());
  }

  function resolve(signIn: AccountSignIn): StoredAccount {
    return { ...signIn, apiUrl: serviceVariants[signIn.service].apiUrl(signIn.serverUrl) };
  }

  function info(accountId: string, account: StoredAccount): AccountInfo {
    return { accountId, service: account.service, protocol: serviceVariants[account.service].protocol, serverUrl: account.serverUrl, userName: account.userName };
  }

  return {
    async testAccount(input) {
      const made = await signIn(resolve(input));
      return made.ok ? ok(null) : made;
    },
    async addAccount(input) {
      const account = resolve(input);
      const made = await signIn(account);
      if (!made.ok) return made;
      const accountId = options.newAccountId();
      await options.store.put(accountId, account);
      sessions.set(accountId, made.value);
      return ok(info(accountId, account));
    },
    async signInAgain(accountId, password) {
      const stored = await options.store.get(accountId);
      if (!stored) return err(noSuchAccount());
      const account = { ...stored, password };
      const made = await signIn(account);
      if (!made.ok) return made;
      await options.store.put(accountId, account);
      sessions.set(accountId, made.value);
      return ok(null);
    },
    async accountRequest(accountId, request) {
      const account = await options.store.get(accountId);
      if (!account) return err(noSuchAccount());
      return call(accountId, account, request);
    },
    async removeAccount(accountId) {
      sessions.delete(accountId);
      await options.store.delete(accountId);
      return ok(null);
    },
  };
}

/** Fever's `auth` field (1 signed in, 0 refused), or undefined when the body is not a Fever answer. */
function feverAuth(body: string): number | undefined {
  try {
    const parsed = JSON.parse(body) as unknown;
    if (typeof parsed === 'object' && parsed !== null && 'auth' in parsed) {
      const auth = Number((parsed as { auth: unknown }).auth);
      return Number.isFinite(auth) ? auth : undefined;
    }
  } catch {
    // Not JSON: not a Fever answer.
  }
  return undefined;
}

/** An in-memory credential store (the browser host's; tests). */
export function memoryCredentialStore(): CredentialStore & { ids(): string[] } {
  const accounts = new Map<string, StoredAccount>();
  return {
    get: async (id) => accounts.get(id),
    put: async (id, account) => void accounts.set(id, { ...account }),
    delete: async (id) => void accounts.delete(id),
    ids: () => [...accounts.keys()],
  };
}

export type { RemoteService };
