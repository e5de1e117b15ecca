/** The Host exposed by electron/preload.ts through contextBridge, when the page runs inside Electron. */
import type { Host } from '../../shared/host';

declare global {
  interface Window {
    broadsheetHost?: Host;
  }
}

export function electronBridge(): Host | null {
  return window.broadsheetHost ?? null;
}
