/**
 * Where the search Worker keeps its saved index between runs. Reading one ~100 MB IndexedDB value took seconds at
 * 100,000 articles, so where the Worker has the Origin Private File System (OPFS) the bytes go to a file read with
 * a synchronous access handle (one native read), and the library's `searchSnapshots` row only says which file and
 * which save it is. Without OPFS (tests in Node, a browser without it, a file another window holds) the bytes stay
 * in the row as before.
 *
 * The file and the row must agree, or the snapshot is not used (the index is rebuilt): the file starts with a
 * header holding a random generation and the snapshot's length, and the row names the same generation and length.
 * A save first zeroes the header, then writes the bytes, then the header, then the row, so a save cut short at any
 * step (or a library deleted and made anew beside an old file) never pairs a row with bytes of another save.
 */
import type { BroadsheetDb, SearchSnapshotFile } from '../../shared/db';
import type { SnapshotSections } from '../../shared/search/snapshot';

export const SNAPSHOT_KEY = 'main';
const FILE_MAGIC = 0x46585342; // "BSXF" little-endian
export const FILE_HEADER_BYTES = 16;

export interface SavedSnapshot {
  /** The snapshot whole (from the row), or from the file split at its sections, each read into its own buffer. */
  bytes: Uint8Array | SnapshotSections;
  /** Articles fetched after this are not in the snapshot. */
  coversFetchedAt: number;
  /** Where the bytes came from (the figure for start-up). */
  from: 'file' | 'row';
}

/** The parts of OPFS used here (a dedicated Worker's `navigator.storage.getDirectory()`). */
export interface SnapshotDirectory {
  getFileHandle(name: string, options?: { create?: boolean }): Promise<{ createSyncAccessHandle(): Promise<SyncFile> }>;
}

export interface SyncFile {
  read(buffer: Uint8Array, options?: { at?: number }): number;
  write(buffer: Uint8Array, options?: { at?: number }): number;
  truncate(size: number): void;
  getSize(): number;
  flush(): void;
  close(): void;
}

/** The header a file of this save starts with. */
export function fileHeader(file: SearchSnapshotFile): Uint8Array {
  const header = new Uint8Array(FILE_HEADER_BYTES);
  const view = new DataView(header.buffer);
  view.setUint32(0, FILE_MAGIC, true);
  view.setUint32(4, file.generation[0], true);
  view.setUint32(8, file.generation[1], true);
  view.setUint32(12, file.length, true);
  return header;
}

/** True when a file of `size` bytes starting with `header` holds the save the row describes. */
export function fileMatches(header: Uint8Array, size: number, file: SearchSnapshotFile): boolean {
  if (header.byteLength < FILE_HEADER_BYTES || size !== FILE_HEADER_BYTES + file.length) return false;
  const view = new DataView(header.buffer, header.byteOffset, FILE_HEADER_BYTES);
  return (
    view.getUint32(0, true) === FILE_MAGIC &&
    view.getUint32(4, true) === file.generation[0] &&
    view.getUint32(8, true) === file.generation[1] &&
    view.getUint32(12, true) === file.length
  );
}

/** The Worker's OPFS directory, or null where there is none (Node, the page's main thread, older browsers). */
export async function workerDirectory(): Promise<SnapshotDirectory | null> {
  try {
    const storage = (globalThis.navigator as { storage?: { getDirectory?: () => Promise<unknown> } } | undefined)?.storage;
    const handleType = (globalThis as { FileSystemFileHandle?: { prototype: object } }).FileSystemFileHandle;
    if (!storage?.getDirectory || !handleType || !('createSyncAccessHandle' in handleType.prototype)) return null;
    return (await storage.getDirectory()) as SnapshotDirectory;
  } catch {
    return null;
  }
}

export interface SnapshotStore {
  /** The saved snapshot, or null when there is none or it cannot be trusted (then the index is rebuilt). */
  read(): Promise<SavedSnapshot | null>;
  write(bytes: Uint8Array, coversFetchedAt: number): Promise<void>;
}

/** A snapshot file as read before the row that vouches for it: its header and the snapshot's sections. */
interface FileRead {
  header: Uint8Array;
  size: number;
  sections: SnapshotSections;
}

/**
 * The snapshot after the file's header, a section per read into a buffer of its own (its magic, then each section
 * after its uint32 length), so loading keeps the buffers as they are; null when the sections overrun `end`.
 */
function readSections(access: SyncFile, end: number): Uint8Array[] | null {
  const sections: Uint8Array[] = [];
  const length = new Uint8Array(4);
  const lengthView = new DataView(length.buffer);
  let at = FILE_HEADER_BYTES;
  for (let first = true; at < end; first = false) {
    let size = 4;
    if (!first) {
      if (at + 4 > end || access.read(length, { at }) !== 4) return null;
      size = lengthView.getUint32(0, true);
      at += 4;
    }
    if (at + size > end) return null;
    const section = new Uint8Array(size);
    if (access.read(section, { at }) !== size) return null;
    sections.push(section);
    at += size;
  }
  return sections;
}

