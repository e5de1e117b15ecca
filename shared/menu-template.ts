/**
 * The application and tray menus as plain data built from the command catalogue, so the menu shows the same titles
 * and keys as the keyboard help and follows the user's rebinding. electron/app-menu.ts turns it into an Electron
 * Menu; here it stays testable without Electron.
 *
 * Keys without a modifier (`j`, `shift+a`, `space`) are shown in the menu but not registered with the OS
 * (`registerAccelerator: false`): registered, they would fire while the user types in a text field. Keys with
 * `mod`/`ctrl`/`alt`/`meta` are real accelerators. macOS ignores registerAccelerator (NSMenuItem cannot show a key
 * without binding it: electron/electron#18295), so there such keys are left out of the menu; the `?` sheet lists them.
 */
import type { CommandId, KeyBindings } from './commands';
import { commandTitleKey, keysFor } from './commands';
import type { Translate } from './i18n/translator';

export type MenuRole =
  | 'undo'
  | 'redo'
  | 'cut'
  | 'copy'
  | 'paste'
  | 'pasteAndMatchStyle'
  | 'delete'
  | 'selectAll'
  | 'minimize'
  | 'zoom'
  | 'front'
  | 'about'
  | 'services'
  | 'hide'
  | 'hideOthers'
  | 'unhide'
  | 'quit'
  | 'close'
  | 'togglefullscreen'
  | 'resetZoom'
  | 'zoomIn'
  | 'zoomOut'
  | 'reload'
  | 'toggleDevTools';

/** Menu entries that the main process handles itself rather than the renderer. */
export type MenuAction = 'open-window' | 'install-update' | 'quit';

export type MenuSpec =
  | { type: 'command'; id: CommandId; label: string; accelerator?: string; registerAccelerator?: boolean }
  | { type: 'role'; role: MenuRole; label: string }
  | { type: 'action'; action: MenuAction; label: string }
  | { type: 'label'; label: string }
  | { type: 'separator' }
  | { type: 'submenu'; label: string; role?: 'appMenu' | 'windowMenu' | 'help'; items: MenuSpec[] };

export interface MenuTemplateOptions {
  /** Node's process.platform. */
  platform: string;
  appName: string;
  keyBindings?: KeyBindings;
  /** An update was downloaded: offer "Restart to update". */
  updateReady?: boolean;
  /** Development builds get Reload and the developer tools. */
  devTools?: boolean;
  /** Words every label in the user's language (Electron's own role labels are English on Windows and Linux). */
  t: Translate;
}

export interface MenuAccelerator {
  accelerator: string;
  registerAccelerator: boolean;
}

const MODIFIERS: Record<string, string> = { mod: 'CmdOrCtrl', ctrl: 'Ctrl', meta: 'Super', alt: 'Alt', shift: 'Shift' };
const REGISTERING_MODIFIERS = new Set(['mod', 'ctrl', 'meta', 'alt']);
const NAMED_KEYS: Record<string, string> = {
  space: 'Space',
  enter: 'Enter',
  escape: 'Escape',
  esc: 'Escape',
  tab: 'Tab',
  backspace: 'Backspace',
  delete: 'Delete',
  insert: 'Insert',
  home: 'Home',
  end: 'End',
  pageup: 'PageUp',
  pagedown: 'PageDown',
  arrowleft: 'Left',
  arrowright: 'Right',
  arrowup: 'Up',
  arrowdown: 'Down',
  '+': 'Plus',
  plus: 'Plus',
};
/** Printable keys Electron accepts as they are. */
const PUNCTUATION = new Set([...'~!@#$%^&*():<>?_|{}"=-[];\',./\\`']);

