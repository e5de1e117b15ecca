/**
 * The Host's request/response calls as plain functions over an injected `fetch`: the one implementation that both
 * transports (Electron IPC in electron/ipc.ts, HTTP in tests/support/browser-host.ts) dispatch to.
 */
import { APP_NAME } from './app-meta';
import type { AccountHost } from './accounts/account-host';
import type { AccountInfo, AccountResponse, AppInfo, EnclosureRangeResponse, FeedRequest, FeedResponse, HostCallName, HostError, HostNotification, HostResult, HostSettings, ImageResponse, PageResponse } from './host';
import type { HostCallArgs } from './host-schema';
import { isHostCallName, validateHostArgs } from './host-schema';
import { fetchEnclosureRange, fetchFeed, fetchImage, fetchPage, userAgentFor } from './net';
import { err, ok } from './result';

export interface HostCallResults {
  fetchFeed: FeedResponse;
  /** One result per request, in request order (the streaming transports use runFeedBatch instead). */
  fetchFeeds: HostResult<FeedResponse>[];
  fetchPage: PageResponse;
  fetchImage: ImageResponse;
  fetchEnclosureRange: EnclosureRangeResponse;
  openExternal: null;
  appInfo: AppInfo;
  setUnreadCount: null;
  notify: null;
  setSettings: null;
  testAccount: null;
  addAccount: AccountInfo;
  signInAgain: null;
  accountRequest: AccountResponse;
  removeAccount: null;
}

export type HostServices = {
  [N in HostCallName]: (...args: HostCallArgs[N]) => Promise<HostResult<HostCallResults[N]>>;
};

export interface HostServiceOptions {
  /** Node's fetch in the browser host, Electron's net.fetch in the app (system proxy, no CORS). */
  fetch: typeof fetch;
  version: string;
  host: AppInfo['host'];
  os: string;
  /** The OS's preferred languages, best first (absent: the page reads its own navigator.languages). */
  languages?: () => readonly string[];
  /** Hands an already validated http(s) URL to the system browser. */
  openExternal: (url: string) => Promise<void>;
  /** The desktop side of the Host: each gets already validated values. Absent ones accept the call and do nothing. */
  setUnreadCount?: (count: number) => void | Promise<void>;
  notify?: (notification: HostNotification) => void | Promise<void>;
  setSettings?: (settings: HostSettings) => void | Promise<void>;
  /** Accounts: credentials kept by the host (shared/accounts/account-host.ts). Absent: account calls are refused. */
  accounts?: AccountHost;
}

/** Fetches of one fetchFeeds batch in flight at once: the engine already spreads a batch over distinct servers. */
export const FEED_BATCH_CONCURRENCY = 16;

export function createHostServices(options: HostServiceOptions): HostServices {
  const netOptions = { fetch: options.fetch, userAgent: userAgentFor(options.version) };
  const { accounts } = options;
  const feed = (request: FeedRequest) => fetchFeed(request, netOptions);
  return {
    fetchFeed: feed,
    fetchFeeds: async (requests) => {
      const results: HostResult<FeedResponse>[] = [];
      await eachFeedResult(feed, requests, (index, result) => (results[index] = result));
      return ok(results);
    },
    fetchPage: (url) => fetchPage(url, netOptions),
    fetchImage: (url) => fetchImage(url, netOptions),
    fetchEnclosureRange: (url, start, length) => fetchEnclosureRange(url, start, length, netOptions),
    openExternal: async (url) => {
      await options.openExternal(url);
      return ok(null);
    },
    appInfo: async () => ok({ name: APP_NAME, version: options.version, host: options.host, os: options.os, languages: [...(options.languages?.() ?? [])] }),
    setUnreadCount: async (count) => {
      await options.setUnreadCount?.(count);
      return ok(null);
    },
    notify: async (notification) => {
      await options.notify?.(notification);
      return ok(null);
    },
    setSettings: async (settings) => {
      await options.setSettings?.(settings);
      return ok(null);
    },
    testAccount: async (signIn) => (accounts ? accounts.testAccount(signIn) : noAccounts()),
    addAccount: async (signIn) => (accounts ? accounts.addAccount(signIn) : noAccounts()),
    signInAgain: async (accountId, password) => (accounts ? accounts.signInAgain(accountId, password) : noAccounts()),
    accountRequest: async (accountId, request) => (accounts ? accounts.accountRequest(accountId, request) : noAccounts()),
    removeAccount: async (accountId) => (accounts ? accounts.removeAccount(accountId) : noAccounts()),
  };
}

/**
 * Validates a call that arrived from the renderer and runs it. Never throws: a bad name, bad arguments or a bug in a
 * service all come back as a typed HostError, so no raw Node error reaches the page.
 */
export async function dispatchHostCall(services: HostServices, name: unknown, args: unknown): Promise<HostResult<unknown>> {
  if (!isHostCallName(name)) return err({ kind: 'invalid-argument', message: 'Unknown host call' });
  const valid = validateHostArgs(name, args);
  if (!valid.ok) return valid;
  try {
    const service = services[name] as (...callArgs: unknown[]) => Promise<HostResult<unknown>>;
    return await service(...(valid.value as unknown[]));
  } catch (cause) {
    return err(internalError(name, cause));
  }
}

function noAccounts(): { ok: false; error: HostError } {
  return err({ kind: 'unavailable', message: 'This host keeps no accounts.' });
}

const accountCalls: ReadonlySet<HostCallName> = new Set(['testAccount', 'addAccount', 'signInAgain', 'accountRequest', 'removeAccount']);

function internalError(name: HostCallName, cause: unknown): HostError {
  // An account call's exception could quote what it was handed: say nothing of it.
  if (accountCalls.has(name)) return { kind: 'unavailable', message: `${name} failed inside the host.` };
  const detail = cause instanceof Error ? cause.message : String(cause);
  return { kind: 'unavailable', message: `${name} failed inside the host: ${detail}` };
}

/**
 * Runs a fetchFeeds call for a streaming transport: validates it as dispatchHostCall does, then hands each feed's
 * answer to onResult as soon as it is ready (one slow feed does not hold back the others). Resolves with the
 * validation error, or ok once every request was answered. Never throws.
 */
export async function runFeedBatch(
  services: HostServices,
  args: unknown,
  onResult: (index: number, result: HostResult<FeedResponse>) => void,
): Promise<HostResult<null>> {
  const valid = validateHostArgs('fetchFeeds', args);
  if (!valid.ok) return valid;
  await eachFeedResult((request) => services.fetchFeed(request), valid.value[0], onResult);
  return ok(null);
}

async function eachFeedResult(
  fetchOne: (request: FeedRequest) => Promise<HostResult<FeedResponse>>,
  requests: readonly FeedRequest[],
  onResult: (index: number, result: HostResult<FeedResponse>) => void,
): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < requests.length) {
      const index = next++;
      let result: HostResult<FeedResponse>;
      try {
        result = await fetchOne(requests[index] as FeedRequest);
      } catch (cause) {
        result = err(internalError('fetchFeed', cause));
      }
      try {
        onResult(index, result);
      } catch {
        // The transport's callback failing (a closed port) must not stop the rest of the batch.
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(FEED_BATCH_CONCURRENCY, requests.length) }, worker));
}
