/** Folders: one level, ordered by position. Deleting a folder moves its feeds to the top level. */
import { fnv1a64 } from './ids';
import { LOCAL_ACCOUNT_ID, type BroadsheetDb, type FolderRow } from './schema';

export async function createFolder(db: BroadsheetDb, title: string): Promise<FolderRow> {
  return db.transaction('rw', db.folders, async () => {
    const count = await db.folders.count();
    const last = await db.folders.orderBy('position').last();
    // Ids only need to be unique and stable once made; random bits keep two folders of the same title apart.
    const folder: FolderRow = {
      id: 'folder-' + fnv1a64(`${title}\n${count}\n${Math.random()}\n${Date.now()}`).slice(0, 12),
      title: title.trim() || 'Untitled',
      position: last ? last.position + 1 : 0,
      accountId: LOCAL_ACCOUNT_ID,
    };
    await db.folders.add(folder);
    return folder;
  });
}

export async function renameFolder(db: BroadsheetDb, folderId: string, title: string): Promise<void> {
  const trimmed = title.trim();
  if (trimmed) await db.folders.update(folderId, { title: trimmed });
}

export async function moveFolder(db: BroadsheetDb, folderId: string, position: number): Promise<void> {
  await db.transaction('rw', db.folders, async () => {
    const folders = await db.folders.orderBy('position').toArray();
    const moving = folders.find((f) => f.id === folderId);
    if (!moving) return;
    const rest = folders.filter((f) => f.id !== folderId);
    rest.splice(Math.max(0, Math.min(position, rest.length)), 0, moving);
    await db.folders.bulkUpdate(rest.map((f, i) => ({ key: f.id, changes: { position: i } })));
  });
}

/** Deletes the folder; its feeds go to the end of the top level, keeping their order. */
export async function deleteFolder(db: BroadsheetDb, folderId: string): Promise<void> {
  await db.transaction('rw', db.folders, db.feeds, async () => {
    const all = await db.feeds.toArray();
    const top = all.filter((f) => f.folderId === null);
    let next = top.reduce((max, f) => Math.max(max, f.position), -1) + 1;
    const moving = all.filter((f) => f.folderId === folderId).sort((a, b) => a.position - b.position);
    await db.feeds.bulkUpdate(moving.map((f) => ({ key: f.id, changes: { folderId: null, position: next++ } })));
    await db.folders.delete(folderId);
  });
}

export function listFolders(db: BroadsheetDb): Promise<FolderRow[]> {
  return db.folders.orderBy('position').toArray();
}