/** One catalogue chord (`mod+shift+k`, `j`, `?`) as an Electron accelerator; null for a sequence or an unknown key. */
export function chordToAccelerator(chord: string): MenuAccelerator | null {
  if (chord.trim() === '' || /\s/.test(chord.trim())) return null;
  const parts = chord.trim().toLowerCase().split('+');
  // `mod++` (mod and the plus key) splits into ['mod', '', ''].
  const key = parts.at(-1) === '' && parts.length > 1 ? '+' : (parts.at(-1) ?? '');
  const modifiers = parts.slice(0, parts.at(-1) === '' && parts.length > 1 ? -2 : -1);
  const out: string[] = [];
  for (const modifier of modifiers) {
    const name = MODIFIERS[modifier];
    if (name === undefined || out.includes(name)) return null;
    out.push(name);
  }
  const keyName = acceleratorKey(key);
  if (keyName === null) return null;
  const functionKey = /^F([1-9]|1\d|2[0-4])$/.test(keyName);
  return {
    accelerator: [...out, keyName].join('+'),
    registerAccelerator: functionKey || modifiers.some((modifier) => REGISTERING_MODIFIERS.has(modifier)),
  };
}

function acceleratorKey(key: string): string | null {
  const named = NAMED_KEYS[key];
  if (named !== undefined) return named;
  if (/^[a-z0-9]$/.test(key)) return key.toUpperCase();
  if (/^f([1-9]|1\d|2[0-4])$/.test(key)) return key.toUpperCase();
  if (PUNCTUATION.has(key)) return key;
  return null;
}

/**
 * The accelerator a command shows in the menu: a binding with a real modifier is preferred (it can be registered),
 * else the first single-chord binding; sequences like `g a` cannot be menu accelerators.
 */
export function menuAcceleratorFor(id: CommandId, keyBindings: KeyBindings = {}): MenuAccelerator | null {
  const candidates = keysFor(id, keyBindings)
    .map(chordToAccelerator)
    .filter((candidate): candidate is MenuAccelerator => candidate !== null);
  return candidates.find((candidate) => candidate.registerAccelerator) ?? candidates[0] ?? null;
}

function command(id: CommandId, keyBindings: KeyBindings | undefined, isMac: boolean, t: Translate): MenuSpec {
  const found = menuAcceleratorFor(id, keyBindings);
  const accelerator = found && (found.registerAccelerator || !isMac) ? found : null;
  return { type: 'command', id, label: t(commandTitleKey(id)), ...(accelerator ?? {}) };
}

/**
 * A menu title with its access key (`&File`) as Windows and Linux show it; macOS menus have no access keys, so
 * the marker goes, with a trailing `(&F)` that languages without Latin letters add.
 */
export function menuTitle(label: string, isMac: boolean): string {
  return isMac ? label.replace(/\s*\(&[^)]\)$/, '').replace(/&(.)/, '$1') : label;
}

const separator: MenuSpec = { type: 'separator' };

