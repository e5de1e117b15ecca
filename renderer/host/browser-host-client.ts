/**
 * The Host over HTTP, for the page served by the browser host (tests/support/browser-host.ts). Each call is a
 * POST carrying the token the server injected into the page; commands arrive as server-sent events.
 */
import type { Host, HostCallName, HostCommand, HostResult } from '../../shared/host';
import { hostChannel } from '../../shared/host';
import { isHttpUrl } from '../../shared/host-schema';

export function browserHostToken(): string | null {
  return document.querySelector<HTMLMetaElement>('meta[name="broadsheet-host-token"]')?.content ?? null;
}

export function createBrowserHostClient(token: string): Host {
  async function call<T>(name: HostCallName, args: unknown[]): Promise<HostResult<T>> {
    try {
      const response = await fetch(`/host/${hostChannel[name]}`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'X-Broadsheet-Token': token },
        body: JSON.stringify({ args }),
      });
      if (!response.ok) {
        return { ok: false, error: { kind: 'unavailable', message: `The host refused the call (${response.status})` } };
      }
      return (await response.json()) as HostResult<T>;
    } catch {
      return { ok: false, error: { kind: 'unavailable', message: 'The Broadsheet host is not running' } };
    }
  }

  const listeners = new Set<(command: HostCommand) => void>();
  let events: EventSource | null = null;
  const emit = (command: HostCommand) => listeners.forEach((listener) => listener(command));
  const onOnline = () => emit({ type: 'online', online: true });
  const onOffline = () => emit({ type: 'online', online: false });

  return {
    fetchFeed: (request) => call('fetchFeed', [request]),
    fetchPage: (url) => call('fetchPage', [url]),
    async openExternal(url) {
      const result = await call<null>('openExternal', [url]);
      // The browser is the "system browser" here: open a separate, unrelated tab.
      if (result.ok && isHttpUrl(url)) window.open(url, '_blank', 'noopener,noreferrer');
      return result;
    },
    appInfo: () => call('appInfo', []),
    onCommand(listener) {
      listeners.add(listener);
      if (events === null) {
        events = new EventSource(`/host/events?token=${encodeURIComponent(token)}`);
        events.onmessage = (message: MessageEvent<string>) => emit(JSON.parse(message.data) as HostCommand);
        window.addEventListener('online', onOnline);
        window.addEventListener('offline', onOffline);
      }
      return () => {
        listeners.delete(listener);
        if (listeners.size === 0 && events !== null) {
          events.close();
          events = null;
          window.removeEventListener('online', onOnline);
          window.removeEventListener('offline', onOffline);
        }
      };
    },
  };
}
