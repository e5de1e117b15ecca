import { describe, expect, it } from 'vitest';
import type { FeedResponse, HostResult } from '../../../shared/host';
import type { FeedFrameAnswer } from '../../../shared/host-feed-frames';
import { encodeFeedFrame, encodeFeedFrameInto, FeedFrameError, FeedFrameReader, MAX_FRAME_BYTES } from '../../../shared/host-feed-frames';
import type { ParsedItem } from '../../../shared/feeds/types';
import { concatBytes } from '../../support/feed-server/fixtures';

const item = (overrides: Partial<ParsedItem>): ParsedItem => ({ guid: 'g', url: 'https://a.example/p', title: 'T', categories: [], enclosures: [], ...overrides });

function feedAnswer(index: number, items: ParsedItem[]): FeedFrameAnswer {
  const result: HostResult<FeedResponse> = {
    ok: true,
    value: { status: 'ok', finalUrl: 'https://a.example/feed', etag: '"1"', bodyHash: 'ab', feed: { format: 'rss', title: 'Feed', items } },
  };
  return { index, result };
}

const answers: FeedFrameAnswer[] = [
  feedAnswer(0, [
    item({ content: '<p>Café – 東京 😀 "quoted" \\ back\nslash</p>', summary: 'short', published: 1, categories: ['a', 'b'] }),
    item({ title: 'no texts' }),
    item({ content: '', summary: '\uFEFFstarts with a byte order mark' }),
    item({ summary: 'only a summary 😀', enclosures: [{ url: 'https://a.example/e.mp3', type: 'audio/mpeg', length: 3 }] }),
  ]),
  { index: 2, result: { ok: true, value: { status: 'not-modified', finalUrl: 'https://b.example/feed', maxAgeSeconds: 60 } } },
  { index: 1, result: { ok: false, error: { kind: 'http', status: 404, message: 'Not found' } } },
  feedAnswer(3, [item({ content: '\uFEFFa first text that starts with a byte order mark' })]),
  feedAnswer(4, []),
  { result: { ok: true, value: null } },
];

function readAll(bytes: Uint8Array, size = bytes.byteLength): FeedFrameAnswer[] {
  const reader = new FeedFrameReader();
  const out: FeedFrameAnswer[] = [];
  for (let at = 0; at < bytes.byteLength; at += size) out.push(...reader.push(bytes.slice(at, at + size)));
  reader.finish();
  return out;
}

/** A frame written by hand: its text part and JSON part as given. */
function frameOf(json: unknown, text: string | Uint8Array = ''): Uint8Array {
  const jsonBytes = new TextEncoder().encode(typeof json === 'string' ? json : JSON.stringify(json));
  const textBytes = typeof text === 'string' ? new TextEncoder().encode(text) : text;
  const header = new DataView(new ArrayBuffer(8));
  header.setUint32(0, textBytes.byteLength, true);
  header.setUint32(4, jsonBytes.byteLength, true);
  return concatBytes(new Uint8Array(header.buffer), textBytes, jsonBytes);
}

const malformed = { ok: false, error: { kind: 'unavailable', message: expect.stringMatching(/malformed answer for this feed/) } };

