/**
 * Keeps the renderer's sync engine informed while the window may be hidden: waking from sleep asks for a sync of
 * what fell due meanwhile, and a change in connectivity (polled, since Electron has no online/offline event in the
 * main process) is reported once per change.
 */
import type { HostCommand } from '../shared/host';

export const ONLINE_POLL_MS = 30_000;

export interface PowerEvents {
  on(event: 'resume', listener: () => void): unknown;
}

export interface BackgroundWatchOptions {
  powerMonitor: PowerEvents;
  isOnline: () => boolean;
  send: (command: HostCommand) => void;
  /** Injected so tests drive the poll without waiting. */
  setInterval?: (fn: () => void, ms: number) => unknown;
  clearInterval?: (handle: unknown) => void;
  pollMs?: number;
}

export interface BackgroundWatch {
  /** Polls now (also done every pollMs and on resume). */
  checkOnline(): void;
  stop(): void;
}

export function watchPowerAndNetwork(options: BackgroundWatchOptions): BackgroundWatch {
  const schedule = options.setInterval ?? ((fn, ms) => setInterval(fn, ms).unref());
  const cancel = options.clearInterval ?? ((handle) => clearInterval(handle as NodeJS.Timeout));
  let online = safeIsOnline(options.isOnline, true);

  const checkOnline = () => {
    const now = safeIsOnline(options.isOnline, online);
    if (now === online) return;
    online = now;
    options.send({ type: 'online', online });
  };

  options.powerMonitor.on('resume', () => {
    checkOnline();
    options.send({ type: 'sync-due' });
  });
  const handle = schedule(checkOnline, options.pollMs ?? ONLINE_POLL_MS);
  return { checkOnline, stop: () => cancel(handle) };
}

function safeIsOnline(isOnline: () => boolean, fallback: boolean): boolean {
  try {
    return isOnline();
  } catch {
    return fallback;
  }
}
