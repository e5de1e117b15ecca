import { useEffect, useState } from 'react';
import type { Settings } from '../../../shared/db';
import { defaultHostSettings } from '../../../shared/host';
import { useLibrary } from '../../library/library-context';
import { useTranslation } from 'react-i18next';

interface DesktopSettingsProps {
  settings: Settings;
  set: (patch: Partial<Settings>) => void;
}

/** The Desktop section of Settings: tray, login item, notifications. The host applies them (useDesktopIntegration). */
export function DesktopSettings({ settings, set }: DesktopSettingsProps) {
  const { t } = useTranslation();
  const { host } = useLibrary();
  const [info, setInfo] = useState<{ os: string; host: 'electron' | 'browser' } | null>(null);

  useEffect(() => {
    let live = true;
    void host.appInfo().then((result) => {
      if (live && result.ok) setInfo({ os: result.value.os, host: result.value.host });
    });
    return () => {
      live = false;
    };
  }, [host]);

  const trayDefault = defaultHostSettings(info?.os ?? 'linux').tray;
  const menuBar = info?.os === 'darwin';

  return (
    <>
      {info?.host === 'browser' ? <p className="settings-hint">{t('settings.desktop.browserHint')}</p> : null}
      <label className="settings-check">
        <input type="checkbox" checked={settings.notifyNewArticles} onChange={(event) => set({ notifyNewArticles: event.target.checked })} />
        <span>{t('settings.desktop.notify')}</span>
      </label>
      <label className="settings-check">
        <input type="checkbox" checked={settings.tray ?? trayDefault} onChange={(event) => set({ tray: event.target.checked })} />
        <span>{menuBar ? t('settings.desktop.keepInMenuBar') : t('settings.desktop.keepInTray')}</span>
      </label>
      <label className="settings-check">
        <input type="checkbox" checked={settings.startAtLogin} onChange={(event) => set({ startAtLogin: event.target.checked, ...(event.target.checked ? {} : { startHidden: false }) })} />
        <span>{t('settings.desktop.startAtLogin')}</span>
      </label>
      <label className="settings-check settings-sub">
        <input type="checkbox" disabled={!settings.startAtLogin} checked={settings.startHidden} onChange={(event) => set({ startHidden: event.target.checked })} />
        <span>{menuBar ? t('settings.desktop.startInMenuBar') : t('settings.desktop.startInTray')}</span>
      </label>
    </>
  );
}
