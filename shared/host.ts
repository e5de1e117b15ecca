/**
 * The Host contract: everything the renderer asks of the process that hosts it.
 * Electron implements it over IPC (electron/preload.ts + electron/ipc.ts); the browser host
 * (tests/support/browser-host.ts) implements it over HTTP on 127.0.0.1. Both call the same
 * shared/ services, so the renderer cannot tell them apart.
 */
import type { CommandId, KeyBindings } from './commands';
import type { ParsedFeed } from './feeds/types';
import type { ErrorCode, ErrorValue } from './i18n/errors';
import type { LocaleCode } from './i18n/locales';
import type { Result } from './result';

export type HostErrorKind =
  | 'invalid-argument'
  | 'network'
  | 'timeout'
  | 'http'
  | 'too-large'
  | 'not-a-feed'
  | 'parse'
  | 'gone'
  | 'rate-limited'
  /** fetchImage: the body is not a storable image (by its bytes), whatever its Content-Type said. */
  | 'not-an-image'
  /** An account's server refused its user name and password: the person must sign in again. */
  | 'unauthorized'
  | 'unavailable';

export interface HostError {
  kind: HostErrorKind;
  /** A sentence in English, for logs and for rows stored before errors had codes; people read `code`, worded (shared/i18n/errors). */
  message: string;
  /** The catalogue message that says this error in the reader's language, with its values. */
  code?: ErrorCode;
  values?: Record<string, ErrorValue>;
  /** HTTP status, for `http`, `gone` and `rate-limited`. */
  status?: number;
  /** Epoch ms before which the host must not be asked again (Retry-After). */
  retryAt?: number;
}

export type HostResult<T> = Result<T, HostError>;

export interface FeedRequest {
  url: string;
  /** Validators from the previous successful fetch. */
  etag?: string;
  lastModified?: string;
  /** Hash of the previous body: an unchanged body is reported as not modified. */
  bodyHash?: string;
}

interface FeedResponseBase {
  /** The URL the body finally came from, after redirects. */
  finalUrl: string;
  /** Set when every hop was a permanent redirect (301/308): the feed's stored URL should become this. */
  permanentUrl?: string;
  etag?: string;
  lastModified?: string;
  /** Cache-Control max-age or Expires, in seconds; the engine waits at least this long (capped). */
  maxAgeSeconds?: number;
}

export type FeedResponse =
  | (FeedResponseBase & { status: 'ok'; feed: ParsedFeed; bodyHash: string })
  | (FeedResponseBase & { status: 'not-modified' });

export interface PageResponse {
  finalUrl: string;
  contentType: string;
  html: string;
}

/** An image kept for offline reading; `contentType` is the type its bytes were recognised as. */
export interface ImageResponse {
  bytes: Uint8Array;
  contentType: string;
  finalUrl: string;
}

/** A slice of a podcast episode (fetchEnclosureRange). */
export interface EnclosureRangeResponse {
  bytes: Uint8Array;
  /** The media type the server gave (audio/*, video/* or application/octet-stream). */
  contentType: string;
  /** The whole file's size (Content-Range; the body's length when the server ignored Range), or null when unknown. */
  totalBytes: number | null;
  finalUrl: string;
}

export interface AppInfo {
  name: string;
  version: string;
  /** Which transport hosts the renderer. */
  host: 'electron' | 'browser';
  /** Node's process.platform of the host machine. */
  os: string;
  /** The OS's preferred languages, best first (Electron's app.getPreferredSystemLanguages()); empty where the page's own navigator.languages is the better source (the browser host). */
  languages: string[];
}

/**
 * Something the host tells the renderer: a menu/tray command, a feed link, an OPML file to import, a click on a
 * notification, a wake-up, a network change.
 */
