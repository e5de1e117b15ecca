/**
 * The Host over HTTP, for the page served by the browser host (tests/support/browser-host.ts). Each call is a
 * POST carrying the token the server injected into the page (http-host-transport.ts); commands arrive as server-sent
 * events.
 */
import type { Host, HostCommand, HostNotification } from '../../shared/host';
import { isHttpUrl } from '../../shared/host-schema';
import { decodeRangeResult } from '../../shared/net/range-transport';
import { createHttpHostTransport } from './http-host-transport';

export function browserHostToken(): string | null {
  return document.querySelector<HTMLMetaElement>('meta[name="broadsheet-host-token"]')?.content ?? null;
}

export function createBrowserHostClient(token: string): Host {
  const { call, fetchImage } = createHttpHostTransport(token);

  const listeners = new Set<(command: HostCommand) => void>();
  let events: EventSource | null = null;
  const emit = (command: HostCommand) => listeners.forEach((listener) => listener(command));
  const onOnline = () => emit({ type: 'online', online: true });
  const onOffline = () => emit({ type: 'online', online: false });

  return {
    fetchFeed: (request) => call('fetchFeed', [request]),
    fetchPage: (url) => call('fetchPage', [url]),
    fetchImage,
    fetchEnclosureRange: async (url, start, length) => decodeRangeResult(await call<unknown>('fetchEnclosureRange', [url, start, length])),
    async openExternal(url) {
      const result = await call<null>('openExternal', [url]);
      // The browser is the "system browser" here: open a separate, unrelated tab.
      if (result.ok && isHttpUrl(url)) window.open(url, '_blank', 'noopener,noreferrer');
      return result;
    },
    appInfo: () => call('appInfo', []),
    setUnreadCount: (count) => call('setUnreadCount', [count]),
    setSettings: (settings) => call('setSettings', [settings]),
    testAccount: (signIn) => call('testAccount', [signIn]),
    addAccount: (signIn) => call('addAccount', [signIn]),
    signInAgain: (accountId, password) => call('signInAgain', [accountId, password]),
    accountRequest: (accountId, request) => call('accountRequest', [accountId, request]),
    removeAccount: (accountId) => call('removeAccount', [accountId]),
    async notify(notification) {
      const result = await call<null>('notify', [notification]);
      if (result.ok) showWebNotification(notification, emit);
      return result;
    },
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

/**
 * A web notification, only when the user already allowed them for this origin: the app never prompts (a prompt
 * in the middle of a sync is not the moment to ask). A click focuses the tab and opens what it was about.
 */
function showWebNotification(notification: HostNotification, emit: (command: HostCommand) => void): void {
  if (typeof Notification === 'undefined' || Notification.permission !== 'granted') return;
  try {
    const shown = new Notification(notification.title, { body: notification.body });
    shown.onclick = () => {
      window.focus();
      if (notification.articleId) emit({ type: 'open-article', articleId: notification.articleId });
      else if (notification.feedId) emit({ type: 'open-feed', feedId: notification.feedId });
    };
  } catch {
    // Some browsers only allow notifications from a service worker; the in-app state is unaffected.
  }
}
