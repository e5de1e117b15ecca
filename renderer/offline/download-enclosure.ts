/**
 * Downloads one podcast episode for offline listening, on demand: 4 MiB Range requests through the host, progress
 * after each, then one Blob stored in one transaction (a cancelled or failed download stores nothing).
 */
import type { BroadsheetDb } from '../../shared/db/schema';
import type { Host, HostError } from '../../shared/host';
import type { Result } from '../../shared/result';
import { err, ok } from '../../shared/result';
import { coded } from '../../shared/i18n/errors';

export const ENCLOSURE_CHUNK_BYTES = 4 * 1024 * 1024;
/** A cap on what one episode may take on disk (a runaway or lying server cannot fill it). */
export const MAX_ENCLOSURE_BYTES = 2 * 1024 * 1024 * 1024;

export interface DownloadEnclosureOptions {
  db: BroadsheetDb;
  host: Pick<Host, 'fetchEnclosureRange'>;
  articleId: string;
  url: string;
  /** The type the feed declared; used when the server only says application/octet-stream. */
  declaredType?: string | undefined;
  /** Bytes so far and the whole size (null while unknown). */
  onProgress?: (received: number, total: number | null) => void;
  signal?: AbortSignal;
  now?: () => number;
  chunkBytes?: number;
}

export async function downloadEnclosure(options: DownloadEnclosureOptions): Promise<Result<{ bytes: number }, HostError>> {
  const chunkBytes = options.chunkBytes ?? ENCLOSURE_CHUNK_BYTES;
  const aborted = (): HostError => ({ kind: 'network', ...coded('errors.episode.cancelled', 'The download was cancelled.') });
  const parts: Uint8Array<ArrayBuffer>[] = [];
  let received = 0;
  let total: number | null = null;
  let type = '';
  for (;;) {
    if (options.signal?.aborted) return err(aborted());
    const answer = await options.host.fetchEnclosureRange(options.url, received, chunkBytes);
    if (options.signal?.aborted) return err(aborted());
    if (!answer.ok) return answer;
    const { bytes, contentType, totalBytes } = answer.value;
    if (received === 0) type = contentType;
    total = totalBytes ?? total;
    // A copy: the host's buffer may be a view into something larger, and Blob parts must own their bytes.
    parts.push(new Uint8Array(bytes));
    received += bytes.byteLength;
    if (received > MAX_ENCLOSURE_BYTES) return err({ kind: 'too-large', ...coded('errors.episode.tooLarge', 'The episode is too large to keep offline.') });
    options.onProgress?.(received, total);
    // Done when the size is reached, or (size unknown) when the server sent less than asked.
    const whole = total !== null ? received >= total : bytes.byteLength < chunkBytes;
    if (whole || bytes.byteLength === 0) break;
  }
  const blobType = type === 'application/octet-stream' && options.declaredType ? options.declaredType : type;
  const blob = new Blob(parts, { type: blobType });
  const now = options.now ?? Date.now;
  await options.db.transaction('rw', [options.db.enclosures, options.db.articles], async () => {
    // The article may have been deleted (unsubscribe, retention) while the download ran: keep nothing then.
    if ((await options.db.articles.get(options.articleId)) === undefined) return;
    await options.db.enclosures.put({ url: options.url, articleId: options.articleId, blob, type: blobType, bytes: received, storedAt: now() });
  });
  return ok({ bytes: received });
}

export async function removeEnclosure(db: BroadsheetDb, url: string): Promise<void> {
  await db.enclosures.delete(url);
}

/** The article's first audio or video enclosure with an http(s) URL: the one the reader offers to download. */
export function episodeOf(enclosures: readonly { url: string; type?: string }[] | undefined): { url: string; type: string } | null {
  for (const enclosure of enclosures ?? []) {
    const type = enclosure.type ?? '';
    if ((type.startsWith('audio/') || type.startsWith('video/')) && /^https?:\/\//i.test(enclosure.url)) return { url: enclosure.url, type };
  }
  return null;
}
