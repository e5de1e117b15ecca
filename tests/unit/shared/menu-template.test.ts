import { describe, expect, it } from 'vitest';
import type { CommandId } from '../../../shared/commands';
import { commandIds, commandTitleKey } from '../../../shared/commands';
import { bundledCatalogues as catalogueFiles } from '../../../shared/i18n/catalogues';
import { createTranslator, loadTranslator } from '../../../shared/i18n/translator';
import type { MenuSpec } from '../../../shared/menu-template';
import { buildMenuTemplate as buildMenu, buildTrayTemplate as buildTray, chordToAccelerator, commandsInTemplate, menuAcceleratorFor, trayTooltip as tooltip, menuTitle } from '../../../shared/menu-template';

function commandItem(template: readonly MenuSpec[], id: CommandId): Extract<MenuSpec, { type: 'command' }> | undefined {
  for (const item of template) {
    if (item.type === 'command' && item.id === id) return item;
    if (item.type === 'submenu') {
      const found = commandItem(item.items, id);
      if (found) return found;
    }
  }
  return undefined;
}

const { t } = createTranslator();
const buildMenuTemplate = (options: Omit<Parameters<typeof buildMenu>[0], 't'>) => buildMenu({ ...options, t });
const buildTrayTemplate = (options: Omit<Parameters<typeof buildTray>[0], 't'>) => buildTray({ ...options, t });
const trayTooltip = (appName: string, count: number) => tooltip(appName, count, t);

const topLabels = (template: readonly MenuSpec[]) => template.map((item) => (item.type === 'submenu' ? item.label : item.type === 'role' ? item.role : item.type));

describe('catalogue keys as Electron accelerators', () => {
  it.each([
    ['mod+k', 'CmdOrCtrl+K', true],
    ['mod+,', 'CmdOrCtrl+,', true],
    ['mod+shift+r', 'CmdOrCtrl+Shift+R', true],
    ['alt+arrowleft', 'Alt+Left', true],
    ['ctrl+meta+f', 'Ctrl+Super+F', true],
    ['f5', 'F5', true],
    ['mod++', 'CmdOrCtrl+Plus', true],
    ['j', 'J', false],
    ['shift+a', 'Shift+A', false],
    ['space', 'Space', false],
    ['shift+space', 'Shift+Space', false],
    ['enter', 'Enter', false],
    ['escape', 'Escape', false],
    ['arrowright', 'Right', false],
    ['?', '?', false],
    ['/', '/', false],
    [']', ']', false],
  ])('%s → %s (registered: %s)', (chord, accelerator, registerAccelerator) => {
    expect(chordToAccelerator(chord)).toEqual({ accelerator, registerAccelerator });
  });

  it('has no accelerator for a sequence or an unknown key', () => {
    expect(chordToAccelerator('g a')).toBeNull();
    expect(chordToAccelerator('hyper+x')).toBeNull();
    expect(chordToAccelerator('mod+mod+x')).toBeNull();
    expect(chordToAccelerator('mod+é')).toBeNull();
    expect(chordToAccelerator('')).toBeNull();
  });

  it('prefers a binding with a modifier, which can be registered', () => {
    expect(menuAcceleratorFor('article.next', { 'article.next': ['j', 'mod+j'] })).toEqual({ accelerator: 'CmdOrCtrl+J', registerAccelerator: true });
    expect(menuAcceleratorFor('article.open')).toEqual({ accelerator: 'O', registerAccelerator: false });
    expect(menuAcceleratorFor('go.all')).toBeNull();
    expect(menuAcceleratorFor('opml.import')).toBeNull();
  });
});

