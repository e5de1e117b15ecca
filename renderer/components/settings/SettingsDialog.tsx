import { useEffect, useId, useRef, useState } from 'react';
import type { KeyBindings } from '../../../shared/commands';
import type { Settings } from '../../../shared/db';
import { useSettings } from '../../hooks/use-settings';
import { BackupSettings } from './BackupSettings';
import { AccountsSettings } from './AccountsSettings';
import { DesktopSettings } from './DesktopSettings';
import { SettingsField as Field } from './SettingsField';
import { Dialog } from '../primitives/Dialog';
import { RulesSettings } from './RulesSettings';
import { retentionChoices, storageBudgets, syncIntervals } from './setting-choices';
import { ShortcutEditor } from './ShortcutEditor';
import { StorageSummary } from './StorageSummary';
import { toStored } from './shortcut-bindings';

interface SettingsDialogProps {
  open: boolean;
  isMac: boolean;
  onClose: () => void;
  onImportOpml: () => void;
  /** A section to open at (a command asked for it), else the last one shown. */
  openAt?: string | null;
}

const sections = ['Appearance', 'Reading', 'Sync', 'Accounts', 'Rules', 'Storage', 'Keyboard', 'Desktop', 'Backup'] as const;
export type SettingsSection = (typeof sections)[number];
type Section = SettingsSection;

