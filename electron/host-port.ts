/**
 * The sync worker's direct line to the main process: on request from the app's own page (checked as for every IPC
 * call), the main process makes a MessageChannelMain, keeps one end and posts the other to the page, whose preload
 * hands it to the window and the window to its sync worker. Each message on the port is validated and dispatched
 * exactly as the ipcMain handlers do (shared/host-schema + shared/host-services); a fetchFeeds batch answers each feed
 * as soon as it is ready (shared/host-port-protocol.ts).
 */
import type { IpcMain, IpcMainEvent } from 'electron';
import { hostPortChannel, hostPortRequestChannel } from '../shared/host';
import { parseHostPortCall, type HostPortAnswer } from '../shared/host-port-protocol';
import type { HostServices } from '../shared/host-services';
import { dispatchHostCall, runFeedBatch } from '../shared/host-services';
import { isTrustedSender } from './ipc';

/** The parts of Electron's MessagePortMain used here. */
export interface HostPortMain {
  on(event: 'message', listener: (event: { data: unknown }) => void): unknown;
  on(event: 'close', listener: () => void): unknown;
  postMessage(message: unknown): void;
  start(): void;
  close(): void;
}

export interface HostPortPair {
  port1: HostPortMain;
  port2: unknown;
}

/** Ports one page may hold at once (a reload, a restarted worker); the oldest is closed beyond this. */
export const MAX_PORTS_PER_PAGE = 4;

/** Answers every call arriving on `port` with the host services. */
export function serveHostPort(port: HostPortMain, services: HostServices): void {
  const answer = (message: HostPortAnswer) => {
    try {
      port.postMessage(message);
    } catch {
      // The page went away (reload, window closed): nobody is waiting for the answer.
    }
  };
  port.on('message', ({ data }) => {
    const call = parseHostPortCall(data);
    if (!call) return;
    const { id } = call;
    if (call.name === 'fetchFeeds') {
      void runFeedBatch(services, call.args, (index, result) => answer({ id, index, result })).then((result) => answer({ id, result }));
      return;
    }
    void dispatchHostCall(services, call.name, call.args).then((result) => answer({ id, result }));
  });
  port.start();
}

/** Handles the page's requests for a host port: `newChannel` is `() => new MessageChannelMain()` in the app. */
export function registerHostPortHandler(ipcMain: Pick<IpcMain, 'on'>, services: HostServices, newChannel: () => HostPortPair): void {
  const open = new WeakMap<object, HostPortMain[]>();
  ipcMain.on(hostPortRequestChannel, (event: IpcMainEvent) => {
    if (!isTrustedSender(event)) return;
    const sender = event.sender;
    const { port1, port2 } = newChannel();
    let ports = open.get(sender);
    if (!ports) {
      const list: HostPortMain[] = [];
      ports = list;
      open.set(sender, list);
      sender.once('destroyed', () => {
        for (const port of list.splice(0)) port.close();
      });
    }
    const list = ports;
    list.push(port1);
    if (list.length > MAX_PORTS_PER_PAGE) list.shift()?.close();
    port1.on('close', () => {
      const index = list.indexOf(port1);
      if (index >= 0) list.splice(index, 1);
    });
    serveHostPort(port1, services);
    sender.postMessage(hostPortChannel, null, [port2 as Electron.MessagePortMain]);
  });
}
