/**
 * The host as the sync worker sees it: fetchFeed, fetchPage and the fetchFeeds batch for the engine, fetchImage for
 * offline copies of new articles' images, accountRequest for remote accounts (the host adds their credentials), all
 * over one transport.
 */
import type { Host, HostResult } from '../../shared/host';
import type { SyncHost } from '../../shared/sync';
import type { HostTransport } from '../host/host-transport';

const notConnected = async <T,>(): Promise<HostResult<T>> => ({
  ok: false,
  error: { kind: 'unavailable', message: 'Broadsheet is not connected to its host: start it with npm start or npm run web' },
});

/** accountRequest is optional for worker tests that sync feeds only; without it accounts answer "unavailable". */
export type WorkerHost = SyncHost & Pick<Host, 'fetchImage'> & Partial<Pick<Host, 'accountRequest'>>;

export function syncHostOver(transport: HostTransport | null): WorkerHost {
  if (!transport) return { fetchFeed: notConnected, fetchPage: notConnected, fetchImage: notConnected, accountRequest: notConnected };
  return {
    fetchFeed: (request) => transport.call('fetchFeed', [request]),
    fetchPage: (url) => transport.call('fetchPage', [url]),
    fetchFeeds: (requests, onResult) => transport.fetchFeeds(requests, onResult),
    fetchImage: (url) => transport.fetchImage(url),
    accountRequest: (accountId, request) => transport.call('accountRequest', [accountId, request]),
  };
}
