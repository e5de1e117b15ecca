/** A way to make host calls from the window or from a worker: over HTTP to the browser host, or over Electron's MessagePort. */
import type { FeedBatchFetch, HostCallName, HostResult, ImageResponse } from '../../shared/host';
import { coded } from '../../shared/i18n/errors';

export interface HostTransport {
  call<T>(name: HostCallName, args: unknown[]): Promise<HostResult<T>>;
  /** Many feeds in one round trip, each answer as soon as it is ready. */
  fetchFeeds: FeedBatchFetch;
  /** fetchImage with its bytes as bytes, whatever the wire carried them as. */
  fetchImage(url: string): Promise<HostResult<ImageResponse>>;
}

export const hostNotRunning = { kind: 'unavailable', ...coded('errors.host.notRunning', 'The Broadsheet host is not running') } as const;