/** Preferences, applied and stored as soon as they change (no Save button). */
export function SettingsDialog({ open, openAt = null, isMac, onClose, onImportOpml }: SettingsDialogProps) {
  const [stored, update] = useSettings();
  // What the user just chose shows at once (controls stay responsive) while the write and the live query catch up.
  const [chosen, setChosen] = useState<Partial<Settings>>({});
  const settings: Settings = { ...stored, ...chosen };
  const [section, setSection] = useState<Section>('Appearance');
  const [error, setError] = useState<string | null>(null);
  const tabsId = useId();

  const tabs = useRef<HTMLDivElement>(null);
  // Start on the selected tab (the dialog itself would focus its Esc button).
  useEffect(() => {
    if (open) tabs.current?.querySelector<HTMLElement>('[aria-selected="true"]')?.focus();
    setChosen({});
  }, [open]);
  // Opened at a section by a command: that tab is selected and focused once it renders.
  const focusSelectedTab = useRef(false);
  useEffect(() => {
    if (open && openAt !== null && (sections as readonly string[]).includes(openAt)) {
      focusSelectedTab.current = true;
      setSection(openAt as Section);
    }
  }, [open, openAt]);
  useEffect(() => {
    if (!focusSelectedTab.current) return;
    focusSelectedTab.current = false;
    tabs.current?.querySelector<HTMLElement>('[aria-selected="true"]')?.focus();
  }, [section]);

  const set = (patch: Partial<Settings>) => {
    setChosen((previous) => ({ ...previous, ...patch }));
    void update(patch).then((errors) => {
      setError(errors[0] ?? null);
      // A refused value goes back to what is stored.
      if (errors.length > 0)
        setChosen((previous) => Object.fromEntries(Object.entries(previous).filter(([key]) => !(key in patch))) as Partial<Settings>);
    });
  };
  const tabId = (name: Section) => `${tabsId}-${name}`;

  const panel = (() => {
    switch (section) {
      case 'Appearance':
        return (
          <>
            <Field label="Theme">
              <select value={settings.theme} onChange={(event) => set({ theme: event.target.value as Settings['theme'] })}>
                <option value="system">Same as the system</option>
                <option value="light">Light</option>
                <option value="dark">Dark</option>
                <option value="sepia">Sepia</option>
              </select>
            </Field>
            <Field label="Reader font">
              <select value={settings.readerFont} onChange={(event) => set({ readerFont: event.target.value as Settings['readerFont'] })}>
                <option value="serif">Serif</option>
                <option value="sans">Sans-serif</option>
                <option value="mono">Monospace</option>
              </select>
            </Field>
            <Field label={`Font size: ${settings.readerFontSize} px`}>
              <input type="range" min={12} max={28} step={1} value={settings.readerFontSize} onChange={(event) => set({ readerFontSize: Number(event.target.value) })} />
            </Field>
            <Field label={`Line height: ${settings.readerLineHeight.toFixed(2)}`}>
              <input type="range" min={1.2} max={2.2} step={0.05} value={settings.readerLineHeight} onChange={(event) => set({ readerLineHeight: Number(event.target.value) })} />
            </Field>
            <p className={`settings-preview font-${settings.readerFont}`} style={{ fontSize: settings.readerFontSize, lineHeight: settings.readerLineHeight }}>
              The quick brown fox jumps over the lazy dog. Articles read like this in the reader pane.
            </p>
          </>
        );
      case 'Reading':
        return (
          <>
            <Field label="Mark an article as read">
              <select value={settings.markReadOn} onChange={(event) => set({ markReadOn: event.target.value as Settings['markReadOn'] })}>
                <option value="open">When it is opened</option>
                <option value="delay">After it has been open a few seconds</option>
                <option value="manual">Only when I mark it (M)</option>
              </select>
            </Field>
            {settings.markReadOn === 'delay' ? (
              <Field label="Seconds before it counts as read">
                <input type="number" min={1} max={600} value={settings.markReadDelaySeconds} onChange={(event) => event.target.value && set({ markReadDelaySeconds: Number(event.target.value) })} />
              </Field>
            ) : null}
            <label className="settings-check">
              <input type="checkbox" checked={settings.fullTextDefault} onChange={(event) => set({ fullTextDefault: event.target.checked })} />
              <span>Load the full text of new articles (for feeds that only send a summary; each feed can say otherwise)</span>
            </label>
          </>
        );
      case 'Sync':
        return (
          <Field label="Check feeds for new articles" hint="Feeds that publish rarely are checked less often; a feed’s own setting wins.">
            <select value={settings.syncIntervalMinutes} onChange={(event) => set({ syncIntervalMinutes: Number(event.target.value) })}>
              {withCurrent(syncIntervals, settings.syncIntervalMinutes, (minutes) => ({ minutes, label: `Every ${minutes} minutes` }), (choice) => choice.minutes).map((choice) => (
                <option key={choice.minutes} value={choice.minutes}>
                  {choice.label}
                </option>
              ))}
            </select>
          </Field>
        );
      case 'Accounts':
        return <AccountsSettings />;
      case 'Storage':
        return (
          <>
            <Field label="Keep articles" hint="Older read articles are removed; bookmarks and unread articles are always kept.">
              <select value={settings.retentionDays ?? ''} onChange={(event) => set({ retentionDays: event.target.value ? Number(event.target.value) : null })}>
                {withCurrent(retentionChoices, settings.retentionDays, (days) => ({ days, label: `${days} days` }), (choice) => choice.days).map((choice) => (
                  <option key={choice.days ?? 'forever'} value={choice.days ?? ''}>
                    {choice.label}
                  </option>
                ))}
              </select>
            </Field>
            <label className="settings-check">
              <input type="checkbox" checked={settings.offlineImages} onChange={(event) => set({ offlineImages: event.target.checked })} />
              <span>Keep the images of new articles for reading offline</span>
            </label>
            <Field label="Space for offline images" hint="When it is full, the images of the oldest read articles go first; bookmarks keep theirs.">
              <select value={settings.storageBudgetBytes} onChange={(event) => set({ storageBudgetBytes: Number(event.target.value) })}>
                {withCurrent(storageBudgets, settings.storageBudgetBytes, (bytes) => ({ bytes, label: `${Math.round(bytes / 1024 ** 2)} MB` }), (choice) => choice.bytes).map((choice) => (
                  <option key={choice.bytes} value={choice.bytes}>
                    {choice.label}
                  </option>
                ))}
              </select>
            </Field>
            <StorageSummary />
          </>
        );
      case 'Keyboard':
        return <ShortcutEditor bindings={settings.keyBindings as KeyBindings} isMac={isMac} onChange={(bindings) => set({ keyBindings: toStored(bindings) })} />;
      case 'Desktop':
        return <DesktopSettings settings={settings} set={set} />;
      case 'Rules':
        return <RulesSettings />;
      case 'Backup':
        return <BackupSettings onImportOpml={onImportOpml} />;
    }
  })();

  return (
    <Dialog open={open} title="Settings" onClose={onClose} className="settings-dialog">
      <div className="settings-layout">
        <div ref={tabs} className="settings-tabs" role="tablist" aria-label="Settings sections" aria-orientation="vertical">
          {sections.map((name) => (
            <button
              key={name}
              type="button"
              role="tab"
              id={tabId(name)}
              aria-selected={section === name}
              tabIndex={section === name ? 0 : -1}
              className="settings-tab"
              onClick={() => setSection(name)}
              onKeyDown={(event) => {
                const step = event.key === 'ArrowDown' ? 1 : event.key === 'ArrowUp' ? -1 : 0;
                if (!step) return;
                event.preventDefault();
                const next = sections[(sections.indexOf(name) + step + sections.length) % sections.length] ?? name;
                setSection(next);
                document.getElementById(tabId(next))?.focus();
              }}
            >
              {name}
            </button>
          ))}
        </div>
        <div className="settings-panel" role="tabpanel" aria-labelledby={tabId(section)}>
          {panel}
          {error ? (
            <p className="form-error" role="alert">
              {error}
            </p>
          ) : null}
        </div>
      </div>
    </Dialog>
  );
}

/** The choices, plus the stored value when it is none of them (set by an older build or by hand). */
function withCurrent<T, V>(choices: T[], current: V, make: (value: V) => T, valueOf: (choice: T) => V): T[] {
  return choices.some((choice) => valueOf(choice) === current) ? choices : [...choices, make(current)];
}
