/**
 * The browser host's fetchFeeds answer as length-prefixed binary frames, one per answer of
 * shared/host-port-protocol.ts (the worker's HTTP transport asks for them; Electron's port carries the answers as
 * objects by structured clone and needs no framing).
 *
 * Why not JSON lines: an item's `content` and `summary` are ~80 % of a feed's bytes, and JSON.stringify escapes and
 * JSON.parse unescapes every character of them (the costliest part of a cold sync on both ends of the wire). In a
 * frame they travel as raw UTF-8, copied once on each side. The worker decodes each from its own bytes: slices of
 * one decoded string would be cheaper to make, but every later pass over them (the content hash, IndexedDB's
 * structured clone) reads a sliced string slower than a flat one, and more than the decoding saved.
 *
 * A frame: u32 LE byte length of its text part, u32 LE byte length of its JSON part, the text part, the JSON part
 * (both UTF-8). The JSON part is the answer with each item's `content` and `summary` replaced by its length in
 * bytes in the text part, which holds those strings one after another, in item order, content before summary.
 *
 * The reader validates what it gets: a malformed answer for a feed becomes an error for that feed; a frame that
 * cannot be tied to a feed (bad header, not JSON, no index) is a FeedFrameError, which fails what is left of the batch.
 */
import * as v from 'valibot';
import type { ParsedItem } from './feeds/types';
import type { FeedResponse, HostError, HostResult } from './host';
import type { HostEndLine, HostFeedLine } from './host-port-protocol';

export const FEED_FRAMES_TYPE = 'application/vnd.broadsheet.feed-frames';

const HEADER_BYTES = 8;
/** A parsed feed (at most shared/net's 15 MiB body) can grow in JSON a little; a bigger header is corrupt. */
export const MAX_FRAME_BYTES = 64 * 1024 * 1024;

/** The item fields that travel in the text part. */
const LIFTED = ['content', 'summary'] as const;

export type FeedFrameAnswer = HostFeedLine | HostEndLine;

/** A frame that cannot be tied to a feed: the rest of the stream cannot be trusted. */
export class FeedFrameError extends Error {
  override name = 'FeedFrameError';
}

const encoder = new TextEncoder();

export function encodeFeedFrame(answer: FeedFrameAnswer): Uint8Array<ArrayBuffer> {
  return encodeFeedFrameInto(answer, null);
}

/**
 * encodeFeedFrame written into `scratch` when it is large enough (else into a new buffer): the frame is a view of the
 * start of whichever buffer it went into. A host that reuses its buffers once the socket has taken the bytes writes
 * no fresh memory per feed: a new ~150 KB buffer per frame cost the browser host a page fault per 4 KB written
 * (10–17 k per cold sync, most of the encoder's CPU).
 */
export function encodeFeedFrameInto(answer: FeedFrameAnswer, scratch: Uint8Array<ArrayBuffer> | null): Uint8Array<ArrayBuffer> {
  const items = feedItems(answer);
  let textLength = 0;
  for (const item of items) textLength += (item.content?.length ?? 0) + (item.summary?.length ?? 0);
  // Room for ASCII texts and a JSON part up to half their size (a feed's is about a quarter); grown when too little.
  const room = HEADER_BYTES + textLength + (textLength >> 1) + 4096;
  let out = scratch !== null && scratch.byteLength >= room ? scratch : new Uint8Array(room);
  let at = HEADER_BYTES;
  /** Writes `text` at `at` and returns how many bytes it took. */
  const write = (text: string): number => {
    const start = at;
    let rest = text;
    for (;;) {
      const { read, written } = encoder.encodeInto(rest, out.subarray(at));
      at += written;
      if (read === rest.length) return at - start;
      rest = rest.slice(read);
      const grown = new Uint8Array(Math.max(out.byteLength * 2, at + rest.length * 3));
      grown.set(out.subarray(0, at));
      out = grown;
    }
  };
  let framed: FeedFrameAnswer = answer;
  if (items.length > 0 && 'index' in answer && answer.result.ok && answer.result.value.status === 'ok') {
    const { value } = answer.result;
    const lifted = items.map((item) => {
      const copy: Record<string, unknown> = { ...item };
      for (const field of LIFTED) if (typeof item[field] === 'string') copy[field] = write(item[field]);
      return copy;
    });
    framed = { index: answer.index, result: { ok: true, value: { ...value, feed: { ...value.feed, items: lifted } } } } as FeedFrameAnswer;
  }
  const textBytes = at - HEADER_BYTES;
  const jsonBytes = write(JSON.stringify(framed));
  const view = new DataView(out.buffer, out.byteOffset);
  view.setUint32(0, textBytes, true);
  view.setUint32(4, jsonBytes, true);
  return out.subarray(0, at);
}

