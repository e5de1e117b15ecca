/**
 * The Host contract: everything the renderer asks of the process that hosts it.
 * Electron implements it over IPC (electron/preload.ts + electron/ipc.ts); the browser host
 * (tests/support/browser-host.ts) implements it over HTTP on 127.0.0.1. Both call the same
 * shared/ services, so the renderer cannot tell them apart.
 */
import type { CommandId } from './commands';
import type { ParsedFeed } from './feeds/types';
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
  | 'unavailable';

export interface HostError {
  kind: HostErrorKind;
  /** A sentence a user can read. */
  message: string;
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

export interface AppInfo {
  name: string;
  version: string;
  /** Which transport hosts the renderer. */
  host: 'electron' | 'browser';
  /** Node's process.platform of the host machine. */
  os: string;
}

/** Something the host tells the renderer: a menu/tray command, a feed link, a wake-up, a network change. */
export type HostCommand =
  | { type: 'command'; id: CommandId }
  | { type: 'subscribe'; url: string }
  | { type: 'sync-due' }
  | { type: 'online'; online: boolean };

export interface Host {
  fetchFeed(request: FeedRequest): Promise<HostResult<FeedResponse>>;
  fetchPage(url: string): Promise<HostResult<PageResponse>>;
  /** Opens an http(s) URL in the system browser. */
  openExternal(url: string): Promise<HostResult<null>>;
  appInfo(): Promise<HostResult<AppInfo>>;
  /** Returns a function that removes the listener. */
  onCommand(listener: (command: HostCommand) => void): () => void;
}

/** The request/response calls of the Host, i.e. the ones that cross a transport as one round trip. */
export type HostCallName = 'fetchFeed' | 'fetchPage' | 'openExternal' | 'appInfo';

/** IPC channel (Electron) and path segment (browser host) of each call. */
export const hostChannel: Record<HostCallName, string> = {
  fetchFeed: 'host:fetch-feed',
  fetchPage: 'host:fetch-page',
  openExternal: 'host:open-external',
  appInfo: 'host:app-info',
};

/** Channel on which the main process pushes HostCommands to the renderer. */
export const hostCommandChannel = 'host:command';