export type HostCommand =
  | { type: 'command'; id: CommandId }
  /** A feed link (feed:, broadsheet://subscribe, a URL on the command line): open the add-feed dialog prefilled. */
  | { type: 'subscribe'; url: string }
  /** The text of an .opml file opened with the app (command line, Finder, file association); at most 5 MiB. */
  | { type: 'import-opml'; text: string }
  /** A notification about one article was clicked. */
  | { type: 'open-article'; articleId: string }
  /** A notification about several new articles in one feed was clicked. */
  | { type: 'open-feed'; feedId: string }
  /** The machine woke from sleep: sync what is due now. */
  | { type: 'sync-due' }
  | { type: 'online'; online: boolean };

/** An OS notification the renderer asks for; a click opens the article (or the feed) in the app. */
export interface HostNotification {
  title: string;
  body: string;
  articleId?: string;
  feedId?: string;
}

/** The settings the host applies itself (tray, login item, menu accelerators); the renderer sends them on change. */
export interface HostSettings {
  /** Keep running in the tray (menu bar on macOS) when the window is closed. */
  tray: boolean;
  startAtLogin: boolean;
  /** Start with the window hidden (only honoured when there is a tray or dock to bring it back from). */
  startHidden: boolean;
  /** The user's key overrides; the menu shows (and registers) the same accelerators. */
  keyBindings: KeyBindings;
  /** The window's language, for the menu, the tray and the notifications the main process words itself. */
  locale?: LocaleCode;
}

/** A remote service an account can talk to (the variants: shared/accounts/services.ts). */
export type RemoteService = 'freshrss' | 'miniflux' | 'inoreader' | 'theoldreader' | 'bazqux' | 'greader' | 'fever';

/** What a person types to add an account. Crosses to the host once; the host keeps it and never gives it back. */
export interface AccountSignIn {
  service: RemoteService;
  /** http(s); plain http is allowed (a home server) and the UI warns that the password travels unencrypted. */
  serverUrl: string;
  userName: string;
  password: string;
  /** Inoreader only: the app id and key its API requires from every client. */
  appId?: string;
  appKey?: string;
}

/** An account as the host knows it: everything but the secrets. */
export interface AccountInfo {
  /** Opaque and random; the renderer's only handle on the credentials. */
  accountId: string;
  service: RemoteService;
  protocol: 'greader' | 'fever';
  serverUrl: string;
  userName: string;
}

/**
 * One call to an account's API, relative to its API address (the host adds the address, the sign-in token or Fever
 * api_key, and the Google Reader write token on POST). Query and form are ordered pairs: the Google Reader API
 * repeats keys (`i=…&i=…`) and Fever uses bare keys (a pair with an empty value is sent as `key`).
 */
export interface AccountRequest {
  method: 'GET' | 'POST';
  /** e.g. `reader/api/0/stream/contents/user/-/state/com.google/reading-list`; empty for Fever. */
  path: string;
  query?: Array<[string, string]>;
  form?: Array<[string, string]>;
}

/** A 2xx answer; every other status is a HostError (401 after one new sign-in: `unauthorized`). */
export interface AccountResponse {
  status: number;
  body: string;
}

export interface Host {
  fetchFeed(request: FeedRequest): Promise<HostResult<FeedResponse>>;
  fetchPage(url: string): Promise<HostResult<PageResponse>>;
  /** Fetches an image to store offline: PNG, JPEG, GIF, WebP, AVIF or ICO by its bytes, at most 10 MiB (shared/net). */
  fetchImage(url: string): Promise<HostResult<ImageResponse>>;
  /**
   * One HTTP Range request: `length` bytes (at most 4 MiB) of an audio/video file from `start`. A server that ignores
   * Range answers with the whole file (at most 64 MiB) and totalBytes equal to its length.
   */
  fetchEnclosureRange(url: string, start: number, length: number): Promise<HostResult<EnclosureRangeResponse>>;
  /** Opens an http(s) URL in the system browser. */
  openExternal(url: string): Promise<HostResult<null>>;
  appInfo(): Promise<HostResult<AppInfo>>;
  /** Total unread articles: tray tooltip and menu, dock badge. The renderer sets the window title itself. */
  setUnreadCount(count: number): Promise<HostResult<null>>;
  /** Shows an OS notification (batch first: shared/notifications.ts). */
  notify(notification: HostNotification): Promise<HostResult<null>>;
  /** Applies tray, login item, start hidden and menu accelerators; call at start-up and whenever they change. */
  setSettings(settings: HostSettings): Promise<HostResult<null>>;
  /** Signs in with the given credentials and forgets them: "Test connection". */
  testAccount(signIn: AccountSignIn): Promise<HostResult<null>>;
  /** Signs in and, when the server accepts, stores the credentials (safeStorage in Electron) under a new opaque id. */
  addAccount(signIn: AccountSignIn): Promise<HostResult<AccountInfo>>;
  /** Replaces a stored account's password after the server refused the old one. */
  signInAgain(accountId: string, password: string): Promise<HostResult<null>>;
  /** One API call of a stored account, with its credentials added by the host. */
  accountRequest(accountId: string, request: AccountRequest): Promise<HostResult<AccountResponse>>;
  /** Forgets an account's credentials. */
  removeAccount(accountId: string): Promise<HostResult<null>>;
  /** Returns a function that removes the listener. */
  onCommand(listener: (command: HostCommand) => void): () => void;
}

