/**
 * fetchEnclosureRange over a JSON transport (the browser host): the bytes travel as base64, like fetchImage's
 * (shared/offline/image-transport). Electron's IPC structured-clones the Uint8Array and needs none of this.
 */
import type { EnclosureRangeResponse, HostResult } from '../host';
import { base64ToBytes, bytesToBase64 } from '../offline/base64';

export interface EncodedEnclosureRangeResponse {
  base64: string;
  contentType: string;
  totalBytes: number | null;
  finalUrl: string;
}

export function encodeRangeResult(result: HostResult<EnclosureRangeResponse>): HostResult<EncodedEnclosureRangeResponse> {
  if (!result.ok) return result;
  const { bytes, contentType, totalBytes, finalUrl } = result.value;
  return { ok: true, value: { base64: bytesToBase64(bytes), contentType, totalBytes, finalUrl } };
}

/** Checks the shape of what came back over the wire; anything odd is an `unavailable` error, never a throw. */
export function decodeRangeResult(raw: unknown): HostResult<EnclosureRangeResponse> {
  const bad: HostResult<EnclosureRangeResponse> = { ok: false, error: { kind: 'unavailable', message: 'The host sent part of an episode Broadsheet could not read' } };
  if (typeof raw !== 'object' || raw === null) return bad;
  const result = raw as { ok?: unknown; value?: unknown; error?: unknown };
  if (result.ok === false && typeof result.error === 'object' && result.error !== null) return raw as HostResult<EnclosureRangeResponse>;
  if (result.ok !== true || typeof result.value !== 'object' || result.value === null) return bad;
  const value = result.value as Record<string, unknown>;
  const total = value.totalBytes;
  if (typeof value.base64 !== 'string' || typeof value.contentType !== 'string' || typeof value.finalUrl !== 'string') return bad;
  if (total !== null && (typeof total !== 'number' || !Number.isSafeInteger(total) || total < 0)) return bad;
  const bytes = base64ToBytes(value.base64);
  if (!bytes) return bad;
  return { ok: true, value: { bytes, contentType: value.contentType, totalBytes: total, finalUrl: value.finalUrl } };
}
