/** Reads an .opml file handed to the app (command line, Finder, file association) for the renderer to import. */
import { open } from 'node:fs/promises';
import type { Result } from '../shared/result';
import { err, ok } from '../shared/result';

export const MAX_OPML_BYTES = 5 * 1024 * 1024;

export async function readOpmlFile(file: string, maxBytes: number = MAX_OPML_BYTES): Promise<Result<string, string>> {
  let handle: Awaited<ReturnType<typeof open>> | undefined;
  try {
    handle = await open(file, 'r');
    const stats = await handle.stat();
    if (!stats.isFile()) return err(`${file} is not a file`);
    if (stats.size > maxBytes) return err(`${file} is larger than ${Math.round(maxBytes / 1024 / 1024)} MiB`);
    // Read at most one byte past the limit, in case the file grew since stat.
    const buffer = new Uint8Array(maxBytes + 1);
    let length = 0;
    while (length < buffer.length) {
      const { bytesRead } = await handle.read(buffer, length, buffer.length - length, length);
      if (bytesRead === 0) break;
      length += bytesRead;
    }
    if (length > maxBytes) return err(`${file} is larger than ${Math.round(maxBytes / 1024 / 1024)} MiB`);
    // OPML is XML and almost always UTF-8; the decoder drops a BOM.
    return ok(new TextDecoder('utf-8').decode(buffer.subarray(0, length)));
  } catch (cause) {
    return err(`${file} could not be read: ${cause instanceof Error ? cause.message : String(cause)}`);
  } finally {
    await handle?.close();
  }
}
