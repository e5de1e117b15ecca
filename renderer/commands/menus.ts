/** The context menus of the sidebar: a feed, a folder, a saved search. */
import type { FeedRow, FolderRow } from '../../shared/db';
import { isLocalFeed } from '../../shared/db';
import type { AccountMenuContext } from '../accounts/account-menus';
import { accountFeedMenu, accountFolderMenu } from '../accounts/account-menus';
import { deleteFolder, getSettings, markAllRead, moveFeed, renameFeed, renameFolder, setFeedUrl, setSettings, unsubscribe } from '../../shared/db';
import { sameView } from '../library/views';
import { selectView, showToast } from '../state/ui-store';
import { openLink } from './article-actions';
import type { CommandContext } from './command-context';

type At = { x: number; y: number };

/** What an account's feed and folder menus (renderer/accounts/account-menus) need from the window. */
function accountMenuContext(ctx: CommandContext): AccountMenuContext {
  const { ui } = ctx;
  return {
    db: ctx.db,
    host: ctx.host,
    accounts: ctx.accounts,
    folders: ctx.library.get().folders,
    prompt: (prompt) => ui.set({ prompt }),
    openLink: (url) => openLink(ctx, url),
    report: (message) => showToast(ui, { kind: 'error', message }),
    onUnsubscribed: (feed) => {
      showToast(ui, { kind: 'info', message: `Unsubscribed from ${feed.title}` });
      if (sameView(ui.get().view, { kind: 'feed', feedId: feed.id })) selectView(ui, { kind: 'unread' });
    },
    openFeedSettings: (feed) => ui.set({ feedSettings: feed }),
  };
}

export function openFeedMenu(ctx: CommandContext, feed: FeedRow, at: At): void {
  const { db, engine, ui } = ctx;
  if (!isLocalFeed(feed)) {
    void accountFeedMenu(accountMenuContext(ctx), feed).then((items) => ui.set({ menu: { at, label: `${feed.title} actions`, items } }));
    return;
  }
  // Local feeds go in local folders only: an account's folders are its server's.
  const folders = ctx.library.get().localFolders;
  ui.set({
    menu: {
      at,
      label: `${feed.title} actions`,
      items: [
        { label: 'Refresh', onSelect: () => void engine.syncFeed(feed.id) },
        { label: 'Mark all as read', onSelect: () => void markAllRead(db, { feedId: feed.id }) },
        {
          label: 'Rename…',
          onSelect: () =>
            ui.set({
              prompt: { title: 'Rename feed', label: 'Title', initial: feed.title, submitLabel: 'Rename', onSubmit: async (title) => (await renameFeed(db, feed.id, title), null) },
            }),
        },
        ...folders.filter((folder) => folder.id !== feed.folderId).map((folder) => ({ label: `Move to ${folder.title}`, onSelect: () => void moveFeed(db, feed.id, folder.id) })),
        ...(feed.folderId ? [{ label: 'Move out of folder', onSelect: () => void moveFeed(db, feed.id, null) }] : []),
        {
          label: 'Edit URL…',
          onSelect: () =>
            ui.set({
              prompt: {
                title: 'Edit feed URL',
                label: 'Feed URL',
                initial: feed.url,
                submitLabel: 'Save',
                onSubmit: async (url) => {
                  const result = await setFeedUrl(db, feed.id, url);
                  if (!result.ok) return result.error;
                  void engine.syncFeed(feed.id);
                  return null;
                },
              },
            }),
        },
        { label: 'Feed settings…', onSelect: () => ui.set({ feedSettings: feed }) },
        { label: 'Open site', disabled: !feed.siteUrl, onSelect: () => feed.siteUrl && openLink(ctx, feed.siteUrl) },
        {
          label: 'Unsubscribe',
          danger: true,
          onSelect: () => {
            void unsubscribe(db, feed.id).then(({ kept }) =>
              showToast(ui, { kind: 'info', message: `Unsubscribed from ${feed.title}`, detail: kept > 0 ? `${kept} bookmarks kept` : undefined }),
            );
            if (sameView(ui.get().view, { kind: 'feed', feedId: feed.id })) selectView(ui, { kind: 'unread' });
          },
        },
      ],
    },
  });
}

export function openFolderMenu(ctx: CommandContext, folder: FolderRow, at: At): void {
  const { db, engine, ui } = ctx;
  if (!isLocalFeed(folder)) {
    void accountFolderMenu(accountMenuContext(ctx), folder).then((items) => ui.set({ menu: { at, label: `${folder.title} actions`, items } }));
    return;
  }
  ui.set({
    menu: {
      at,
      label: `${folder.title} actions`,
      items: [
        { label: 'Refresh', onSelect: () => void engine.syncFolder(folder.id) },
        { label: 'Mark all as read', onSelect: () => void markAllRead(db, { folderId: folder.id }) },
        {
          label: 'Rename…',
          onSelect: () =>
            ui.set({
              prompt: { title: 'Rename folder', label: 'Name', initial: folder.title, submitLabel: 'Rename', onSubmit: async (title) => (await renameFolder(db, folder.id, title), null) },
            }),
        },
        { label: 'Delete folder (keep feeds)', danger: true, onSelect: () => void deleteFolder(db, folder.id) },
      ],
    },
  });
}

export function openSavedSearchMenu(ctx: CommandContext, id: string, at: At): void {
  const { db, ui } = ctx;
  const errorsOf = (errors: { key: string; message: string }[]) => errors.map((error) => `${error.key}: ${error.message}`).join('; ') || null;
  ui.set({
    menu: {
      at,
      label: 'Saved search actions',
      items: [
        {
          label: 'Rename…',
          onSelect: () =>
            void getSettings(db).then((settings) =>
              ui.set({
                prompt: {
                  title: 'Rename saved search',
                  label: 'Name',
                  initial: settings.savedSearches.find((saved) => saved.id === id)?.title ?? '',
                  submitLabel: 'Rename',
                  onSubmit: async (title) => {
                    const current = await getSettings(db);
                    const savedSearches = current.savedSearches.map((saved) => (saved.id === id ? { ...saved, title: title.trim() || saved.title } : saved));
                    return errorsOf(await setSettings(db, { savedSearches }));
                  },
                },
              }),
            ),
        },
        {
          label: 'Delete',
          danger: true,
          onSelect: () => {
            void getSettings(db).then((settings) => setSettings(db, { savedSearches: settings.savedSearches.filter((saved) => saved.id !== id) }));
            const { view } = ui.get();
            if (view.kind === 'search' && view.savedId === id) selectView(ui, { kind: 'unread' });
          },
        },
      ],
    },
  });
}

/** "Save search": names the current query and keeps it in the sidebar. */
export function promptSaveSearch(ctx: CommandContext, query: string): void {
  const { db, ui } = ctx;
  ui.set({
    prompt: {
      title: 'Save search',
      label: 'Name in the sidebar',
      initial: query,
      submitLabel: 'Save',
      onSubmit: async (title) => {
        const saved = { id: `search-${Date.now().toString(36)}`, title: title.trim() || query, query };
        const current = await getSettings(db);
        const errors = await setSettings(db, { savedSearches: [...current.savedSearches, saved] });
        if (errors.length > 0) return errors.map((error) => `${error.key}: ${error.message}`).join('; ');
        selectView(ui, { kind: 'search', query: saved.query, savedId: saved.id });
        return null;
      },
    },
  });
}
