/**
 * Exposes the Host contract to the page through contextBridge. Runs sandboxed: only `electron`'s renderer modules are
 * available, and nothing but these functions crosses into the page (no ipcRenderer, no events objects).
 *
 * Commands that arrive before the page subscribes (a feed link given on the command line, a notification clicked
 * while the page was loading) are held and delivered to the first listener, so none is lost to start-up order.
 */
import { contextBridge, ipcRenderer } from 'electron';
import type { Host, HostCommand } from '../shared/host';
import { HOST_PORT_MESSAGE, hostChannel, hostCommandChannel, hostPortChannel, hostPortRequestChannel } from '../shared/host';

const MAX_HELD_COMMANDS = 100;
const listeners = new Set<(command: HostCommand) => void>();
const held: HostCommand[] = [];

ipcRenderer.on(hostCommandChannel, (_event: unknown, command: HostCommand) => {
  if (listeners.size === 0) {
    if (held.length < MAX_HELD_COMMANDS) held.push(command);
    return;
  }
  for (const listener of listeners) listener(command);
});

const host: Host = {
  fetchFeed: (request) => ipcRenderer.invoke(hostChannel.fetchFeed, request),
  fetchPage: (url) => ipcRenderer.invoke(hostChannel.fetchPage, url),
  fetchImage: (url) => ipcRenderer.invoke(hostChannel.fetchImage, url),
  fetchEnclosureRange: (url, start, length) => ipcRenderer.invoke(hostChannel.fetchEnclosureRange, url, start, length),
  openExternal: (url) => ipcRenderer.invoke(hostChannel.openExternal, url),
  appInfo: () => ipcRenderer.invoke(hostChannel.appInfo),
  setUnreadCount: (count) => ipcRenderer.invoke(hostChannel.setUnreadCount, count),
  notify: (notification) => ipcRenderer.invoke(hostChannel.notify, notification),
  setSettings: (settings) => ipcRenderer.invoke(hostChannel.setSettings, settings),
  testAccount: (signIn) => ipcRenderer.invoke(hostChannel.testAccount, signIn),
  addAccount: (signIn) => ipcRenderer.invoke(hostChannel.addAccount, signIn),
  signInAgain: (accountId, password) => ipcRenderer.invoke(hostChannel.signInAgain, accountId, password),
  accountRequest: (accountId, request) => ipcRenderer.invoke(hostChannel.accountRequest, accountId, request),
  removeAccount: (accountId) => ipcRenderer.invoke(hostChannel.removeAccount, accountId),
  onCommand(listener) {
    // Wrapped so the same function subscribed twice gets two independent subscriptions.
    const forward = (command: HostCommand) => listener(command);
    listeners.add(forward);
    if (listeners.size === 1 && held.length > 0) {
      for (const command of held.splice(0)) forward(command);
    }
    return () => {
      listeners.delete(forward);
    };
  },
};

contextBridge.exposeInMainWorld('broadsheetHost', host);

// The sync worker's MessagePort to the main process (electron/host-port.ts). contextBridge cannot pass ports, so the
// port goes to the page with window.postMessage, as Electron's documentation does it; the target is this same window
// (navigation away from the app is refused), and the page transfers the port to its worker.
ipcRenderer.on(hostPortChannel, (event: { ports?: readonly MessagePort[] }) => {
  const ports = [...(event.ports ?? [])];
  if (ports.length > 0) window.postMessage(HOST_PORT_MESSAGE, '*', ports);
});
contextBridge.exposeInMainWorld('broadsheetHostPort', { open: () => ipcRenderer.send(hostPortRequestChannel) });