/**
 * Many feeds in one round trip (the sync worker's transports: a MessagePort to Electron's main process, one HTTP
 * request to the browser host). Each answer is handed to onResult as soon as it is ready, in any order, so one slow
 * feed does not hold the others back; resolves when every request was answered or the transport failed (requests
 * left unanswered then count as failed).
 */
export type FeedBatchFetch = (
  requests: readonly FeedRequest[],
  onResult: (index: number, result: HostResult<FeedResponse>) => void,
) => Promise<void>;

/** Most feeds in one fetchFeeds call. */
export const MAX_FEED_BATCH = 100;

/**
 * The request/response calls of the Host, i.e. the ones that cross a transport as one round trip. `fetchFeeds` is
 * the batch form of fetchFeed, used by the sync worker's transports (FeedBatchFetch), not by the window's Host.
 */
export type HostCallName =
  | 'fetchFeed'
  | 'fetchFeeds'
  | 'fetchPage'
  | 'fetchImage'
  | 'fetchEnclosureRange'
  | 'openExternal'
  | 'appInfo'
  | 'setUnreadCount'
  | 'notify'
  | 'setSettings'
  | 'testAccount'
  | 'addAccount'
  | 'signInAgain'
  | 'accountRequest'
  | 'removeAccount';

/** IPC channel (Electron) and path segment (browser host) of each call. */
export const hostChannel: Record<HostCallName, string> = {
  fetchFeed: 'host:fetch-feed',
  fetchFeeds: 'host:fetch-feeds',
  fetchPage: 'host:fetch-page',
  fetchImage: 'host:fetch-image',
  fetchEnclosureRange: 'host:fetch-enclosure-range',
  openExternal: 'host:open-external',
  appInfo: 'host:app-info',
  setUnreadCount: 'host:set-unread-count',
  notify: 'host:notify',
  setSettings: 'host:set-settings',
  testAccount: 'host:test-account',
  addAccount: 'host:add-account',
  signInAgain: 'host:sign-in-again',
  accountRequest: 'host:account-request',
  removeAccount: 'host:remove-account',
};

/**
 * Electron: the page asks on this channel for a MessagePort to the main process (for its sync worker); the port
 * arrives on hostPortChannel and the preload hands it to the page with window.postMessage.
 */
export const hostPortRequestChannel = 'host:open-port';
export const hostPortChannel = 'host:port';
/** The window.postMessage data the preload sends with a host port in its transfer list. */
export const HOST_PORT_MESSAGE = 'broadsheet-host-port';

/** Channel on which the main process pushes HostCommands to the renderer. */
export const hostCommandChannel = 'host:command';

/** Tray on by default where closing the window usually quits (Windows, Linux); macOS keeps apps in the dock. */
export function defaultHostSettings(os: string): HostSettings {
  return { tray: os !== 'darwin', startAtLogin: false, startHidden: false, keyBindings: {} };
}
