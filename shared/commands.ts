/**
 * The one catalogue of user actions. The renderer's keyboard handler, the command palette, the `?` help
 * sheet and the Electron menu all read it, so a shortcut is defined once and rebound once.
 *
 * Key syntax: a key is `mod+key` where mod is any of `ctrl`, `meta`, `alt`, `shift`, or `mod`
 * (meta on macOS, ctrl elsewhere); a sequence is keys separated by a space (`g a`).
 */
import type { Translate } from './i18n/translator';
export type CommandGroup = 'navigate' | 'article' | 'feeds' | 'view' | 'app';

/** The order the `?` sheet and the shortcut settings list the groups in. */
export const commandGroups: readonly CommandGroup[] = ['navigate', 'article', 'feeds', 'view', 'app'];

/**
 * A command's title is a message (`commands.<id>.title` in shared/i18n/locales), so the menu, the palette and the
 * `?` sheet show it in the reader's language: commandTitleKey / commandGroupKey name them.
 */
export interface CommandSpec {
  group: CommandGroup;
  /** Default key bindings; empty when the command has no default key. */
  keys: readonly string[];
}

export const commandCatalogue = {
  'article.next': { group: 'navigate', keys: ['j'] },
  'article.previous': { group: 'navigate', keys: ['k'] },
  'article.nextUnread': { group: 'navigate', keys: ['n'] },
  'article.previousUnread': { group: 'navigate', keys: ['p'] },
  'article.pageDown': { group: 'navigate', keys: ['space'] },
  'article.pageUp': { group: 'navigate', keys: ['shift+space'] },
  'article.open': { group: 'article', keys: ['o', 'enter'] },
  'article.openOriginal': { group: 'article', keys: ['v', 'b'] },
  'article.toggleRead': { group: 'article', keys: ['m'] },
  'article.toggleStar': { group: 'article', keys: ['s'] },
  'article.loadFullText': { group: 'article', keys: ['shift+f'] },
  'rule.muteLikeThis': { group: 'article', keys: [] },
  'rule.notifyLikeThis': { group: 'article', keys: [] },
  'view.markAllRead': { group: 'feeds', keys: ['shift+a'] },
  'sync.current': { group: 'feeds', keys: ['r'] },
  'sync.all': { group: 'feeds', keys: ['shift+r'] },
  'feed.add': { group: 'feeds', keys: ['a'] },
  'feed.next': { group: 'navigate', keys: [']'] },
  'feed.previous': { group: 'navigate', keys: ['['] },
  'opml.import': { group: 'feeds', keys: [] },
  'accounts.sync': { group: 'feeds', keys: [] },
  'accounts.add': { group: 'feeds', keys: [] },
  'opml.export': { group: 'feeds', keys: [] },
  'go.all': { group: 'navigate', keys: ['g a'] },
  'go.unread': { group: 'navigate', keys: ['g u'] },
  'go.starred': { group: 'navigate', keys: ['g s'] },
  'search.open': { group: 'view', keys: ['/'] },
  'palette.open': { group: 'app', keys: ['mod+k'] },
  'focus.left': { group: 'navigate', keys: ['arrowleft'] },
  'focus.right': { group: 'navigate', keys: ['arrowright'] },
  'view.back': { group: 'navigate', keys: ['escape'] },
  'help.shortcuts': { group: 'app', keys: ['?'] },
  'settings.open': { group: 'app', keys: ['mod+,'] },
} as const satisfies Record<string, CommandSpec>;

export type CommandId = keyof typeof commandCatalogue;

/** The message key of a command's title. */
export function commandTitleKey<Id extends CommandId>(id: Id): `commands.${Id}.title` {
  return `commands.${id}.title`;
}

/** The message key of a command group's name. */
export function commandGroupKey<Group extends CommandGroup>(group: Group): `commands.groups.${Group}` {
  return `commands.groups.${group}`;
}

export const commandIds = Object.keys(commandCatalogue) as CommandId[];

export function isCommandId(value: unknown): value is CommandId {
  return typeof value === 'string' && Object.prototype.hasOwnProperty.call(commandCatalogue, value);
}

/** User overrides: a command id mapped to its full list of keys (replacing the defaults). */
export type KeyBindings = Partial<Record<CommandId, readonly string[]>>;

export function keysFor(id: CommandId, overrides: KeyBindings = {}): readonly string[] {
  return overrides[id] ?? commandCatalogue[id].keys;
}

/** How a key reads to a person: `mod+k` → `Ctrl+K` (or `⌘K` on macOS), `g a` → `G then A`, in the reader's language. */
export function formatKeys(keys: string, isMac: boolean, t: Translate): string {
  return keys
    .split(' ')
    .map((chord) =>
      chord
        .split('+')
        .map((part) => keyLabel(part, isMac, t))
        .join(isMac ? '' : '+'),
    )
    .reduce((first, next) => t('keys.sequence', { first, next }));
}

function keyLabel(part: string, isMac: boolean, t: Translate): string {
  switch (part) {
    case 'mod':
      return isMac ? '⌘' : t('keys.names.ctrl');
    case 'ctrl':
      return isMac ? '⌃' : t('keys.names.ctrl');
    case 'meta':
      return isMac ? '⌘' : t('keys.names.meta');
    case 'alt':
      return isMac ? '⌥' : t('keys.names.alt');
    case 'shift':
      return isMac ? '⇧' : t('keys.names.shift');
    case 'space':
      return t('keys.names.space');
    case 'enter':
      return t('keys.names.enter');
    case 'escape':
      return t('keys.names.escape');
    case 'arrowleft':
      return '←';
    case 'arrowright':
      return '→';
    default:
      return part.length === 1 ? part.toUpperCase() : part;
  }
}
