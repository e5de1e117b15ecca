import { useEffect } from 'react';
import type { Settings } from '../../shared/db';
import { defaultHostSettings } from '../../shared/host';
import type { LocaleCode } from '../../shared/i18n/locales';
import { wordNotification } from '../../shared/notifications';
import { windowTranslator } from '../i18n/window-translator';
import { useLibrary } from '../library/library-context';

/**
 * Keeps the host in step with the library: the unread badge, the desktop settings (tray, login item, menu
 * accelerators), and the "new articles" notifications of each finished sync run (batched by the sync worker) while
 * the window is not in use.
 */
export function useDesktopIntegration(unreadTotal: number, settings: Settings, locale: LocaleCode): void {
  const { engine, host } = useLibrary();

  useEffect(() => {
    void host.setUnreadCount(unreadTotal);
  }, [host, unreadTotal]);

  useEffect(() => {
    void host.appInfo().then((info) => {
      const defaults = defaultHostSettings(info.ok ? info.value.os : 'linux');
      void host.setSettings({ ...defaults, tray: settings.tray ?? defaults.tray, startAtLogin: settings.startAtLogin, startHidden: settings.startHidden, keyBindings: settings.keyBindings, locale });
    });
  }, [host, settings.tray, settings.startAtLogin, settings.startHidden, settings.keyBindings, locale]);

  useEffect(
    () =>
      engine.onNotifications((notifications) => {
        // The worker checked the setting and muted feeds; only the window knows whether someone is looking at it.
        if (document.visibilityState === 'visible' && document.hasFocus()) return;
        for (const draft of notifications) void host.notify(wordNotification(draft, windowTranslator.t));
      }),
    [engine, host],
  );
}
