import { describe, expect, it } from 'vitest';
import { jsonLines } from '../../../../renderer/host/json-lines';

function streamOf(chunks: Uint8Array[]): ReadableStream<Uint8Array> {
  let next = 0;
  return new ReadableStream({
    pull(controller) {
      if (next < chunks.length) controller.enqueue(chunks[next++] as Uint8Array);
      else controller.close();
    },
  });
}

async function collect(chunks: Uint8Array[]): Promise<unknown[]> {
  const out: unknown[] = [];
  for await (const line of jsonLines(streamOf(chunks))) out.push(line);
  return out;
}

const values = [{ index: 0, result: { ok: true, value: { title: 'Café – 東京 😀', items: ['a\nb'] } } }, { result: { ok: true, value: null } }, 42, 'x'];
const bytes = new TextEncoder().encode(`${values.map((value) => JSON.stringify(value)).join('\n')}\n`);

describe('jsonLines', () => {
  it('gives every line whole, however the bytes are cut (inside a line, a character or at a line feed)', async () => {
    for (const size of [1, 2, 3, 5, 7, 16, 64, bytes.byteLength]) {
      const chunks: Uint8Array[] = [];
      for (let offset = 0; offset < bytes.byteLength; offset += size) chunks.push(bytes.slice(offset, offset + size));
      expect(await collect(chunks)).toEqual(values);
    }
  });

  it('reads a last line without its line feed and skips blank lines', async () => {
    const text = '\n{"a":1}\n\n  \n{"b":2}';
    expect(await collect([new TextEncoder().encode(text)])).toEqual([{ a: 1 }, { b: 2 }]);
    expect(await collect([])).toEqual([]);
  });

  it('throws on a line that is not JSON, as the caller expects of a broken answer', async () => {
    await expect(collect([new TextEncoder().encode('{"a":1}\nnot json\n')])).rejects.toThrow(SyntaxError);
  });
});
