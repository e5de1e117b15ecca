import { IDBFactory } from 'fake-indexeddb';
import { describe, expect, it, vi } from 'vitest';
import { createSearchWorkerHandler } from '../../../../shared/search/worker-handler';
import { createLibraryIndexer } from '../../../../renderer/search/library-indexer';
import { createSnapshotStore, FILE_HEADER_BYTES, type SnapshotDirectory, type SyncFile } from '../../../../renderer/search/snapshot-store';
import { freshDb, T0 } from '../../shared/db/test-db';
import { article, searchIds } from './library-articles';

/**
 * Node has no Origin Private File System: this directory keeps files in memory with the same synchronous access
 * handle calls (read/write at an offset, truncate, getSize), exclusive as OPFS's are (a second open of a file whose
 * handle is not closed yet fails with NoModificationAllowedError). The real one is driven by
 * tests/e2e/search-restart.spec.ts.
 */
function memoryDirectory(): SnapshotDirectory & { files: Map<string, Uint8Array>; refused: number } {
  const files = new Map<string, Uint8Array>();
  const open = new Set<string>();
  const directory: SnapshotDirectory & { files: Map<string, Uint8Array>; refused: number } = {
    files,
    refused: 0,
    async getFileHandle(name, options) {
      if (!files.has(name)) {
        if (!options?.create) throw new DOMException('no such file', 'NotFoundError');
        files.set(name, new Uint8Array(0));
      }
      return {
        createSyncAccessHandle: async (): Promise<SyncFile> => {
          if (open.has(name)) {
            directory.refused += 1;
            throw new DOMException('held by another handle', 'NoModificationAllowedError');
          }
          open.add(name);
          const grow = (size: number) => {
            const old = files.get(name)!;
            if (old.byteLength >= size) return old;
            const bigger = new Uint8Array(size);
            bigger.set(old);
            files.set(name, bigger);
            return bigger;
          };
          return {
            read(buffer, at) {
              const data = files.get(name)!;
              const from = at?.at ?? 0;
              const part = data.subarray(from, from + buffer.byteLength);
              buffer.set(part);
              return part.byteLength;
            },
            write(buffer, at) {
              const from = at?.at ?? 0;
              grow(from + buffer.byteLength).set(buffer, from);
              return buffer.byteLength;
            },
            truncate(size) {
              files.set(name, grow(size).slice(0, size));
            },
            getSize: () => files.get(name)!.byteLength,
            flush: () => undefined,
            close: () => void open.delete(name),
          };
        },
      };
    },
  };
  return directory;
}

/** Builds and saves an index of two articles, then opens the library again in a new Worker's indexer. */
async function savedLibrary(directory: SnapshotDirectory | null) {
  const factory = new IDBFactory();
  const db = freshDb(factory, 'lib');
  await db.articles.bulkPut([article(1, T0, 'Harbour reopens'), article(2, T0, 'Council meets')]);
  const first = createLibraryIndexer(createSearchWorkerHandler(), () => freshDb(factory, 'lib'), { snapshotDirectory: async () => directory });
  await first.open('lib');
  await first.save();
  const reopen = async () => {
    const handle = createSearchWorkerHandler();
    const indexer = createLibraryIndexer(handle, () => freshDb(factory, 'lib'), { snapshotDirectory: async () => directory });
    return { opened: await indexer.open('lib'), handle };
  };
  return { db, reopen };
}

