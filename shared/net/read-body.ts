import type { HostError } from '../host';
import { err, ok, type Result } from '../result';
import type { Deadline } from './deadline';
import { networkError } from './network-error';
import { coded } from '../i18n/errors';
import { TOO_LARGE, type DownloadKind } from './download-kind';

export interface ReadBodyOptions {
  /** Bytes allowed. */
  limit: number;
  /** 'error': more than `limit` is a too-large error; 'truncate': keep the first `limit` bytes (for sniffing). */
  overflow: 'error' | 'truncate';
  deadline: Deadline;
  /** Names the thing in the too-large message ("feed", "page"). */
  what: DownloadKind;
}

/**
 * Reads a response body chunk by chunk, counting bytes as they stream so an oversized or endless body is
 * cut off at the limit instead of being buffered whole. Content-Length is checked first as a cheap early
 * answer, but never trusted alone (it can be missing, or wrong when the body is compressed).
 */
export async function readBody(response: Response, options: ReadBodyOptions): Promise<Result<Uint8Array<ArrayBuffer>, HostError>> {
  const { limit, deadline } = options;
  const tooLarge = (): HostError => ({
    kind: 'too-large',
    ...coded(TOO_LARGE[options.what], `The ${options.what} is larger than ${formatBytes(limit)}, the most Broadsheet downloads.`, { size: limit }),
  });

  if (options.overflow === 'error') {
    const declared = Number(response.headers.get('content-length') ?? NaN);
    if (Number.isFinite(declared) && declared > limit) {
      discardBody(response);
      return err(tooLarge());
    }
  }
  if (deadline.reason() !== undefined) {
    discardBody(response);
    return err(deadline.error());
  }
  if (!response.body) return ok(new Uint8Array(0));

  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  try {
    for (;;) {
      const read = reader.read();
      // Some fetch implementations do not tie the body to the signal: race it so a timeout always wins.
      const outcome = await Promise.race([read, deadline.fired.then(() => undefined)]);
      if (outcome === undefined || deadline.reason() !== undefined) {
        read.catch(() => undefined);
        cancel(reader);
        return err(deadline.error());
      }
      if (outcome.done) break;
      const chunk = outcome.value;
      if (total + chunk.byteLength > limit) {
        cancel(reader);
        if (options.overflow === 'error') return err(tooLarge());
        chunks.push(chunk.subarray(0, limit - total));
        total = limit;
        break;
      }
      chunks.push(chunk);
      total += chunk.byteLength;
    }
  } catch (thrown) {
    cancel(reader);
    if (deadline.reason() !== undefined) return err(deadline.error());
    return err(networkError(thrown, 'body'));
  }
  return ok(concat(chunks, total));
}

/** Frees the connection of a response whose body we do not want. */
export function discardBody(response: Response): void {
  if (response.body && !response.bodyUsed) response.body.cancel().catch(() => undefined);
}

function cancel(reader: ReadableStreamDefaultReader<Uint8Array>): void {
  reader.cancel().catch(() => undefined);
}

function concat(chunks: Uint8Array[], total: number): Uint8Array<ArrayBuffer> {
  const out = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    out.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return out;
}

function formatBytes(bytes: number): string {
  const mib = bytes / (1024 * 1024);
  if (mib >= 1) return `${Number.isInteger(mib) ? mib : mib.toFixed(1)} MiB`;
  const kib = bytes / 1024;
  return kib >= 1 ? `${Math.round(kib)} KiB` : `${bytes} bytes`;
}
