/** The context menus of the sidebar: a feed, a folder, a saved search. */
import type { FeedRow, FolderRow, SettingError } from '../../shared/db';
import { isLocalFeed } from '../../shared/db';
import type { AccountMenuContext } from '../accounts/account-menus';
import { accountFeedMenu, accountFolderMenu } from '../accounts/account-menus';
import { deleteFolder, getSettings, markAllRead, moveFeed, renameFeed, renameFolder, setFeedUrl, setSettings, unsubscribe } from '../../shared/db';
import { sameView } from '../library/views';
import { selectView, showToast } from '../state/ui-store';
import { openLink } from './article-actions';
import type { CommandContext } from './command-context';
import { describeError } from '../../shared/i18n/errors';
import { t } from '../i18n/window-translator';

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
      showToast(ui, { kind: 'info', message: t('toasts.unsubscribed', { name: feed.title }) });
      if (sameView(ui.get().view, { kind: 'feed', feedId: feed.id })) selectView(ui, { kind: 'unread' });
    },
    openFeedSettings: (feed) => ui.set({ feedSettings: feed }),
  };
}

export function openFeedMenu(ctx: CommandContext, feed: FeedRow, at: At): void {
  const { db, engine, ui } = ctx;
  if (!isLocalFeed(feed)) {
    void accountFeedMenu(accountMenuContext(ctx), feed).then((items) => ui.set({ menu: { at, label: t('menus.feedActions', { name: feed.title }), items } }));
    return;
  }
  // Local feeds go in local folders only: an account's folders are its server's.
  const folders = ctx.library.get().localFolders;
  ui.set({
    menu: {
      at,
      label: t('menus.feedActions', { name: feed.title }),
      items: [
        { label: t('menus.refresh'), onSelect: () => void engine.syncFeed(feed.id) },
        { label: t('menus.markAllRead'), onSelect: () => void markAllRead(db, { feedId: feed.id }) },
        {
          label: t('common.renameMenu'),
          onSelect: () =>
            ui.set({
              prompt: { title: t('prompts.renameFeed'), label: t('common.title'), initial: feed.title, submitLabel: t('common.rename'), onSubmit: async (title) => (await renameFeed(db, feed.id, title), null) },
            }),
        },
        ...folders.filter((folder) => folder.id !== feed.folderId).map((folder) => ({ label: t('menus.moveTo', { folder: folder.title }), onSelect: () => void moveFeed(db, feed.id, folder.id) })),
        ...(feed.folderId ? [{ label: t('menus.moveOut'), onSelect: () => void moveFeed(db, feed.id, null) }] : []),
        {
          label: t('menus.editUrl'),
          onSelect: () =>
            ui.set({
              prompt: {
                title: t('prompts.editFeedUrl'),
                label: t('prompts.feedUrl'),
                initial: feed.url,
                submitLabel: t('common.save'),
                onSubmit: async (url) => {
                  const result = await setFeedUrl(db, feed.id, url);
                  if (!result.ok) return describeError(result.error, t);
                  void engine.syncFeed(feed.id);
                  return null;
                },
              },
            }),
        },
        { label: t('menus.feedSettings'), onSelect: () => ui.set({ feedSettings: feed }) },
        { label: t('menus.openSite'), disabled: !feed.siteUrl, onSelect: () => feed.siteUrl && openLink(ctx, feed.siteUrl) },
        {
          label: t('menus.unsubscribe'),
          danger: true,
          onSelect: () => {
            void unsubscribe(db, feed.id).then(({ kept }) =>
              showToast(ui, { kind: 'info', message: t('toasts.unsubscribed', { name: feed.title }), detail: kept > 0 ? t('toasts.bookmarksKept', { count: kept }) : undefined }),
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
    void accountFolderMenu(accountMenuContext(ctx), folder).then((items) => ui.set({ menu: { at, label: t('menus.folderActions', { name: folder.title }), items } }));
    return;
  }
  ui.set({
    menu: {
      at,
      label: t('menus.folderActions', { name: folder.title }),
      items: [
        { label: t('menus.refresh'), onSelect: () => void engine.syncFolder(folder.id) },
        { label: t('menus.markAllRead'), onSelect: () => void markAllRead(db, { folderId: folder.id }) },
        {
          label: t('common.renameMenu'),
          onSelect: () =>
            ui.set({
              prompt: { title: t('prompts.renameFolder'), label: t('common.name'), initial: folder.title, submitLabel: t('common.rename'), onSubmit: async (title) => (await renameFolder(db, folder.id, title), null) },
            }),
        },
        { label: t('menus.deleteFolder'), danger: true, onSelect: () => void deleteFolder(db, folder.id) },
      ],
    },
  });
}

/** Why the settings refused a saved search, for its prompt; null when they took it. */
function refusal(errors: readonly SettingError[]): string | null {
  return errors.map((error) => describeError(error, t)).join(' ') || null;
}

export function openSavedSearchMenu(ctx: CommandContext, id: string, at: At): void {
  const { db, ui } = ctx;
  ui.set({
    menu: {
      at,
      label: t('menus.savedSearchActions'),
      items: [
        {
          label: t('common.renameMenu'),
          onSelect: () =>
            void getSettings(db).then((settings) =>
              ui.set({
                prompt: {
                  title: t('prompts.renameSavedSearch'),
                  label: t('common.name'),
                  initial: settings.savedSearches.find((saved) => saved.id === id)?.title ?? '',
                  submitLabel: t('common.rename'),
                  onSubmit: async (title) => {
                    const current = await getSettings(db);
                    const savedSearches = current.savedSearches.map((saved) => (saved.id === id ? { ...saved, title: title.trim() || saved.title } : saved));
                    return refusal(await setSettings(db, { savedSearches }));
                  },
                },
              }),
            ),
        },
        {
          label: t('common.delete'),
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
      title: t('prompts.saveSearch'),
      label: t('prompts.nameInSidebar'),
      initial: query,
      submitLabel: t('common.save'),
      onSubmit: async (title) => {
        const saved = { id: `search-${Date.now().toString(36)}`, title: title.trim() || query, query };
        const current = await getSettings(db);
        const refused = refusal(await setSettings(db, { savedSearches: [...current.savedSearches, saved] }));
        if (refused) return refused;
        selectView(ui, { kind: 'search', query: saved.query, savedId: saved.id });
        return null;
      },
    },
  });
}
