/**
 * TextDecoder by label, with one runtime bug worked around: Node 20.18.3+, 22.13+ and 24.x decode
 * windows-1252 (and every label the Encoding Standard maps to it: latin1, iso-8859-1, us-ascii) as
 * ISO-8859-1, so bytes 0x80-0x9F come out as C1 controls instead of € ‚ “ ” – — …
 * (nodejs/node#56542, #60888). Chromium is correct; the probe keeps the fast native path wherever it is.
 */

/** Unicode code points of windows-1252 bytes 0x80-0x9F (WHATWG index; the five holes map to themselves). */
const windows1252High = [
  0x20ac, 0x81, 0x201a, 0x192, 0x201e, 0x2026, 0x2020, 0x2021, 0x2c6, 0x2030, 0x160, 0x2039, 0x152, 0x8d, 0x17d, 0x8f,
  0x90, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014, 0x2dc, 0x2122, 0x161, 0x203a, 0x153, 0x9d, 0x17e, 0x178,
];

/** Probed per call (microseconds) rather than cached, so shared/ keeps no module state. */
function nativeWindows1252Works(): boolean {
  return new TextDecoder('windows-1252').decode(Uint8Array.of(0x80)) === '\u20ac';
}

export function decodeWindows1252(bytes: Uint8Array): string {
  const parts: string[] = [];
  const chunk = 8192;
  for (let start = 0; start < bytes.length; start += chunk) {
    const codes: number[] = [];
    for (const byte of bytes.subarray(start, start + chunk)) {
      codes.push(byte >= 0x80 && byte <= 0x9f ? (windows1252High[byte - 0x80] ?? byte) : byte);
    }
    parts.push(String.fromCharCode(...codes));
  }
  return parts.join('');
}

/** Decodes with the encoding a label names; undefined when the label is unknown. Never throws. */
export function decodeWithLabel(bytes: Uint8Array, label: string): string | undefined {
  let decoder: TextDecoder;
  try {
    decoder = new TextDecoder(label.trim());
  } catch {
    return undefined;
  }
  if (decoder.encoding === 'windows-1252' && !nativeWindows1252Works()) {
    // The BOM check of TextDecoder does not apply to single-byte encodings, so nothing else is lost.
    return decodeWindows1252(bytes);
  }
  return decoder.decode(bytes);
}
