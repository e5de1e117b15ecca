/** Picks the transport the page is running under: Electron's bridge when present, else the browser host. */
import type { Host } from '../../shared/host';
import { browserHostToken, createBrowserHostClient } from './browser-host-client';
import { electronBridge } from './electron-bridge';

export function pickHost(): Host | null {
  const bridge = electronBridge();
  if (bridge) return bridge;
  const token = browserHostToken();
  return token ? createBrowserHostClient(token) : null;
}
