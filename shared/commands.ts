/**
 * The one catalogue of user actions. The renderer's keyboard handler, the command palette, the `?` help
 * sheet and the Electron menu all read it, so a shortcut is defined once and rebound once.
 *
 * Key syntax: a key is `mod+key` where mod is any of `ctrl`, `meta`, `alt`, `shift`, or `mod`
 * (meta on macOS, ctrl elsewhere); a sequence is keys separated by a space (`g a`).
 */
export type CommandGroup = 'Navigate' | 'Article' | 'Feeds' | 'View' | 'App';

export interface CommandSpec {
  title: string;
  group: CommandGroup;
  /** Default key bindings; empty when the command has no default key. */
  keys: readonly string[];
}

export const commandCatalogue = {
  'article.next': { title: 'Next article', group: 'Navigate', keys: ['j'] },
  'article.previous': { title: 'Previous article', group: 'Navigate', keys: ['k'] },
  'article.nextUnread': { title: 'Next unread article', group: 'Navigate', keys: ['n'] },
  'article.previousUnread': { title: 'Previous unread article', group: 'Navigate', keys: ['p'] },
  'article.pageDown': { title: 'Page down, then next unread', group: 'Navigate', keys: ['space'] },
  'article.pageUp': { title: 'Page up', group: 'Navigate', keys: ['shift+space'] },
  'article.open': { title: 'Open article', group: 'Article', keys: ['o', 'enter'] },
  'article.openOriginal': { title: 'Open original in browser', group: 'Article', keys: ['v', 'b'] },
  'article.toggleRead': { title: 'Toggle read', group: 'Article', keys: ['m'] },
  'article.toggleStar': { title: 'Toggle bookmark', group: 'Article', keys: ['s'] },
  'article.loadFullText': { title: 'Load full article', group: 'Article', keys: ['shift+f'] },
  'rule.muteLikeThis': { title: 'Mute articles like this…', group: 'Article', keys: [] },
  'rule.notifyLikeThis': { title: 'Notify me about articles like this…', group: 'Article', keys: [] },
  'view.markAllRead': { title: 'Mark all in view as read', group: 'Feeds', keys: ['shift+a'] },
  'sync.current': { title: 'Refresh this feed', group: 'Feeds', keys: ['r'] },
  'sync.all': { title: 'Refresh all feeds', group: 'Feeds', keys: ['shift+r'] },
  'feed.add': { title: 'Add feed…', group: 'Feeds', keys: ['a'] },
  'feed.next': { title: 'Next feed', group: 'Navigate', keys: [']'] },
  'feed.previous': { title: 'Previous feed', group: 'Navigate', keys: ['['] },
  'opml.import': { title: 'Import OPML…', group: 'Feeds', keys: [] },
  'accounts.sync': { title: 'Sync accounts', group: 'Feeds', keys: [] },
  'accounts.add': { title: 'Add account…', group: 'Feeds', keys: [] },
  'opml.export': { title: 'Export OPML…', group: 'Feeds', keys: [] },
  'go.all': { title: 'Go to All articles', group: 'Navigate', keys: ['g a'] },
  'go.unread': { title: 'Go to Unread', group: 'Navigate', keys: ['g u'] },
  'go.starred': { title: 'Go to Bookmarks', group: 'Navigate', keys: ['g s'] },
  'search.open': { title: 'Search', group: 'View', keys: ['/'] },
  'palette.open': { title: 'Command palette', group: 'App', keys: ['mod+k'] },
  'focus.left': { title: 'Focus pane to the left', group: 'Navigate', keys: ['arrowleft'] },
  'focus.right': { title: 'Focus pane to the right', group: 'Navigate', keys: ['arrowright'] },
  'view.back': { title: 'Back / close', group: 'Navigate', keys: ['escape'] },
  'help.shortcuts': { title: 'Keyboard shortcuts', group: 'App', keys: ['?'] },
  'settings.open': { title: 'Settings…', group: 'App', keys: ['mod+,'] },
} as const satisfies Record<string, CommandSpec>;

export type CommandId = keyof typeof commandCatalogue;

export const commandIds = Object.keys(commandCatalogue) as CommandId[];

export function isCommandId(value: unknown): value is CommandId {
  return typeof value === 'string' && Object.prototype.hasOwnProperty.call(commandCatalogue, value);
}

/** User overrides: a command id mapped to its full list of keys (replacing the defaults). */
export type KeyBindings = Partial<Record<CommandId, readonly string[]>>;

export function keysFor(id: CommandId, overrides: KeyBindings = {}): readonly string[] {
  return overrides[id] ?? commandCatalogue[id].keys;
}

/** How a key reads to a person: `mod+k` → `Ctrl+K` (or `⌘K` on macOS). */
export function formatKeys(keys: string, isMac: boolean): string {
  return keys
    .split(' ')
    .map((chord) =>
      chord
        .split('+')
        .map((part) => keyLabel(part, isMac))
        .join(isMac ? '' : '+'),
    )
    .join(' then ');
}

function keyLabel(part: string, isMac: boolean): string {
  switch (part) {
    case 'mod':
      return isMac ? '⌘' : 'Ctrl';
    case 'ctrl':
      return isMac ? '⌃' : 'Ctrl';
    case 'meta':
      return isMac ? '⌘' : 'Meta';
    case 'alt':
      return isMac ? '⌥' : 'Alt';
    case 'shift':
      return isMac ? '⇧' : 'Shift';
    case 'space':
      return 'Space';
    case 'enter':
      return 'Enter';
    case 'escape':
      return 'Esc';
    case 'arrowleft':
      return '←';
    case 'arrowright':
      return '→';
    default:
      return part.length === 1 ? part.toUpperCase() : part;
  }
}
