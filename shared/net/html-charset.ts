import { decodeWithLabel } from './text-decoding';

/**
 * Decodes an HTML page's bytes the way a browser would, in the order of the HTML spec's encoding
 * sniffing: byte order mark, then the Content-Type charset, then a <meta charset> or
 * <meta http-equiv="Content-Type"> in the first 1024 bytes, then UTF-8.
 */
export function decodeHtml(bytes: Uint8Array, contentType: string | null): string {
  const bom = bomEncoding(bytes);
  if (bom) return new TextDecoder(bom).decode(bytes);
  for (const label of [charsetFromContentType(contentType), charsetFromMeta(bytes)]) {
    const text = label ? decodeWithLabel(bytes, label) : undefined;
    if (text !== undefined) return text;
  }
  return new TextDecoder('utf-8').decode(bytes);
}

export function charsetFromContentType(contentType: string | null): string | undefined {
  const match = /;\s*charset\s*=\s*"?([^";\s]+)/i.exec(contentType ?? '');
  return match?.[1];
}

/** Prescan of the first 1024 bytes; the label is ASCII, so reading bytes as Latin-1 is safe. */
export function charsetFromMeta(bytes: Uint8Array): string | undefined {
  let head = '';
  for (const byte of bytes.subarray(0, 1024)) head += String.fromCharCode(byte);
  const pattern = /<meta\b[^>]*?\bcharset\s*=\s*["']?\s*([A-Za-z0-9_:.()+-]+)/gi;
  for (let match = pattern.exec(head); match; match = pattern.exec(head)) {
    const label = match[1];
    // A page that claims UTF-16 in ASCII-compatible bytes is lying (HTML spec): use UTF-8.
    if (label) return /^utf-16/i.test(label) ? 'utf-8' : label;
  }
  return undefined;
}

function bomEncoding(bytes: Uint8Array): string | undefined {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return 'utf-8';
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return 'utf-16be';
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return 'utf-16le';
  return undefined;
}