/** The items of an ok feed answer (whose texts travel in the text part); none for any other answer. */
function feedItems(answer: FeedFrameAnswer): readonly ParsedItem[] {
  if (!('index' in answer) || !answer.result.ok || answer.result.value.status !== 'ok') return [];
  return answer.result.value.feed.items;
}

/**
 * Takes the answer's bytes as they arrive, in chunks cut anywhere, and gives each frame's answer once it is whole. A
 * frame whole in its chunk is decoded where it lies; one that spans chunks is gathered in one buffer kept for the
 * reader's life (a fresh buffer per such frame was fresh memory, page faults and all, for a frame dead once decoded).
 * Nothing of a chunk is kept once push has given its answers: the caller may read the next chunk into the same memory.
 */
export class FeedFrameReader {
  /** The frame begun in an earlier chunk: its first `gatheredBytes` bytes, header included. */
  private gathered = new Uint8Array(0);
  private gatheredBytes = 0;

  /** The answers completed by `chunk`, one by one: those before a broken frame are given before its error is thrown. */
  *push(chunk: Uint8Array): Generator<FeedFrameAnswer> {
    let at = 0;
    if (this.gatheredBytes > 0) {
      at = this.gather(chunk, 0, HEADER_BYTES);
      if (this.gatheredBytes < HEADER_BYTES) return;
      const size = frameSize(this.gathered, 0);
      at = this.gather(chunk, at, size);
      if (this.gatheredBytes < size) return;
      this.gatheredBytes = 0;
      yield decodeFrame(this.gathered.subarray(0, size));
    }
    while (chunk.byteLength - at >= HEADER_BYTES) {
      const size = frameSize(chunk, at);
      if (chunk.byteLength - at < size) break;
      yield decodeFrame(chunk.subarray(at, at + size));
      at += size;
    }
    this.gather(chunk, at, chunk.byteLength - at);
  }

  /** Call at the end of the stream: bytes left over are a frame cut short. */
  finish(): void {
    if (this.gatheredBytes > 0) throw new FeedFrameError('The host’s answer ended in the middle of a frame.');
  }

  /** Copies bytes of `chunk` from `at` until `want` bytes are gathered (or the chunk ends); returns where it stopped. */
  private gather(chunk: Uint8Array, at: number, want: number): number {
    const count = Math.min(want - this.gatheredBytes, chunk.byteLength - at);
    if (count <= 0) return at;
    if (this.gathered.byteLength < want) {
      // Grown to the biggest frame seen (at least twice what it was), so a batch's frames share one buffer.
      const grown = new Uint8Array(Math.max(want, this.gathered.byteLength * 2));
      grown.set(this.gathered.subarray(0, this.gatheredBytes));
      this.gathered = grown;
    }
    this.gathered.set(chunk.subarray(at, at + count), this.gatheredBytes);
    this.gatheredBytes += count;
    return at + count;
  }
}

/** The whole size of the frame whose header starts at `at`: header, text and JSON; a header no answer has is an error. */
function frameSize(bytes: Uint8Array, at: number): number {
  const text = u32(bytes, at);
  const json = u32(bytes, at + 4);
  if (json === 0 || json + text > MAX_FRAME_BYTES) throw new FeedFrameError(`The host sent a malformed frame header (${text} + ${json} bytes).`);
  return HEADER_BYTES + text + json;
}

// fatal: bytes that are not UTF-8 make a malformed answer, not replacement characters; ignoreBOM: a text starting
// with U+FEFF keeps it (its length counts it).
const decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

