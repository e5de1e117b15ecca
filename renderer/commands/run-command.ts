/**
 * Every catalogue command (shared/commands.ts) to its handler. Keys, the palette, the menu and the host all come
 * through `runCommand`, so a command means the same wherever it is asked for.
 */
import { commandCatalogue, type CommandGroup, type CommandId, type CommandSpec } from '../../shared/commands';
import type { HostCommand } from '../../shared/host';
import { showToast } from '../state/ui-store';
import { loadSelectedFullText, markViewRead, openSelectedOriginal, toggleSelectedRead, toggleSelectedStar } from './article-actions';
import type { CommandContext } from './command-context';
import { exportOpml, importOpmlText, syncAccounts, syncView } from './library-actions';
import { back, goTo, movePaneFocusVisually, openSearch, stepFeed } from './navigation';
import { ruleLikeSelected } from './rules';
import { moveSelection, openArticleById } from './selection';
import { t } from '../i18n/window-translator';
import { sayPersonNear } from '../library/person-turns';

const handlers: Record<CommandId, (ctx: CommandContext) => void> = {
  'article.next': (ctx) => void moveSelection(ctx, 1),
  'article.previous': (ctx) => void moveSelection(ctx, -1),
  'article.nextUnread': (ctx) => void moveSelection(ctx, 1, true),
  'article.previousUnread': (ctx) => void moveSelection(ctx, -1, true),
  'article.pageDown': (ctx) => {
    if (!ctx.reader.current?.page(1)) moveSelection(ctx, 1, true);
  },
  'article.pageUp': (ctx) => void ctx.reader.current?.page(-1),
  'article.open': (ctx) => {
    if (!ctx.ui.get().selectedId) moveSelection(ctx, 1);
    ctx.reader.current?.focus();
  },
  'article.openOriginal': openSelectedOriginal,
  'article.toggleRead': toggleSelectedRead,
  'article.toggleStar': toggleSelectedStar,
  'article.loadFullText': loadSelectedFullText,
  'rule.muteLikeThis': (ctx) => ruleLikeSelected(ctx, 'mute'),
  'rule.notifyLikeThis': (ctx) => ruleLikeSelected(ctx, 'notify'),
  'view.markAllRead': (ctx) => void markViewRead(ctx),
  'sync.current': (ctx) => void syncView(ctx),
  'sync.all': (ctx) => void ctx.engine.syncAll(),
  'feed.add': (ctx) => ctx.ui.set({ addFeed: { open: true, url: '' } }),
  'feed.next': (ctx) => stepFeed(ctx, 1),
  'feed.previous': (ctx) => stepFeed(ctx, -1),
  'opml.import': (ctx) => ctx.ui.set({ opmlOpen: true }),
  'accounts.sync': (ctx) => void syncAccounts(ctx),
  'accounts.add': (ctx) => ctx.ui.set({ settingsOpen: true, settingsSection: 'accounts' }),
  'opml.export': (ctx) => void exportOpml(ctx),
  'go.all': (ctx) => goTo(ctx, { kind: 'all' }),
  'go.unread': (ctx) => goTo(ctx, { kind: 'unread' }),
  'go.starred': (ctx) => goTo(ctx, { kind: 'starred' }),
  'search.open': openSearch,
  'palette.open': (ctx) => ctx.ui.set({ paletteOpen: true }),
  'focus.left': () => movePaneFocusVisually('left'),
  'focus.right': () => movePaneFocusVisually('right'),
  'view.back': back,
  'help.shortcuts': (ctx) => ctx.ui.set({ helpOpen: true }),
  'settings.open': (ctx) => ctx.ui.set({ settingsOpen: true }),
};

/**
 * Commands of a person reading (moving through the articles and views, acting on an article): they say a person is
 * near, so a sync's merges turn small before the article they are heading for is opened
 * (renderer/library/person-turns.ts). Syncing (r, Shift+R), adding feeds and the app's dialogs do not: a person who
 * starts a sync is not reading yet, and the sync need not take turns until they are.
 */
const READING_GROUPS: ReadonlySet<CommandGroup> = new Set<CommandGroup>(['navigate', 'article']);

export function runCommand(ctx: CommandContext, id: CommandId): void {
  const spec = commandCatalogue[id] as CommandSpec | undefined;
  if (spec && READING_GROUPS.has(spec.group)) sayPersonNear(ctx.db);
  const handler = handlers[id] as ((ctx: CommandContext) => void) | undefined;
  if (handler) handler(ctx);
  else showToast(ctx.ui, { kind: 'info', message: t('toasts.notAvailable'), detail: id });
}

/** What the host asks of the window: links, menu and tray commands, files opened with the app. */
export function runHostCommand(ctx: CommandContext, command: HostCommand): void {
  if (command.type === 'subscribe') ctx.ui.set({ addFeed: { open: true, url: command.url } });
  if (command.type === 'command') runCommand(ctx, command.id);
  if (command.type === 'open-article') void openArticleById(ctx, command.articleId);
  if (command.type === 'open-feed') goTo(ctx, { kind: 'feed', feedId: command.feedId });
  if (command.type === 'import-opml') void importOpmlText(ctx, command.text);
}