describe('the saved search index', () => {
  it('keeps the bytes in a file when there is a file system, and the library row only names that save', async () => {
    const directory = memoryDirectory();
    const { db, reopen } = await savedLibrary(directory);
    const row = await db.searchSnapshots.get('main');
    expect(row?.bytes.byteLength).toBe(0);
    expect(row?.file?.length).toBeGreaterThan(100);
    expect(directory.files.get(row!.file!.name)?.byteLength).toBe(FILE_HEADER_BYTES + row!.file!.length);
    const { opened, handle } = await reopen();
    expect(opened).toEqual({ size: 2, source: 'snapshot', caughtUp: 0 });
    expect(searchIds(handle, 'harbour')).toEqual(['feed1:1']);
  });

  it('after a reload, waits for the old window\'s Worker to let go of the file instead of rebuilding', async () => {
    const directory = memoryDirectory();
    const { db, reopen } = await savedLibrary(directory);
    const name = (await db.searchSnapshots.get('main'))!.file!.name;
    // The old page's Worker still holds the file as the new one starts.
    const held = await (await directory.getFileHandle(name)).createSyncAccessHandle();
    const reopening = reopen();
    await vi.waitFor(() => expect(directory.refused).toBeGreaterThan(0));
    held.close();
    const { opened, handle } = await reopening;
    expect(opened).toEqual({ size: 2, source: 'snapshot', caughtUp: 0 });
    expect(searchIds(handle, 'harbour')).toEqual(['feed1:1']);
  });

  it('keeps the bytes in the library row where there is no file system, and loads them from there', async () => {
    const { db, reopen } = await savedLibrary(null);
    const row = await db.searchSnapshots.get('main');
    expect(row?.file).toBeUndefined();
    expect(row?.bytes.byteLength).toBeGreaterThan(100);
    expect((await reopen()).opened).toEqual({ size: 2, source: 'snapshot', caughtUp: 0 });
  });

  it('rebuilds, with the right results, when the file was cut short', async () => {
    const directory = memoryDirectory();
    const { db, reopen } = await savedLibrary(directory);
    const name = (await db.searchSnapshots.get('main'))!.file!.name;
    directory.files.set(name, directory.files.get(name)!.slice(0, 200));
    const { opened, handle } = await reopen();
    expect(opened).toEqual({ size: 2, source: 'built', caughtUp: 2 });
    expect(searchIds(handle, 'council')).toEqual(['feed1:2']);
  });

  it('reads the file a section at a time, each into a buffer of its own, and loads those as they are', async () => {
    const directory = memoryDirectory();
    const { db } = await savedLibrary(directory);
    const file = directory.files.get((await db.searchSnapshots.get('main'))!.file!.name)!;
    const saved = await createSnapshotStore(db, directory).read();
    expect(saved?.from).toBe('file');
    const sections = saved!.bytes as Uint8Array[];
    expect(Array.isArray(sections)).toBe(true);
    expect(new Set(sections.map((s) => s.buffer)).size).toBe(sections.length);
    // Magic, then each section after its length: together, the file after its header.
    const joined: number[] = [...sections[0]!];
    for (const s of sections.slice(1)) joined.push(...new Uint8Array(new Uint32Array([s.byteLength]).buffer), ...s);
    expect(joined).toEqual([...file.subarray(FILE_HEADER_BYTES)]);
  });

  it('rebuilds, with the right results, when a section claims to run past the end of the file', async () => {
    const directory = memoryDirectory();
    const { db, reopen } = await savedLibrary(directory);
    const bytes = directory.files.get((await db.searchSnapshots.get('main'))!.file!.name)!;
    // The first section's length (right after the file header and the magic).
    new DataView(bytes.buffer, bytes.byteOffset).setUint32(FILE_HEADER_BYTES + 4, bytes.byteLength, true);
    const { opened, handle } = await reopen();
    expect(opened).toEqual({ size: 2, source: 'built', caughtUp: 2 });
    expect(searchIds(handle, 'council')).toEqual(['feed1:2']);
  });

  it('rebuilds when the file holds another save (a save cut short, or a library made anew beside an old file)', async () => {
    const directory = memoryDirectory();
    const { db, reopen } = await savedLibrary(directory);
    const name = (await db.searchSnapshots.get('main'))!.file!.name;
    const bytes = directory.files.get(name)!;
    bytes[5] = bytes[5]! ^ 0xff; // the header's generation
    expect((await reopen()).opened.source).toBe('built');
    // The rebuild saves again, and that save is used next time.
    const again = await reopen();
    expect(again.opened.source).toBe('snapshot');
    expect(searchIds(again.handle, 'harbour')).toEqual(['feed1:1']);
  });

  it('rebuilds when the file is gone or the file system is not there any more', async () => {
    const directory = memoryDirectory();
    const { db, reopen } = await savedLibrary(directory);
    directory.files.clear();
    expect((await reopen()).opened.source).toBe('built');
    const store = createSnapshotStore(db, null);
    await db.searchSnapshots.put({ key: 'main', bytes: new Uint8Array(0), file: { name: 'x', generation: [1, 2], length: 9 }, coversFetchedAt: T0, savedAt: T0 });
    expect(await store.read()).toBeNull();
  });

  it('rebuilds when the snapshot is of an old format or damaged bytes', async () => {
    for (const bytes of [new TextEncoder().encode('BSX1{"version":1}'), new Uint8Array([66, 83, 88, 50, 255, 255, 255, 255, 1, 2])]) {
      const { db, reopen } = await savedLibrary(null);
      await db.searchSnapshots.put({ key: 'main', bytes, coversFetchedAt: T0 + 10, savedAt: T0 });
      const { opened, handle } = await reopen();
      expect(opened).toEqual({ size: 2, source: 'built', caughtUp: 2 });
      expect(searchIds(handle, 'meets')).toEqual(['feed1:2']);
    }
  });
});