export function buildMenuTemplate(options: MenuTemplateOptions): MenuSpec[] {
  const isMac = options.platform === 'darwin';
  const keys = options.keyBindings;
  const { t } = options;
  const app = options.appName;
  const cmd = (id: CommandId) => command(id, keys, isMac, t);
  const update: MenuSpec[] = options.updateReady ? [{ type: 'action', action: 'install-update', label: t('menu.restartToUpdate') }] : [];
  const role = (name: MenuRole): MenuSpec => ({ type: 'role', role: name, label: t(`menu.roles.${name}`, { app }) });
  const title = (label: string) => menuTitle(label, isMac);
  const edit: MenuSpec[] = [
    role('undo'),
    role('redo'),
    separator,
    role('cut'),
    role('copy'),
    role('paste'),
    ...(isMac ? [role('pasteAndMatchStyle')] : []),
    role('delete'),
    separator,
    role('selectAll'),
  ];

  const file: MenuSpec[] = [
    cmd('feed.add'),
    cmd('opml.import'),
    cmd('opml.export'),
    separator,
    cmd('sync.current'),
    cmd('sync.all'),
    separator,
    cmd('accounts.add'),
    cmd('accounts.sync'),
    separator,
    ...(isMac ? [role('close')] : [cmd('settings.open'), separator, role('quit')]),
  ];
  const view: MenuSpec[] = [
    cmd('search.open'),
    cmd('palette.open'),
    separator,
    role('resetZoom'),
    role('zoomIn'),
    role('zoomOut'),
    separator,
    role('togglefullscreen'),
    ...(options.devTools ? [separator, role('reload'), role('toggleDevTools')] : []),
  ];
  const go: MenuSpec[] = [
    cmd('go.all'),
    cmd('go.unread'),
    cmd('go.starred'),
    separator,
    cmd('article.next'),
    cmd('article.previous'),
    cmd('article.nextUnread'),
    cmd('article.previousUnread'),
    cmd('article.pageDown'),
    cmd('article.pageUp'),
    separator,
    cmd('feed.next'),
    cmd('feed.previous'),
    separator,
    cmd('focus.left'),
    cmd('focus.right'),
    cmd('view.back'),
  ];
  const article: MenuSpec[] = [
    cmd('article.open'),
    cmd('article.openOriginal'),
    cmd('article.loadFullText'),
    separator,
    cmd('article.toggleRead'),
    cmd('article.toggleStar'),
    separator,
    cmd('rule.muteLikeThis'),
    cmd('rule.notifyLikeThis'),
    separator,
    cmd('view.markAllRead'),
  ];
  const help: MenuSpec[] = [cmd('help.shortcuts'), ...(isMac ? [] : [separator, ...update, role('about')])];

  const middle: MenuSpec[] = [
    { type: 'submenu', label: title(t('menu.file')), items: file },
    { type: 'submenu', label: title(t('menu.edit')), items: edit },
    { type: 'submenu', label: title(t('menu.view')), items: view },
    { type: 'submenu', label: title(t('menu.go')), items: go },
    { type: 'submenu', label: title(t('menu.article')), items: article },
  ];
  const helpMenu: MenuSpec = { type: 'submenu', label: title(t('menu.help')), role: 'help', items: help };
  if (!isMac) return [...middle, helpMenu];

  // macOS: the app menu before the others, and a Window menu before Help.
  const appMenu: MenuSpec[] = [
    role('about'),
    ...update,
    separator,
    cmd('settings.open'),
    separator,
    role('services'),
    separator,
    role('hide'),
    role('hideOthers'),
    role('unhide'),
    separator,
    role('quit'),
  ];
  const window: MenuSpec[] = [role('minimize'), role('zoom'), separator, role('front')];
  return [
    { type: 'submenu', label: app, role: 'appMenu', items: appMenu },
    ...middle,
    { type: 'submenu', label: title(t('menu.window')), role: 'windowMenu', items: window },
    helpMenu,
  ];
}

/** The command ids a template offers, in menu order (tests check every catalogue command is reachable). */
export function commandsInTemplate(template: readonly MenuSpec[]): CommandId[] {
  return template.flatMap((item) => {
    if (item.type === 'command') return [item.id];
    if (item.type === 'submenu') return commandsInTemplate(item.items);
    return [];
  });
}

/** The tray (menu bar on macOS) menu. */
export function buildTrayTemplate(options: { appName: string; unreadCount: number; updateReady?: boolean; t: Translate }): MenuSpec[] {
  const { t, appName: app } = options;
  return [
    { type: 'label', label: unreadLabel(options.unreadCount, t) },
    separator,
    { type: 'action', action: 'open-window', label: t('menu.tray.open', { app }) },
    { type: 'command', id: 'sync.all', label: t('menu.tray.syncNow') },
    separator,
    ...(options.updateReady ? [{ type: 'action', action: 'install-update', label: t('menu.restartToUpdate') } as const] : []),
    { type: 'action', action: 'quit', label: t('menu.tray.quit', { app }) },
  ];
}

export function trayTooltip(appName: string, unreadCount: number, t: Translate): string {
  return unreadCount > 0 ? t('menu.tray.tooltip', { app: appName, unread: unreadLabel(unreadCount, t) }) : appName;
}

function unreadLabel(count: number, t: Translate): string {
  return count === 0 ? t('menu.tray.noUnread') : t('menu.tray.unread', { count });
}
