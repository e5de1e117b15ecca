/**
 * What the app window may do besides showing the app: nothing. New windows are refused (http(s) links go to the
 * system browser), navigation away from the app is blocked, webviews are refused, and every permission is denied.
 */
import type { Session, Shell, WebContents } from 'electron';
import { isHttpUrl } from '../shared/host-schema';
import { isAppUrl } from './app-protocol';

export function installWindowGuards(contents: WebContents, shell: Pick<Shell, 'openExternal'>): void {
  contents.setWindowOpenHandler(({ url }) => {
    if (isHttpUrl(url)) void shell.openExternal(url);
    return { action: 'deny' };
  });
  contents.on('will-navigate', (event, url) => {
    if (!isAppUrl(url)) event.preventDefault();
  });
  contents.on('will-redirect', (event, url) => {
    if (!isAppUrl(url)) event.preventDefault();
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
}

export function denyAllPermissions(session: Session): void {
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
  session.setDevicePermissionHandler(() => false);
}
