/**
 * The services an account can talk to, and what differs between them. Most speak the Google Reader API (one client,
 * shared/accounts/greader); a table row says where the API lives and what the service needs beyond the common
 * protocol. Fever servers share one client (shared/accounts/fever).
 */
import type { RemoteService } from '../host';

export type AccountProtocol = 'greader' | 'fever';

export interface ServiceVariant {
  id: RemoteService;
  /** The name in the service picker. */
  name: string;
  protocol: AccountProtocol;
  /** The address of a hosted service, prefilled in the form; self-hosted ones have none. */
  hostedUrl?: string;
  /** Turns the address a person typed into the API's base URL (no trailing slash). */
  apiUrl(serverUrl: string): string;
  /** Inoreader: every request carries the client's AppId/AppKey headers (see below). */
  needsAppCredentials: boolean;
  /** Fever has no calls to add, rename, move or remove subscriptions. */
  canEditSubscriptions: boolean;
  /** A line shown under the picker. */
  hint: string;
}

const trimSlash = (url: string): string => url.trim().replace(/\/+$/, '');

/** FreshRSS serves the Google Reader API from a PHP file; a person usually types the site's address. */
function freshRssApi(serverUrl: string): string {
  const base = trimSlash(serverUrl);
  if (/\/api\/greader\.php$/i.test(base)) return base;
  return `${base.replace(/\/(i|p)$/i, '')}/api/greader.php`;
}

export const serviceVariants: Record<RemoteService, ServiceVariant> = {
  freshrss: {
    id: 'freshrss',
    name: 'FreshRSS',
    protocol: 'greader',
    apiUrl: freshRssApi,
    needsAppCredentials: false,
    canEditSubscriptions: true,
    hint: 'Your FreshRSS address, your user name and the API password set in its profile.',
  },
  miniflux: {
    id: 'miniflux',
    name: 'Miniflux',
    protocol: 'greader',
    // Miniflux answers the Google Reader API at its root (/accounts/ClientLogin, /reader/api/0/...) once the
    // integration is enabled in its settings, with the user name and password set there.
    apiUrl: trimSlash,
    needsAppCredentials: false,
    canEditSubscriptions: true,
    hint: 'Enable "Google Reader API" in Miniflux → Settings → Integrations and use the user name and password set there.',
  },
  inoreader: {
    id: 'inoreader',
    name: 'Inoreader',
    protocol: 'greader',
    hostedUrl: 'https://www.inoreader.com',
    // What differs: Inoreader wants every client registered, sending AppId and AppKey headers with each call, and
    // prefers OAuth2 sign-in for new apps. ClientLogin with the app's id and key still signs in, and everything
    // after sign-in is the common protocol, so it stays behind the same client: the form asks for the app id/key.
    apiUrl: trimSlash,
    needsAppCredentials: true,
    canEditSubscriptions: true,
    hint: 'Inoreader needs an app id and key (Inoreader → Preferences → Developer) besides your user name and password.',
  },
  theoldreader: {
    id: 'theoldreader',
    name: 'The Old Reader',
    protocol: 'greader',
    hostedUrl: 'https://theoldreader.com',
    // Item ids are 24 hex digits rather than 64-bit numbers; shared/accounts/greader/item-ids.ts keeps any id that
    // is not a decimal number as it is.
    apiUrl: trimSlash,
    needsAppCredentials: false,
    canEditSubscriptions: true,
    hint: 'Your The Old Reader e-mail address and password.',
  },
  bazqux: {
    id: 'bazqux',
    name: 'BazQux Reader',
    protocol: 'greader',
    hostedUrl: 'https://bazqux.com',
    apiUrl: trimSlash,
    needsAppCredentials: false,
    canEditSubscriptions: true,
    hint: 'Your BazQux Reader e-mail address and password.',
  },
  greader: {
    id: 'greader',
    name: 'Other Google Reader API server',
    protocol: 'greader',
    apiUrl: trimSlash,
    needsAppCredentials: false,
    canEditSubscriptions: true,
    hint: 'The address the Google Reader API answers at (the one before /accounts/ClientLogin).',
  },
  fever: {
    id: 'fever',
    name: 'Other Fever server',
    protocol: 'fever',
    // As typed: Miniflux's endpoint is /fever/ with its slash.
    apiUrl: (serverUrl) => serverUrl.trim(),
    needsAppCredentials: false,
    canEditSubscriptions: false,
    hint: 'The Fever API address (e.g. …/api/fever.php for FreshRSS, …/fever/ for Miniflux). Fever cannot add or edit subscriptions: do that on the server.',
  },
};

export const remoteServices = Object.keys(serviceVariants) as RemoteService[];

export function isPlainHttp(serverUrl: string): boolean {
  return /^http:/i.test(serverUrl.trim());
}
