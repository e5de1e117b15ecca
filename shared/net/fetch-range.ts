/**
 * One HTTP Range request for a slice of a podcast episode (audio/video enclosure), downloaded on demand in chunks by
 * the renderer (renderer/offline/download-enclosure.ts). Never throws and never rejects.
 */
import type { EnclosureRangeResponse, HostResult } from '../host';
import { err, ok } from '../result';
import { fetchResource } from './fetch-resource';
import type { FetchOptions } from './options';
import { discardBody, readBody } from './read-body';
import { coded } from '../i18n/errors';

/** The largest slice one call returns: big enough to be quick, small enough for IPC and the browser host's JSON. */
export const MAX_ENCLOSURE_CHUNK_BYTES = 4 * 1024 * 1024;
/** A server that ignores Range sends the whole file in one answer: accepted only up to this size. */
export const MAX_WHOLE_ENCLOSURE_BYTES = 64 * 1024 * 1024;
export const ENCLOSURE_ACCEPT = 'audio/*, video/*, application/octet-stream;q=0.5';

/** Whether a Content-Type names something an episode can be: audio, video, or unlabelled bytes. */
export function isEnclosureContentType(header: string | null): boolean {
  const media = (header ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
  return media.startsWith('audio/') || media.startsWith('video/') || media === 'application/octet-stream';
}

/** `bytes 0-99/1234` → 1234; `bytes 0-99/*` or anything else → null. */
export function totalFromContentRange(header: string | null): number | null {
  const match = /^bytes\s+\d+-\d+\/(\d+)\s*$/i.exec(header ?? '');
  if (!match?.[1]) return null;
  const total = Number(match[1]);
  return Number.isSafeInteger(total) ? total : null;
}

export function fetchEnclosureRange(
  url: string,
  start: number,
  length: number,
  options: FetchOptions,
): Promise<HostResult<EnclosureRangeResponse>> {
  if (!Number.isSafeInteger(start) || start < 0 || !Number.isSafeInteger(length) || length < 1 || length > MAX_ENCLOSURE_CHUNK_BYTES) {
    return Promise.resolve(err({ kind: 'invalid-argument', ...coded('errors.episode.badRange', 'The requested part of the episode is not a valid byte range.') }));
  }
  // fetchResource sets the common headers; the Range (and no compression, so byte offsets mean file offsets) is
  // added on every hop, redirects included.
  const range = `bytes=${start}-${start + length - 1}`;
  const rangedFetch: typeof fetch = (input, init) =>
    options.fetch(input, { ...init, headers: { ...(init?.headers as Record<string, string> | undefined), range, 'accept-encoding': 'identity' } });
  return fetchResource(url, { ...options, fetch: rangedFetch }, { accept: ENCLOSURE_ACCEPT, what: 'episode' }, async (response, finalUrl, deadline) => {
    const contentType = response.headers.get('content-type');
    if (!isEnclosureContentType(contentType)) {
      discardBody(response);
      const media = (contentType ?? '').split(';')[0]?.trim() ?? '';
      return err({
        kind: 'http',
        status: response.status,
        ...coded('errors.episode.notMedia', `This is not an audio or video file (it is ${media || 'unlabelled'}).`, { type: media || { code: 'errors.episode.unlabelled' } }),
      });
    }
    const media = (contentType ?? 'application/octet-stream').split(';')[0]?.trim() ?? 'application/octet-stream';
    if (response.status === 206) {
      const body = await readBody(response, { limit: length, overflow: 'error', deadline, what: 'episode part' });
      if (!body.ok) return body;
      return ok({ bytes: body.value, contentType: media, totalBytes: totalFromContentRange(response.headers.get('content-range')), finalUrl });
    }
    // Range ignored: the whole file came (only sensible for the first slice).
    if (start > 0) {
      discardBody(response);
      return err({ kind: 'http', status: response.status, ...coded('errors.episode.noRanges', 'The server does not send parts of this file.') });
    }
    const body = await readBody(response, { limit: MAX_WHOLE_ENCLOSURE_BYTES, overflow: 'error', deadline, what: 'episode' });
    if (!body.ok) return body;
    return ok({ bytes: body.value, contentType: media, totalBytes: body.value.byteLength, finalUrl });
  });
}