/** Waits between tries to open a file another Worker still holds: about two seconds in all, far less than a rebuild. */
const HELD_FILE_RETRY_MS = [25, 50, 100, 200, 300, 400, 400, 500];

/**
 * A synchronous access handle is exclusive, and a reloaded window's new Worker starts before the old one's handle is
 * released (the old Worker is torn down after the new page begins). Opening then fails with NoModificationAllowedError;
 * without waiting, the saved index would be thrown away and rebuilt (seconds at 100,000 articles) on a plain reload.
 * There is no event for the release, so it tries again a few times; any other failure is final at once.
 */
async function openWhenReleased(handle: { createSyncAccessHandle(): Promise<SyncFile> }): Promise<SyncFile> {
  for (const waitMs of HELD_FILE_RETRY_MS) {
    try {
      return await handle.createSyncAccessHandle();
    } catch (error) {
      if (!(error instanceof DOMException && error.name === 'NoModificationAllowedError')) throw error;
      await new Promise((resolve) => setTimeout(resolve, waitMs));
    }
  }
  return handle.createSyncAccessHandle();
}

/**
 * `directory` may be a promise: the store is made before the Worker has its OPFS directory, so that the row's read
 * (which waits for the library to open, and behind the page's own first reads) and the file's read overlap.
 */
export function createSnapshotStore(db: BroadsheetDb, directory: SnapshotDirectory | null | Promise<SnapshotDirectory | null>): SnapshotStore {
  // One file per library, so two libraries of one origin (tests, profiles) never share one.
  const fileName = `search-index-${encodeURIComponent(db.name)}.bsx`;
  const directoryReady = Promise.resolve(directory).catch(() => null);

  /** The file as it is, whichever save wrote it (the header says how long it claims to be); null when unreadable. */
  async function readFile(): Promise<FileRead | null> {
    const dir = await directoryReady;
    if (!dir) return null;
    let access: SyncFile | null = null;
    try {
      access = await openWhenReleased(await dir.getFileHandle(fileName));
      const header = new Uint8Array(FILE_HEADER_BYTES);
      if (access.read(header, { at: 0 }) !== FILE_HEADER_BYTES) return null;
      const size = access.getSize();
      const length = new DataView(header.buffer).getUint32(12, true);
      if (size !== FILE_HEADER_BYTES + length) return null;
      const sections = readSections(access, size);
      return sections ? { header, size, sections } : null;
    } catch {
      return null;
    } finally {
      access?.close();
    }
  }

  async function writeFile(bytes: Uint8Array): Promise<SearchSnapshotFile | null> {
    const dir = await directoryReady;
    if (!dir) return null;
    let access: SyncFile | null = null;
    try {
      access = await openWhenReleased(await dir.getFileHandle(fileName, { create: true }));
      const generation = crypto.getRandomValues(new Uint32Array(2));
      const file: SearchSnapshotFile = { name: fileName, generation: [generation[0]!, generation[1]!], length: bytes.byteLength };
      access.write(new Uint8Array(FILE_HEADER_BYTES), { at: 0 });
      access.flush();
      access.truncate(FILE_HEADER_BYTES + bytes.byteLength);
      if (access.write(bytes, { at: FILE_HEADER_BYTES }) !== bytes.byteLength) return null;
      access.write(fileHeader(file), { at: 0 });
      access.flush();
      return file;
    } catch {
      return null;
    } finally {
      access?.close();
    }
  }

  return {
    async read() {
      const rowRead = db.searchSnapshots.get(SNAPSHOT_KEY);
      // Handled here too: a file read that throws must not leave the row's rejection unhandled.
      rowRead.catch(() => undefined);
      // Read at once, before the row says which save it wants: the bytes are only used if the row names this file
      // and the header's generation and length (see fileMatches).
      const fileRead = readFile();
      const row = await rowRead;
      if (!row) return null;
      if (row.file) {
        const file = row.file.name === fileName ? await fileRead : null;
        return file && fileMatches(file.header, file.size, row.file) ? { bytes: file.sections, coversFetchedAt: row.coversFetchedAt, from: 'file' } : null;
      }
      return row.bytes.byteLength > 0 ? { bytes: row.bytes, coversFetchedAt: row.coversFetchedAt, from: 'row' } : null;
    },
    async write(bytes, coversFetchedAt) {
      const file = await writeFile(bytes);
      const savedAt = Date.now();
      await db.searchSnapshots.put(
        file ? { key: SNAPSHOT_KEY, bytes: new Uint8Array(0), file, coversFetchedAt, savedAt } : { key: SNAPSHOT_KEY, bytes, coversFetchedAt, savedAt },
      );
    },
  };
}
