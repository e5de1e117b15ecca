/** The Host exposed by electron/preload.ts through contextBridge, when the page runs inside Electron. */
import type { Host } from '../../shared/host';
import { HOST_PORT_MESSAGE } from '../../shared/host';

declare global {
  interface Window {
    broadsheetHost?: Host;
    /** Asks the main process for a MessagePort to the host; it arrives as a window message (HOST_PORT_MESSAGE). */
    broadsheetHostPort?: { open(): void };
  }
}

export function electronBridge(): Host | null {
  return window.broadsheetHost ?? null;
}

/**
 * A MessagePort to Electron's main process, for a worker to make host calls without the window relaying them; null
 * outside Electron. contextBridge cannot pass ports, so the preload posts it to this window (Electron's documented way).
 */
export function requestHostPort(): Promise<MessagePort> | null {
  const opener = window.broadsheetHostPort;
  if (!opener) return null;
  return new Promise((resolve) => {
    const onMessage = (event: MessageEvent<unknown>) => {
      const port = event.ports[0];
      if (event.source !== window || event.data !== HOST_PORT_MESSAGE || !port) return;
      window.removeEventListener('message', onMessage);
      resolve(port);
    };
    window.addEventListener('message', onMessage);
    opener.open();
  });
}
