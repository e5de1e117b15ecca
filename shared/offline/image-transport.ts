/**
 * fetchImage over a JSON transport (the browser host): the bytes travel as base64. Electron's IPC needs none of
 * this, it structured-clones the Uint8Array.
 */
import type { HostResult, ImageResponse } from '../host';
import { base64ToBytes, bytesToBase64 } from './base64';

export interface EncodedImageResponse {
  base64: string;
  contentType: string;
  finalUrl: string;
}

export function encodeImageResult(result: HostResult<ImageResponse>): HostResult<EncodedImageResponse> {
  if (!result.ok) return result;
  const { bytes, contentType, finalUrl } = result.value;
  return { ok: true, value: { base64: bytesToBase64(bytes), contentType, finalUrl } };
}

/** Checks the shape of what came back over the wire; anything odd is an `unavailable` error, never a throw. */
export function decodeImageResult(raw: unknown): HostResult<ImageResponse> {
  const bad: HostResult<ImageResponse> = { ok: false, error: { kind: 'unavailable', message: 'The host sent an image Broadsheet could not read' } };
  if (typeof raw !== 'object' || raw === null) return bad;
  const result = raw as { ok?: unknown; value?: unknown; error?: unknown };
  if (result.ok === false && typeof result.error === 'object' && result.error !== null) return raw as HostResult<ImageResponse>;
  if (result.ok !== true || typeof result.value !== 'object' || result.value === null) return bad;
  const value = result.value as Record<string, unknown>;
  if (typeof value.base64 !== 'string' || typeof value.contentType !== 'string' || typeof value.finalUrl !== 'string') return bad;
  const bytes = base64ToBytes(value.base64);
  if (!bytes) return bad;
  return { ok: true, value: { bytes, contentType: value.contentType, finalUrl: value.finalUrl } };
}
