/** Turns the pure menu description (shared/menu-template.ts) into Electron menu items wired to the app. */
import type { MenuItemConstructorOptions } from 'electron';
import type { CommandId } from '../shared/commands';
import type { MenuAction, MenuSpec } from '../shared/menu-template';

export interface MenuHandlers {
  command: (id: CommandId) => void;
  action: (action: MenuAction) => void;
}

export function toElectronTemplate(specs: readonly MenuSpec[], handlers: MenuHandlers): MenuItemConstructorOptions[] {
  return specs.map((spec): MenuItemConstructorOptions => {
    switch (spec.type) {
      case 'separator':
        return { type: 'separator' };
      case 'role':
        return { role: spec.role, label: spec.label };
      case 'label':
        return { label: spec.label, enabled: false };
      case 'action':
        return { label: spec.label, click: () => handlers.action(spec.action) };
      case 'command':
        return {
          label: spec.label,
          ...(spec.accelerator === undefined ? {} : { accelerator: spec.accelerator, registerAccelerator: spec.registerAccelerator ?? true }),
          click: () => handlers.command(spec.id),
        };
      case 'submenu':
        // On macOS a submenu with the window role gets the window list and "Bring All to Front" behaviour.
        return { label: spec.label, ...(spec.role ? { role: spec.role === 'windowMenu' ? 'window' : spec.role } : {}), submenu: toElectronTemplate(spec.items, handlers) };
    }
  });
}
