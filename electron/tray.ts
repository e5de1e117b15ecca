/**
 * The tray icon (menu bar extra on macOS): unread count in the tooltip and the menu's first line, Open, Sync Now,
 * Quit. Clicking the icon itself opens the window where the OS reports clicks (Windows, some Linux trays).
 */
import type { Menu as ElectronMenu, MenuItemConstructorOptions, NativeImage, Tray as ElectronTray } from 'electron';
import type { Translate } from '../shared/i18n/translator';
import { buildTrayTemplate, trayTooltip } from '../shared/menu-template';
import type { MenuHandlers } from './app-menu';
import { toElectronTemplate } from './app-menu';

export interface TrayDeps {
  Tray: new (image: NativeImage) => Pick<ElectronTray, 'setToolTip' | 'setContextMenu' | 'on' | 'destroy'>;
  Menu: { buildFromTemplate(template: MenuItemConstructorOptions[]): ElectronMenu };
  icon: NativeImage;
  appName: string;
  handlers: MenuHandlers;
  /** The main process's translator: it follows the language chosen, and main.ts updates the tray when that changes. */
  t: Translate;
}

export interface TrayState {
  unreadCount: number;
  updateReady: boolean;
}

export interface TrayController {
  update(state: TrayState): void;
  destroy(): void;
}

export function createTray(deps: TrayDeps, initial: TrayState): TrayController {
  const tray = new deps.Tray(deps.icon);
  tray.on('click', () => deps.handlers.action('open-window'));
  const update = (state: TrayState) => {
    tray.setToolTip(trayTooltip(deps.appName, state.unreadCount, deps.t));
    const template = buildTrayTemplate({ appName: deps.appName, unreadCount: state.unreadCount, updateReady: state.updateReady, t: deps.t });
    tray.setContextMenu(deps.Menu.buildFromTemplate(toElectronTemplate(template, deps.handlers)));
  };
  update(initial);
  return { update, destroy: () => tray.destroy() };
}
