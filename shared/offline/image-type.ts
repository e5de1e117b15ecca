/**
 * Image types Broadsheet stores for offline reading, told by their first bytes, never by the Content-Type header
 * alone: a script or an HTML page served as image/png must not end up in the library as an "image".
 *
 * SVG is refused: it is a document that can carry script. An <img> would not run it, but a stored blob: URL opened
 * on its own (a new tab, a drag) would run in the app's origin. SVG images keep loading from the network.
 */
export type StorableImageType = 'image/png' | 'image/jpeg' | 'image/gif' | 'image/webp' | 'image/avif' | 'image/x-icon';

export const STORABLE_IMAGE_TYPES: readonly StorableImageType[] = ['image/png', 'image/jpeg', 'image/gif', 'image/webp', 'image/avif', 'image/x-icon'];

/** Bytes needed to recognise every storable type (AVIF's compatible brands may come a little later). */
export const IMAGE_SNIFF_BYTES = 64;

const ascii = (bytes: Uint8Array, start: number, text: string): boolean => {
  if (bytes.length < start + text.length) return false;
  for (let i = 0; i < text.length; i++) if (bytes[start + i] !== text.charCodeAt(i)) return false;
  return true;
};

/** The image type of these bytes by their signature, or null when they are not a storable image. */
export function sniffImageType(bytes: Uint8Array): StorableImageType | null {
  if (bytes.length >= 8 && bytes[0] === 0x89 && ascii(bytes, 1, 'PNG\r\n\x1a\n')) return 'image/png';
  if (bytes.length >= 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'image/jpeg';
  if (ascii(bytes, 0, 'GIF87a') || ascii(bytes, 0, 'GIF89a')) return 'image/gif';
  if (ascii(bytes, 0, 'RIFF') && ascii(bytes, 8, 'WEBP')) return 'image/webp';
  if (ascii(bytes, 4, 'ftyp') && isAvifBrand(bytes)) return 'image/avif';
  // ICO (site favicons): reserved 0, type 1 (2 would be a cursor), then at least one image in the directory.
  if (bytes.length >= 6 && bytes[0] === 0 && bytes[1] === 0 && bytes[2] === 1 && bytes[3] === 0 && ((bytes[4] ?? 0) | (bytes[5] ?? 0)) !== 0) return 'image/x-icon';
  return null;
}

/** An ISO-BMFF `ftyp` box whose major or a compatible brand is avif/avis. */
function isAvifBrand(bytes: Uint8Array): boolean {
  const size = ((bytes[0] ?? 0) << 24) | ((bytes[1] ?? 0) << 16) | ((bytes[2] ?? 0) << 8) | (bytes[3] ?? 0);
  const end = Math.min(size > 0 ? size : 16, bytes.length, IMAGE_SNIFF_BYTES);
  for (let offset = 8; offset + 4 <= end; offset += 4) {
    if (offset === 12) continue; // minor version, not a brand
    if (ascii(bytes, offset, 'avif') || ascii(bytes, offset, 'avis')) return true;
  }
  return false;
}

/**
 * Whether a response's Content-Type may hold an image at all. Missing, octet-stream and image/* (except SVG) pass:
 * many CDNs send images as octet-stream, and the bytes decide anyway.
 */
export function isImageContentType(headerValue: string | null): boolean {
  const media = (headerValue ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
  if (media === '' || media === 'application/octet-stream' || media === 'binary/octet-stream') return true;
  return media.startsWith('image/') && media !== 'image/svg+xml';
}
