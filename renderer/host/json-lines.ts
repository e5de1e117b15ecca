/**
 * Newline-delimited JSON from a byte stream, parsed line by line as it arrives (the browser host's fetchFeeds answer:
 * one line per feed, each ~130 KB for a feed of 50 articles). Lines are found in the bytes (a 0x0A byte is always a
 * line feed in UTF-8) and each is decoded once when complete: appending decoded text to a string and searching it
 * again on every chunk copied a long line once per chunk it spanned.
 */
const LINE_FEED = 0x0a;

export async function* jsonLines(body: ReadableStream<Uint8Array>): AsyncGenerator<unknown> {
  const reader = body.getReader();
  const decoder = new TextDecoder();
  // The bytes of the line not yet ended, in the order they came.
  let held: Uint8Array[] = [];
  let heldBytes = 0;
  const lineOf = (tail: Uint8Array): unknown => {
    let bytes = tail;
    if (heldBytes > 0) {
      bytes = new Uint8Array(heldBytes + tail.byteLength);
      let offset = 0;
      for (const part of held) {
        bytes.set(part, offset);
        offset += part.byteLength;
      }
      bytes.set(tail, offset);
      held = [];
      heldBytes = 0;
    }
    const text = decoder.decode(bytes);
    return text.trim() === '' ? undefined : (JSON.parse(text) as unknown);
  };
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    let start = 0;
    let newline = value.indexOf(LINE_FEED);
    while (newline >= 0) {
      const line = lineOf(value.subarray(start, newline));
      if (line !== undefined) yield line;
      start = newline + 1;
      newline = value.indexOf(LINE_FEED, start);
    }
    if (start < value.byteLength) {
      held.push(value.subarray(start));
      heldBytes += value.byteLength - start;
    }
  }
  if (heldBytes > 0) {
    const last = lineOf(new Uint8Array(0));
    if (last !== undefined) yield last;
  }
}
