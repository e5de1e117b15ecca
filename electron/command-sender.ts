/**
 * Sends HostCommands to the app window. Commands that come before the page has loaded (a feed link on the command
 * line, an OPML file opened from Finder at launch) are queued and sent on `did-finish-load`; the preload script then
 * holds them until the page subscribes, so a command is never lost to start-up order.
 */
import type { HostCommand } from '../shared/host';
import { hostCommandChannel } from '../shared/host';

export interface CommandTarget {
  isDestroyed(): boolean;
  isLoading(): boolean;
  send(channel: string, ...args: unknown[]): void;
  on(event: 'did-finish-load' | 'did-start-loading', listener: () => void): unknown;
}

export interface CommandSender {
  /** The window's contents to send to (a new window after the old one was closed replaces it). */
  attach(contents: CommandTarget): void;
  send(command: HostCommand): void;
}

const MAX_QUEUED = 100;

export function createCommandSender(): CommandSender {
  let target: CommandTarget | null = null;
  let loaded = false;
  const queue: HostCommand[] = [];

  const flush = () => {
    if (!target || !loaded || target.isDestroyed()) return;
    for (const command of queue.splice(0)) target.send(hostCommandChannel, command);
  };

  return {
    attach(contents) {
      target = contents;
      loaded = !contents.isLoading() && !contents.isDestroyed();
      // A reload drops the page's listeners: hold commands until the new page is there.
      contents.on('did-start-loading', () => {
        if (target === contents) loaded = false;
      });
      contents.on('did-finish-load', () => {
        if (target !== contents) return;
        loaded = true;
        flush();
      });
      flush();
    },
    send(command) {
      if (queue.length >= MAX_QUEUED) queue.shift();
      queue.push(command);
      flush();
    },
  };
}
