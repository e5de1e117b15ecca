import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { decodeImageResult, encodeImageResult, isImageContentType, sniffImageType, base64ToBytes, bytesToBase64 } from '../../../../shared/offline';

const images = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../fixtures/images');
const fixture = (name: string) => new Uint8Array(readFileSync(path.join(images, name)));
const text = (value: string) => new TextEncoder().encode(value);

describe('sniffImageType', () => {
  it.each([
    ['photo.png', 'image/png'],
    ['photo.jpg', 'image/jpeg'],
    ['two-colours.gif', 'image/gif'],
    ['photo.webp', 'image/webp'],
  ])('recognises %s', (file, type) => {
    expect(sniffImageType(fixture(file))).toBe(type);
  });
  it('recognises an AVIF ftyp box', () => {
    const avif = new Uint8Array([0, 0, 0, 0x1c, ...text('ftypavif'), 0, 0, 0, 0, ...text('avifmif1miaf')]);
    expect(sniffImageType(avif)).toBe('image/avif');
    const heic = new Uint8Array([0, 0, 0, 0x18, ...text('ftypheic'), 0, 0, 0, 0, ...text('mif1heic')]);
    expect(sniffImageType(heic)).toBeNull();
  });
  it('recognises an ICO file (site favicons) and refuses a cursor or an empty directory', () => {
    const icon = new Uint8Array([0, 0, 1, 0, 1, 0, 16, 16, 0, 0, 1, 0, 32, 0, 0x68, 4, 0, 0, 22, 0, 0, 0]);
    expect(sniffImageType(icon)).toBe('image/x-icon');
    expect(sniffImageType(new Uint8Array([0, 0, 2, 0, 1, 0, 16, 16]))).toBeNull();
    expect(sniffImageType(new Uint8Array([0, 0, 1, 0, 0, 0]))).toBeNull();
    expect(sniffImageType(new Uint8Array([0, 0, 1, 0]))).toBeNull();
  });
  it.each([
    ['a script', 'alert(document.cookie)'],
    ['an HTML page', '<!doctype html><html><body>hi</body></html>'],
    ['an SVG', '<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'],
    ['nothing', ''],
    ['a truncated PNG signature', '\x89PN'],
  ])('refuses %s', (_name, body) => {
    expect(sniffImageType(text(body))).toBeNull();
  });
});

describe('isImageContentType', () => {
  it('lets image types and octet-stream through, refuses SVG and text', () => {
    expect(isImageContentType('image/jpeg; charset=binary')).toBe(true);
    expect(isImageContentType(null)).toBe(true);
    expect(isImageContentType('application/octet-stream')).toBe(true);
    expect(isImageContentType('image/svg+xml')).toBe(false);
    expect(isImageContentType('text/html')).toBe(false);
  });
});

describe('base64 transport', () => {
  it('round-trips every byte value and a large image', () => {
    const all = new Uint8Array(256).map((_, index) => index);
    expect(base64ToBytes(bytesToBase64(all))).toEqual(all);
    const big = new Uint8Array(300_000).map((_, index) => (index * 31) % 256);
    expect(base64ToBytes(bytesToBase64(big))).toEqual(big);
  });
  it('round-trips a fetchImage result through JSON', () => {
    const bytes = fixture('photo.png');
    const wire = JSON.parse(JSON.stringify(encodeImageResult({ ok: true, value: { bytes, contentType: 'image/png', finalUrl: 'https://x.example/a.png' } }))) as unknown;
    const decoded = decodeImageResult(wire);
    expect(decoded.ok && decoded.value).toEqual({ bytes, contentType: 'image/png', finalUrl: 'https://x.example/a.png' });
  });
  it('passes errors through and refuses malformed answers', () => {
    const error = { ok: false as const, error: { kind: 'not-an-image' as const, message: 'no' } };
    expect(decodeImageResult(JSON.parse(JSON.stringify(encodeImageResult(error))))).toEqual(error);
    expect(decodeImageResult({ ok: true, value: { base64: '%%%', contentType: 'image/png', finalUrl: 'x' } })).toMatchObject({ ok: false, error: { kind: 'unavailable' } });
    expect(decodeImageResult('nonsense')).toMatchObject({ ok: false });
  });
});