const HostErrorSchema = v.looseObject({ kind: v.string(), message: v.string() });
const optionalString = v.optional(v.string());
const optionalNumber = v.optional(v.number());
/** An item as framed: `content` and `summary` are lengths into the text part. */
const FramedItemSchema = v.looseObject({
  guid: optionalString,
  url: optionalString,
  title: optionalString,
  author: optionalString,
  summary: v.optional(v.pipe(v.number(), v.integer(), v.minValue(0))),
  content: v.optional(v.pipe(v.number(), v.integer(), v.minValue(0))),
  published: optionalNumber,
  updated: optionalNumber,
  categories: v.array(v.string()),
  enclosures: v.array(v.looseObject({ url: v.string(), type: optionalString, length: optionalNumber })),
  imageUrl: optionalString,
});
const ResponseBase = { finalUrl: v.string(), permanentUrl: optionalString, etag: optionalString, lastModified: optionalString, maxAgeSeconds: optionalNumber };
const FramedFeedResultSchema = v.variant('ok', [
  v.looseObject({ ok: v.literal(false), error: HostErrorSchema }),
  v.looseObject({
    ok: v.literal(true),
    value: v.variant('status', [
      v.looseObject({ ...ResponseBase, status: v.literal('not-modified') }),
      v.looseObject({
        ...ResponseBase,
        status: v.literal('ok'),
        bodyHash: v.string(),
        feed: v.looseObject({
          format: v.picklist(['rss', 'rdf', 'atom', 'json']),
          title: v.string(),
          categories: v.optional(v.array(v.string())),
          items: v.array(FramedItemSchema),
        }),
      }),
    ]),
  }),
]);
const EndResultSchema = v.variant('ok', [v.looseObject({ ok: v.literal(true) }), v.looseObject({ ok: v.literal(false), error: HostErrorSchema })]);

function u32(bytes: Uint8Array, at: number): number {
  return new DataView(bytes.buffer, bytes.byteOffset + at, 4).getUint32(0, true);
}

/** The answer of a whole frame (header included; its size checked by frameSize). */
function decodeFrame(whole: Uint8Array): FeedFrameAnswer {
  const textBytes = u32(whole, 0);
  const frame = whole.subarray(HEADER_BYTES);
  let line: unknown;
  try {
    line = JSON.parse(decoder.decode(frame.subarray(textBytes)));
  } catch {
    throw new FeedFrameError('The host sent a frame that is not JSON.');
  }
  if (typeof line !== 'object' || line === null) throw new FeedFrameError('The host sent a frame that is not an answer.');
  const { index, result } = line as { index?: unknown; result?: unknown };
  const text = frame.subarray(0, textBytes);
  if (index === undefined) {
    if (text.byteLength > 0 || !v.is(EndResultSchema, result)) throw new FeedFrameError('The host ended the batch with a malformed answer.');
    return { result: result as HostResult<unknown> };
  }
  if (typeof index !== 'number' || !Number.isInteger(index) || index < 0) throw new FeedFrameError('The host sent an answer without a feed index.');
  const restored = restoreTexts(result, text);
  return { index, result: typeof restored === 'string' ? malformed(restored) : restored };
}

/** The feed result with its item texts put back, or why it is malformed. */
function restoreTexts(result: unknown, bytes: Uint8Array): HostResult<FeedResponse> | string {
  if (!v.is(FramedFeedResultSchema, result)) return 'its result is not a feed result';
  if (!result.ok || result.value.status !== 'ok') return bytes.byteLength === 0 ? (result as HostResult<FeedResponse>) : 'text for a feed without items';
  let at = 0;
  for (const item of result.value.feed.items as Record<string, unknown>[]) {
    for (const field of LIFTED) {
      const length = item[field];
      if (length === undefined) continue;
      const end = at + (length as number);
      if (end > bytes.byteLength) return 'its texts are longer than the text sent';
      try {
        item[field] = decoder.decode(bytes.subarray(at, end));
      } catch {
        return 'a text is not UTF-8';
      }
      at = end;
    }
  }
  if (at !== bytes.byteLength) return 'its texts are shorter than the text sent';
  return result as HostResult<FeedResponse>;
}

function malformed(reason: string): { ok: false; error: HostError } {
  return { ok: false, error: { kind: 'unavailable', message: `The Broadsheet host sent a malformed answer for this feed (${reason}).` } };
}
