/** fetchEnclosureRange over real HTTP: one Range request per call, sizes from Content-Range, limits, bad arguments. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EnclosureRangeResponse, HostResult } from '../../../../shared/host';
import { validateHostArgs } from '../../../../shared/host-schema';
import { fetchEnclosureRange, MAX_ENCLOSURE_CHUNK_BYTES, totalFromContentRange } from '../../../../shared/net/fetch-range';
import { startFeedServer, type FeedServer } from '../../../support/feed-server';
import { baseOptions } from './helpers';

const FILE = Uint8Array.from({ length: 10_000 }, (_, i) => i % 251);
let server: FeedServer;
const ranges: (string | undefined)[] = [];

beforeAll(async () => {
  server = await startFeedServer();
  server.route('/ranged.mp3', (req, res) => {
    ranges.push(req.headers.range);
    const match = /^bytes=(\d+)-(\d+)$/.exec(req.headers.range ?? '');
    if (!match) {
      res.writeHead(200, { 'content-type': 'audio/mpeg', 'content-length': String(FILE.length) });
      res.end(FILE);
      return;
    }
    const start = Number(match[1]);
    const end = Math.min(Number(match[2]), FILE.length - 1);
    res.writeHead(206, { 'content-type': 'audio/mpeg', 'content-range': `bytes ${start}-${end}/${FILE.length}` });
    res.end(FILE.subarray(start, end + 1));
  });
  server.route('/whole.mp3', (_req, res) => {
    res.writeHead(200, { 'content-type': 'audio/mpeg; charset=binary' });
    res.end(FILE);
  });
  server.route('/huge-whole.mp3', (_req, res) => {
    res.writeHead(200, { 'content-type': 'audio/mpeg', 'content-length': String(65 * 1024 * 1024) });
    res.end();
  });
  server.route('/liar.mp3', (_req, res) => {
    // Says 206 but sends more than was asked for.
    res.writeHead(206, { 'content-type': 'audio/mpeg', 'content-range': 'bytes 0-99/10000' });
    res.end(FILE);
  });
  server.route('/page.html', (_req, res) => {
    res.writeHead(200, { 'content-type': 'text/html' });
    res.end('<p>not audio</p>');
  });
  server.route('/moved.mp3', (_req, res) => {
    res.writeHead(302, { location: '/ranged.mp3' });
    res.end();
  });
});
afterAll(async () => {
  await server.close();
});

function expectOk(result: HostResult<EnclosureRangeResponse>): EnclosureRangeResponse {
  if (!result.ok) throw new Error(`expected ok, got ${result.error.kind}: ${result.error.message}`);
  return result.value;
}

describe('fetchEnclosureRange', () => {
  it('asks for exactly the requested bytes and reports the whole size from Content-Range', async () => {
    ranges.length = 0;
    const part = expectOk(await fetchEnclosureRange(`${server.origin}/ranged.mp3`, 100, 50, baseOptions()));
    expect(ranges).toEqual(['bytes=100-149']);
    expect([...part.bytes]).toEqual([...FILE.subarray(100, 150)]);
    expect(part).toMatchObject({ contentType: 'audio/mpeg', totalBytes: 10_000, finalUrl: `${server.origin}/ranged.mp3` });
  });

  it('returns the short last slice when the range runs past the end', async () => {
    const part = expectOk(await fetchEnclosureRange(`${server.origin}/ranged.mp3`, 9_990, 100, baseOptions()));
    expect([...part.bytes]).toEqual([...FILE.subarray(9_990)]);
    expect(part.totalBytes).toBe(10_000);
  });

  it('sends the Range again after a redirect', async () => {
    ranges.length = 0;
    const part = expectOk(await fetchEnclosureRange(`${server.origin}/moved.mp3`, 0, 10, baseOptions()));
    expect(ranges).toEqual(['bytes=0-9']);
    expect(part.finalUrl).toBe(`${server.origin}/ranged.mp3`);
  });

  it('accepts a server that ignores Range and sends the whole file, reporting its length as the total', async () => {
    const whole = expectOk(await fetchEnclosureRange(`${server.origin}/whole.mp3`, 0, 100, baseOptions()));
    expect(whole.bytes.byteLength).toBe(10_000);
    expect(whole.totalBytes).toBe(10_000);
    expect(whole.contentType).toBe('audio/mpeg');
  });

  it('refuses a whole-file answer to a later slice (it cannot be stitched)', async () => {
    const result = await fetchEnclosureRange(`${server.origin}/whole.mp3`, 4096, 100, baseOptions());
    expect(result.ok).toBe(false);
  });

  it('refuses a whole file larger than 64 MiB', async () => {
    const result = await fetchEnclosureRange(`${server.origin}/huge-whole.mp3`, 0, 100, baseOptions());
    expect(!result.ok && result.error.kind).toBe('too-large');
  });

  it('refuses a partial answer longer than the requested length', async () => {
    const result = await fetchEnclosureRange(`${server.origin}/liar.mp3`, 0, 100, baseOptions());
    expect(!result.ok && result.error.kind).toBe('too-large');
  });

  it('refuses something that is not audio or video', async () => {
    const result = await fetchEnclosureRange(server.url('/page.html'), 0, 100, baseOptions());
    expect(!result.ok && result.error.message).toMatch(/not an audio or video file \(it is text\/html\)/);
  });

  it('refuses invalid ranges without fetching', async () => {
    for (const [start, length] of [[-1, 10], [0, 0], [0, MAX_ENCLOSURE_CHUNK_BYTES + 1], [1.5, 10], [0, Number.NaN]] as const) {
      const result = await fetchEnclosureRange(`${server.origin}/ranged.mp3`, start, length, baseOptions());
      expect(!result.ok && result.error.kind).toBe('invalid-argument');
    }
  });
});

describe('fetchEnclosureRange arguments at the host boundary', () => {
  it('accepts an http URL, a start and a chunk of up to 4 MiB', () => {
    expect(validateHostArgs('fetchEnclosureRange', ['https://example.com/e.mp3', 0, 4 * 1024 * 1024]).ok).toBe(true);
  });

  it.each([
    ['a file: URL', ['file:///etc/passwd', 0, 10]],
    ['a negative start', ['https://example.com/e.mp3', -1, 10]],
    ['a fractional start', ['https://example.com/e.mp3', 0.5, 10]],
    ['a zero length', ['https://example.com/e.mp3', 0, 0]],
    ['a chunk over 4 MiB', ['https://example.com/e.mp3', 0, 4 * 1024 * 1024 + 1]],
    ['a string length', ['https://example.com/e.mp3', 0, '10']],
    ['a missing length', ['https://example.com/e.mp3', 0]],
    ['an extra argument', ['https://example.com/e.mp3', 0, 10, 1]],
  ])('refuses %s', (_name, args) => {
    const result = validateHostArgs('fetchEnclosureRange', args);
    expect(!result.ok && result.error.kind).toBe('invalid-argument');
  });
});

describe('totalFromContentRange', () => {
  it('reads the complete length, and nothing from an unknown or malformed one', () => {
    expect(totalFromContentRange('bytes 0-99/1234')).toBe(1234);
    expect(totalFromContentRange('bytes 0-99/*')).toBeNull();
    expect(totalFromContentRange('items 0-1/2')).toBeNull();
    expect(totalFromContentRange(null)).toBeNull();
  });
});
