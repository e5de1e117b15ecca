/** The host as the sync engine sees it in the worker: fetchFeed, fetchPage and the fetchFeeds batch over one transport. */
import type { HostResult } from '../../shared/host';
import type { SyncHost } from '../../shared/sync';
import type { HostTransport } from '../host/host-transport';

const notConnected = async <T,>(): Promise<HostResult<T>> => ({
  ok: false,
  error: { kind: 'unavailable', message: 'Broadsheet is not connected to its host: start it with npm start or npm run web' },
});

export function syncHostOver(transport: HostTransport | null): SyncHost {
  if (!transport) return { fetchFeed: notConnected, fetchPage: notConnected };
  return {
    fetchFeed: (request) => transport.call('fetchFeed', [request]),
    fetchPage: (url) => transport.call('fetchPage', [url]),
    fetchFeeds: (requests, onResult) => transport.fetchFeeds(requests, onResult),
  };
}
