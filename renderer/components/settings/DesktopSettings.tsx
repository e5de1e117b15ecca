import { useEffect, useState } from 'react';
import type { Settings } from '../../../shared/db';
import { defaultHostSettings } from '../../../shared/host';
import { useLibrary } from '../../library/library-context';

interface DesktopSettingsProps {
  settings: Settings;
  set: (patch: Partial<Settings>) => void;
}

/** The Desktop section of Settings: tray, login item, notifications. The host applies them (useDesktopIntegration). */
export function DesktopSettings({ settings, set }: DesktopSettingsProps) {
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
  const trayName = info?.os === 'darwin' ? 'menu bar' : 'tray';

  return (
    <>
      {info?.host === 'browser' ? <p className="settings-hint">These apply to the desktop app; this page runs in a browser, where they are kept but do nothing.</p> : null}
      <label className="settings-check">
        <input type="checkbox" checked={settings.notifyNewArticles} onChange={(event) => set({ notifyNewArticles: event.target.checked })} />
        <span>Notify me of new articles while Broadsheet is in the background</span>
      </label>
      <label className="settings-check">
        <input type="checkbox" checked={settings.tray ?? trayDefault} onChange={(event) => set({ tray: event.target.checked })} />
        <span>Keep running in the {trayName} when the window is closed</span>
      </label>
      <label className="settings-check">
        <input type="checkbox" checked={settings.startAtLogin} onChange={(event) => set({ startAtLogin: event.target.checked, ...(event.target.checked ? {} : { startHidden: false }) })} />
        <span>Start Broadsheet when I log in</span>
      </label>
      <label className="settings-check settings-sub">
        <input type="checkbox" disabled={!settings.startAtLogin} checked={settings.startHidden} onChange={(event) => set({ startHidden: event.target.checked })} />
        <span>…in the {trayName}, without opening the window</span>
      </label>
    </>
  );
}
