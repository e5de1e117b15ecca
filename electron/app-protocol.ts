/**
 * Serves the built renderer from `app://broadsheet/` instead of file://: a real, stable origin for IndexedDB,
 * module scripts and workers, and a place to send the CSP as a header.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { protocol } from 'electron';
import { CONTENT_SECURITY_POLICY } from '../shared/csp';
import { contentTypeFor, staticFilePath } from '../shared/static-files';

export const APP_SCHEME = 'app';
const APP_HOST = 'broadsheet';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_START_URL = `${APP_ORIGIN}/index.html`;

/** Must run before the app is ready. */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true, codeCache: true } },
  ]);
}

export function isAppUrl(url: string): boolean {
  try {
    // Node's URL gives non-special schemes an opaque "null" origin, so compare scheme and host.
    const parsed = new URL(url);
    return parsed.protocol === `${APP_SCHEME}:` && parsed.host === APP_HOST;
  } catch {
    return false;
  }
}

/** Answers one app:// request from the renderer folder; anything outside it is a 404. */
export async function serveAppRequest(rendererDir: string, requestUrl: string): Promise<Response> {
  const url = new URL(requestUrl);
  const relative = url.host === APP_HOST ? staticFilePath(url.pathname) : null;
  if (relative === null) return new Response('Not found', { status: 404 });
  try {
    const body = await readFile(path.join(rendererDir, relative));
    return new Response(body, {
      headers: {
        'Content-Type': contentTypeFor(relative),
        'Content-Security-Policy': CONTENT_SECURITY_POLICY,
        'X-Content-Type-Options': 'nosniff',
      },
    });
  } catch {
    return new Response('Not found', { status: 404 });
  }
}

/** Must run after the app is ready. */
export function handleAppScheme(rendererDir: string): void {
  protocol.handle(APP_SCHEME, (request) => serveAppRequest(rendererDir, request.url));
}