describe('the application menu', () => {
  for (const platform of ['darwin', 'win32', 'linux']) {
    it(`offers every catalogue command exactly once, with its title (${platform})`, () => {
      const template = buildMenuTemplate({ platform, appName: 'Broadsheet' });
      const ids = commandsInTemplate(template);
      expect([...ids].sort()).toEqual([...commandIds].sort());
      for (const id of commandIds) expect(commandItem(template, id)?.label).toBe(t(commandTitleKey(id)));
    });
  }

  it('shows the catalogue keys as accelerators, registering only those with a modifier', () => {
    const template = buildMenuTemplate({ platform: 'linux', appName: 'Broadsheet' });
    expect(commandItem(template, 'palette.open')).toMatchObject({ accelerator: 'CmdOrCtrl+K', registerAccelerator: true });
    expect(commandItem(template, 'settings.open')).toMatchObject({ accelerator: 'CmdOrCtrl+,', registerAccelerator: true });
    expect(commandItem(template, 'article.next')).toMatchObject({ accelerator: 'J', registerAccelerator: false });
    expect(commandItem(template, 'sync.all')).toMatchObject({ accelerator: 'Shift+R', registerAccelerator: false });
    expect(commandItem(template, 'go.all')?.accelerator).toBeUndefined();
  });

  it('leaves modifier-less keys out on macOS, where they cannot be shown without being bound', () => {
    const template = buildMenuTemplate({ platform: 'darwin', appName: 'Broadsheet' });
    expect(commandItem(template, 'article.next')?.accelerator).toBeUndefined();
    expect(commandItem(template, 'palette.open')).toMatchObject({ accelerator: 'CmdOrCtrl+K', registerAccelerator: true });
    const rebound = buildMenuTemplate({ platform: 'darwin', appName: 'Broadsheet', keyBindings: { 'article.next': ['alt+j'] } });
    expect(commandItem(rebound, 'article.next')).toMatchObject({ accelerator: 'Alt+J', registerAccelerator: true });
  });

  it('follows the user rebinding a shortcut', () => {
    const template = buildMenuTemplate({ platform: 'win32', appName: 'Broadsheet', keyBindings: { 'sync.all': ['mod+shift+r'], 'article.next': [] } });
    expect(commandItem(template, 'sync.all')).toMatchObject({ accelerator: 'CmdOrCtrl+Shift+R', registerAccelerator: true });
    expect(commandItem(template, 'article.next')?.accelerator).toBeUndefined();
    expect(commandItem(template, 'article.previous')).toMatchObject({ accelerator: 'K' });
  });

  it('follows macOS conventions: app menu with about, hide and quit; Edit and Window menus', () => {
    const template = buildMenuTemplate({ platform: 'darwin', appName: 'Broadsheet' });
    expect(topLabels(template)).toEqual(['Broadsheet', 'File', 'Edit', 'View', 'Go', 'Article', 'Window', 'Help']);
    const appMenu = template[0];
    expect(appMenu?.type === 'submenu' && appMenu.items.filter((item) => item.type === 'role').map((item) => item.type === 'role' && item.role)).toEqual([
      'about',
      'services',
      'hide',
      'hideOthers',
      'unhide',
      'quit',
    ]);
  });

  it('follows Windows and Linux conventions: File, Edit, View, Go, Article, Help, with Quit in File', () => {
    for (const platform of ['win32', 'linux']) {
      const template = buildMenuTemplate({ platform, appName: 'Broadsheet' });
      expect(topLabels(template)).toEqual(['&File', '&Edit', '&View', '&Go', '&Article', '&Help']);
      const file = template[0];
      expect(file?.type === 'submenu' && file.items.at(-1)).toEqual({ type: 'role', role: 'quit', label: 'Quit Broadsheet' });
    }
  });

  it('offers Restart to Update only when an update is ready, and developer tools only in development', () => {
    const labels = (options: Parameters<typeof buildMenuTemplate>[0]) => JSON.stringify(buildMenuTemplate(options));
    for (const platform of ['darwin', 'linux']) {
      expect(labels({ platform, appName: 'B' })).not.toContain('install-update');
      expect(labels({ platform, appName: 'B', updateReady: true })).toContain('install-update');
    }
    expect(labels({ platform: 'linux', appName: 'B' })).not.toContain('toggleDevTools');
    expect(labels({ platform: 'linux', appName: 'B', devTools: true })).toContain('toggleDevTools');
  });
});

describe('the tray menu', () => {
  it('shows the unread count, Open, Sync Now and Quit', () => {
    const template = buildTrayTemplate({ appName: 'Broadsheet', unreadCount: 42 });
    expect(template[0]).toEqual({ type: 'label', label: '42 unread' });
    expect(template).toContainEqual({ type: 'action', action: 'open-window', label: 'Open Broadsheet' });
    expect(template).toContainEqual({ type: 'command', id: 'sync.all', label: 'Sync Now' });
    expect(template.at(-1)).toEqual({ type: 'action', action: 'quit', label: 'Quit Broadsheet' });
    expect(buildTrayTemplate({ appName: 'Broadsheet', unreadCount: 0 })[0]).toEqual({ type: 'label', label: 'No unread articles' });
    expect(JSON.stringify(buildTrayTemplate({ appName: 'B', unreadCount: 0, updateReady: true }))).toContain('install-update');
  });

  it('puts the count in the tooltip', () => {
    expect(trayTooltip('Broadsheet', 3)).toBe('Broadsheet: 3 unread');
    expect(trayTooltip('Broadsheet', 0)).toBe('Broadsheet');
  });
});

describe('the menus in another language', () => {
  it('words every item, the roles Electron would leave in English included, and keeps access keys off macOS', async () => {
    const pseudo = await loadTranslator('en-XA', catalogueFiles);
    for (const platform of ['darwin', 'linux']) {
      const labels: string[] = [];
      const walk = (items: readonly MenuSpec[]) => {
        for (const item of items) {
          if (item.type === 'submenu') {
            if (item.role !== 'appMenu') labels.push(item.label);
            walk(item.items);
          } else if (item.type !== 'separator') labels.push(item.label);
        }
      };
      walk(buildMenu({ platform, appName: 'Broadsheet', t: pseudo.t, updateReady: true, devTools: true }));
      walk(buildTray({ appName: 'Broadsheet', unreadCount: 3, updateReady: true, t: pseudo.t }));
      for (const label of labels) expect(label.replace(/Broadsheet/g, ''), label).not.toMatch(/[A-Za-z]{2}/);
      expect(labels.some((label) => label.includes('&'))).toBe(platform !== 'darwin');
    }
  });

  it('drops the access key marker on macOS, also the "(&F)" form', () => {
    expect(menuTitle('&File', true)).toBe('File');
    expect(menuTitle('ファイル(&F)', true)).toBe('ファイル');
    expect(menuTitle('ファイル(&F)', false)).toBe('ファイル(&F)');
  });
});
