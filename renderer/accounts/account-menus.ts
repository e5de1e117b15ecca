/**
 * The context-menu actions of an account's feeds and folders. Renaming, moving and unsubscribing happen on the
 * account's server (the library follows its answer); Fever accounts cannot edit subscriptions and say so.
 */
import { subscriptionEditor, type SubscriptionEditor } from '../../shared/accounts/manage';
import { serviceVariants } from '../../shared/accounts/services';
import type { AccountSyncService } from '../sync/account-sync-service';
import { markAllRead, type BroadsheetDb, type FeedRow, type FolderRow } from '../../shared/db';
import type { Host, HostResult } from '../../shared/host';
import type { MenuItem } from '../components/primitives/ContextMenu';
import type { PromptRequest } from '../components/dialogs/PromptDialog';

export interface AccountMenuContext {
  db: BroadsheetDb;
  host: Host;
  accounts: Pick<AccountSyncService, 'syncAccount'>;
  folders: readonly FolderRow[];
  prompt: (request: PromptRequest) => void;
  openLink: (url: string) => void;
  /** Shows what went wrong (a toast). */
  report: (message: string) => void;
  onUnsubscribed: (feed: FeedRow) => void;
  /** Opens the feed settings dialog (what Broadsheet does with the feed's articles: retention, full text, images). */
  openFeedSettings: (feed: FeedRow) => void;
}

async function withEditor(context: AccountMenuContext, accountId: string, act: (editor: SubscriptionEditor) => Promise<HostResult<unknown>>): Promise<string | null> {
  const editor = await subscriptionEditor(context.db, context.host, accountId, Date.now);
  const answer = editor.ok ? await act(editor.value) : editor;
  if (answer.ok) return null;
  context.report(answer.error.message);
  return answer.error.message;
}

async function canEdit(db: BroadsheetDb, accountId: string): Promise<boolean> {
  const account = await db.accounts.get(accountId);
  return account !== undefined && account.service !== 'local' && serviceVariants[account.service].canEditSubscriptions;
}

export async function accountFeedMenu(context: AccountMenuContext, feed: FeedRow): Promise<MenuItem[]> {
  const accountId = feed.accountId as string;
  const editable = await canEdit(context.db, accountId);
  const items: MenuItem[] = [
    { label: 'Sync this account', onSelect: () => void context.accounts.syncAccount(accountId) },
    { label: 'Mark all as read', onSelect: () => void markAllRead(context.db, { feedId: feed.id }) },
    { label: 'Open site', disabled: !feed.siteUrl, onSelect: () => feed.siteUrl && context.openLink(feed.siteUrl) },
    { label: 'Feed settings…', onSelect: () => context.openFeedSettings(feed) },
  ];
  if (!editable) return [...items, { label: 'Fever cannot change subscriptions: edit them on the server', disabled: true, onSelect: () => undefined }];
  const folders = context.folders.filter((f) => f.accountId === accountId && f.id !== feed.folderId);
  return [
    ...items,
    {
      label: 'Rename…',
      onSelect: () =>
        context.prompt({ title: 'Rename feed', label: 'Title', initial: feed.title, submitLabel: 'Rename', onSubmit: (title) => withEditor(context, accountId, (e) => e.renameFeed(feed.id, title)) }),
    },
    ...folders.map((folder) => ({ label: `Move to ${folder.title}`, onSelect: () => void withEditor(context, accountId, (e) => e.moveFeed(feed.id, folder.title)) })),
    {
      label: 'Unsubscribe',
      danger: true,
      onSelect: () =>
        void withEditor(context, accountId, (e) => e.unsubscribe(feed.id)).then((error) => {
          if (error === null) context.onUnsubscribed(feed);
        }),
    },
  ];
}

export async function accountFolderMenu(context: AccountMenuContext, folder: FolderRow): Promise<MenuItem[]> {
  const accountId = folder.accountId as string;
  const items: MenuItem[] = [
    { label: 'Sync this account', onSelect: () => void context.accounts.syncAccount(accountId) },
    { label: 'Mark all as read', onSelect: () => void markAllRead(context.db, { folderId: folder.id }) },
  ];
  if (!(await canEdit(context.db, accountId))) return items;
  return [
    ...items,
    {
      label: 'Rename…',
      onSelect: () =>
        context.prompt({ title: 'Rename folder', label: 'Name', initial: folder.title, submitLabel: 'Rename', onSubmit: (title) => withEditor(context, accountId, (e) => e.renameFolder(folder.id, title)) }),
    },
  ];
}