describe('feed frames', () => {
  it('carry every answer unchanged, however the bytes are cut (inside a header, a character or between frames)', () => {
    const bytes = concatBytes(...answers.map(encodeFeedFrame));
    for (const size of [1, 2, 3, 5, 7, 8, 9, 64, 1000, bytes.byteLength]) expect(readAll(bytes, size)).toEqual(answers);
  });

  it('are the same bytes when written into a reused buffer: stale bytes, a view at an offset, or one too small', () => {
    const stale = new Uint8Array(1 << 16).fill(0xff);
    for (const answer of answers) {
      const expected = encodeFeedFrame(answer);
      const into = encodeFeedFrameInto(answer, stale);
      expect(into).toEqual(expected);
      expect(into.buffer).toBe(stale.buffer);
      // The next frame goes into the same buffer: the first is spent by then (the host waits for the socket).
      expect(encodeFeedFrameInto(answer, stale.subarray(8, 8 + 8192))).toEqual(expected);
      const small = encodeFeedFrameInto(answer, new Uint8Array(4));
      expect(small).toEqual(expected);
    }
    const long = feedAnswer(0, [item({ content: '東京'.repeat(10_000) })]);
    expect(encodeFeedFrameInto(long, stale.subarray(0, 1000))).toEqual(encodeFeedFrame(long));
    expect(readAll(concatBytes(...answers.map((answer) => encodeFeedFrameInto(answer, new Uint8Array(1 << 16)))))).toEqual(answers);
  });

  it('keep nothing of a chunk once its answers are given, so the caller may read the next chunk into the same memory', () => {
    const bytes = concatBytes(...answers.map(encodeFeedFrame));
    for (const size of [1, 3, 8, 9, 64, 1000, bytes.byteLength]) {
      const reader = new FeedFrameReader();
      const memory = new Uint8Array(size);
      const out: FeedFrameAnswer[] = [];
      for (let at = 0; at < bytes.byteLength; at += size) {
        const chunk = memory.subarray(0, Math.min(size, bytes.byteLength - at));
        chunk.set(bytes.subarray(at, at + chunk.byteLength));
        out.push(...reader.push(chunk));
        memory.fill(0xff);
      }
      reader.finish();
      expect(out).toEqual(answers);
    }
  });

  it('carry the long texts as UTF-8 outside the JSON, so the JSON part is small', () => {
    const content = `<p>${'word '.repeat(20_000)}</p>`;
    const frame = encodeFeedFrame(feedAnswer(0, [item({ content })]));
    const header = new DataView(frame.buffer, frame.byteOffset);
    expect(header.getUint32(0, true)).toBe(content.length);
    expect(header.getUint32(4, true)).toBeLessThan(500);
    expect(frame.byteLength).toBe(8 + header.getUint32(0, true) + header.getUint32(4, true));
    expect(readAll(frame)).toEqual([feedAnswer(0, [item({ content })])]);
  });

  it('send a lone surrogate as U+FFFD and keep the texts after it in place', () => {
    const [answer] = readAll(encodeFeedFrame(feedAnswer(0, [item({ content: 'a\uD800b', summary: 'after' })])));
    expect(answer).toEqual(feedAnswer(0, [item({ content: 'a\uFFFDb', summary: 'after' })]));
  });

  it('turn a malformed answer for a feed into an error for that feed, and go on with the next frames', () => {
    const good = encodeFeedFrame(feedAnswer(9, [item({ content: 'fine' })]));
    const framed = (items: unknown[], text: string | Uint8Array) => frameOf({ index: 4, result: { ok: true, value: { status: 'ok', finalUrl: 'u', bodyHash: 'h', feed: { format: 'rss', title: 'F', items } } } }, text);
    const cases = [
      framed([{ ...item({}), content: 5 }], 'abc'), // texts longer than sent
      framed([{ ...item({}), content: 2 }], 'abc'), // shorter
      framed([{ ...item({}), content: 'inline' }], ''), // a text not lifted
      framed([{ ...item({}), content: -1 }], ''),
      framed([{ ...item({}), title: 7 }], ''), // a field of the wrong type
      framed([{ guid: 'no categories or enclosures' }], ''),
      framed([{ ...item({}), content: 2 }], new Uint8Array([0xc3, 0x28])), // not UTF-8
      framed([{ ...item({}), content: 1, summary: 1 }], 'é'), // a length that cuts a character in two
      frameOf({ index: 4, result: { ok: true, value: { status: 'not-modified', finalUrl: 'u' } } }, 'text without items'),
      frameOf({ index: 4, result: { ok: 'yes' } }),
      frameOf({ index: 4 }),
    ];
    for (const bad of cases) {
      expect(readAll(concatBytes(bad, good))).toEqual([{ index: 4, result: malformed }, feedAnswer(9, [item({ content: 'fine' })])]);
    }
  });

  it('refuse what cannot be tied to a feed with a FeedFrameError', () => {
    const huge = new DataView(new ArrayBuffer(8));
    huge.setUint32(0, MAX_FRAME_BYTES, true);
    huge.setUint32(4, 1, true);
    const cases = [
      new Uint8Array(huge.buffer), // a header asking for more than any feed
      new Uint8Array(8), // an empty JSON part
      frameOf('not json'),
      frameOf('[1,2]'),
      frameOf({ index: 'one', result: { ok: true } }),
      frameOf({ index: 1.5, result: { ok: true } }),
      frameOf({ result: { ok: true, value: null } }, 'an end with text'),
      frameOf({ result: { nope: true } }),
    ];
    for (const bad of cases) expect(() => readAll(bad)).toThrow(FeedFrameError);
  });

  it('refuse an answer that ends in the middle of a frame', () => {
    const frame = encodeFeedFrame(answers[0] as FeedFrameAnswer);
    for (const cut of [3, 8, 20, frame.byteLength - 1]) expect(() => readAll(frame.slice(0, cut))).toThrow(/middle of a frame/);
  });
});
