/** The host used when the page was opened without one (e.g. the built index.html from disk): reading works, fetching says why not. */
import type { Host, HostResult } from '../../shared/host';
import { coded } from '../../shared/i18n/errors';

const unavailable = async <T,>(): Promise<HostResult<T>> => ({
  ok: false,
  error: { kind: 'unavailable', ...coded('errors.host.notConnected', 'Broadsheet is not connected to its host: start it with npm start or npm run web') },
});

export const unavailableHost: Host = {
  fetchFeed: unavailable,
  fetchPage: unavailable,
  fetchImage: unavailable,
  fetchEnclosureRange: unavailable,
  openExternal: unavailable,
  appInfo: unavailable,
  setUnreadCount: unavailable,
  notify: unavailable,
  setSettings: unavailable,
  testAccount: unavailable,
  addAccount: unavailable,
  signInAgain: unavailable,
  accountRequest: unavailable,
  removeAccount: unavailable,
  onCommand: () => () => undefined,
};
