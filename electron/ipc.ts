/**
 * The main process's side of the Host contract: one ipcMain.handle per call. Every call is checked for its
 * sender (only the app's own page may ask) and its arguments (shared/host-schema), and answers a typed result.
 */
import type { IpcMain, IpcMainEvent, IpcMainInvokeEvent } from 'electron';
import type { HostCallName } from '../shared/host';
import { hostChannel } from '../shared/host';
import type { HostServices } from '../shared/host-services';
import { dispatchHostCall } from '../shared/host-services';
import { err } from '../shared/result';
import { isAppUrl } from './app-protocol';
import { coded } from '../shared/i18n/errors';

export function registerHostHandlers(ipcMain: Pick<IpcMain, 'handle'>, services: HostServices): void {
  for (const name of Object.keys(hostChannel) as HostCallName[]) {
    ipcMain.handle(hostChannel[name], (event: IpcMainInvokeEvent, ...args: unknown[]) => {
      if (!isTrustedSender(event)) {
        return err({ kind: 'invalid-argument', ...coded('errors.host.onlyFromWindow', 'Host calls are only accepted from the Broadsheet window') });
      }
      return dispatchHostCall(services, name, args);
    });
  }
}

/** Only the app's own page (app://broadsheet) may call the host. */
export function isTrustedSender(event: IpcMainInvokeEvent | IpcMainEvent): boolean {
  const url = event.senderFrame?.url;
  return typeof url === 'string' && isAppUrl(url);
}
