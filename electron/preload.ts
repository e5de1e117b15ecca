/**
 * Exposes the Host contract to the page through contextBridge. Runs sandboxed: only `electron`'s renderer modules are
 * available, and nothing but these functions crosses into the page (no ipcRenderer, no events objects).
 */
import { contextBridge, ipcRenderer } from 'electron';
import type { Host, HostCommand } from '../shared/host';
import { hostChannel, hostCommandChannel } from '../shared/host';

const host: Host = {
  fetchFeed: (request) => ipcRenderer.invoke(hostChannel.fetchFeed, request),
  fetchPage: (url) => ipcRenderer.invoke(hostChannel.fetchPage, url),
  openExternal: (url) => ipcRenderer.invoke(hostChannel.openExternal, url),
  appInfo: () => ipcRenderer.invoke(hostChannel.appInfo),
  onCommand(listener) {
    const forward = (_event: unknown, command: HostCommand) => listener(command);
    ipcRenderer.on(hostCommandChannel, forward);
    return () => {
      ipcRenderer.removeListener(hostCommandChannel, forward);
    };
  },
};

contextBridge.exposeInMainWorld('broadsheetHost', host);
