/**
 * The app window reaches the network only through the Host (the main process fetches feeds and pages), so any
 * request the page itself makes to a remote host is cancelled, except images and media: article pictures,
 * podcasts and videos load from their sites. Requests without a page (the main process's own net.fetch) pass.
 */
import type { Session } from 'electron';

export interface RequestDetails {
  url: string;
  resourceType: string;
  webContentsId?: number;
}

const REMOTE_SCHEMES = new Set(['http:', 'https:', 'ws:', 'wss:', 'ftp:']);
const ALLOWED_FROM_PAGE = new Set(['image', 'media']);

export function shouldCancelRequest(details: RequestDetails): boolean {
  if (details.webContentsId === undefined) return false;
  let scheme: string;
  try {
    scheme = new URL(details.url).protocol;
  } catch {
    return true;
  }
  if (!REMOTE_SCHEMES.has(scheme)) return false;
  return !ALLOWED_FROM_PAGE.has(details.resourceType);
}

export function installRequestFilter(session: Pick<Session, 'webRequest'>): void {
  session.webRequest.onBeforeRequest((details, callback) => {
    callback({ cancel: shouldCancelRequest(details) });
  });
}
