import { useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useFormatters } from '../../i18n/use-formatters';
import type { KeyBindings } from '../../../shared/commands';
import type { Settings } from '../../../shared/db';
import { useSettings } from '../../hooks/use-settings';
import { BackupSettings } from './BackupSettings';
import { AccountsSettings } from './AccountsSettings';
import { DesktopSettings } from './DesktopSettings';
import { SettingsField as Field } from './SettingsField';
import { Dialog } from '../primitives/Dialog';
import { RulesSettings } from './RulesSettings';
import { budgetLabel, intervalLabel, retentionChoices, retentionLabel, storageBudgets, syncIntervals } from './setting-choices';
import { LanguageSettings } from './LanguageSettings';
import { ShortcutEditor } from './ShortcutEditor';
import { StorageSummary } from './StorageSummary';
import { toStored } from './shortcut-bindings';

interface SettingsDialogProps {
  open: boolean;
  isMac: boolean;
  onClose: () => void;
  onImportOpml: () => void;
  /** A section to open at (a command asked for it), else the last one shown. */
  openAt?: SettingsSection | null;
}

// Language last: a section added later must not move the tabs people (and their keyboard habits) already know.
const sections = ['appearance', 'reading', 'sync', 'accounts', 'rules', 'storage', 'keyboard', 'desktop', 'backup', 'language'] as const;
export type SettingsSection = (typeof sections)[number];

/** Preferences, applied and stored as soon as they change (no Save button). */
export function SettingsDialog({ open, openAt = null, isMac, onClose, onImportOpml }: SettingsDialogProps) {
  const { t } = useTranslation();
  const format = useFormatters();
  const [stored, update] = useSettings();
  // What the user just chose shows at once (controls stay responsive) while the write and the live query catch up.
  const [chosen, setChosen] = useState<Partial<Settings>>({});
  const settings: Settings = { ...stored, ...chosen };
  const [section, setSection] = useState<SettingsSection>('appearance');
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
    if (open && openAt !== null) {
      focusSelectedTab.current = true;
      setSection(openAt);
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
  const tabId = (name: SettingsSection) => `${tabsId}-${name}`;

  const panel = (() => {
    switch (section) {
      case 'appearance':
        return (
          <>
            <Field label={t('settings.appearance.theme')}>
              <select value={settings.theme} onChange={(event) => set({ theme: event.target.value as Settings['theme'] })}>
                <option value="system">{t('settings.appearance.themeSystem')}</option>
                <option value="light">{t('settings.appearance.themeLight')}</option>
                <option value="dark">{t('settings.appearance.themeDark')}</option>
                <option value="sepia">{t('settings.appearance.themeSepia')}</option>
              </select>
            </Field>
            <Field label={t('settings.appearance.font')}>
              <select value={settings.readerFont} onChange={(event) => set({ readerFont: event.target.value as Settings['readerFont'] })}>
                <option value="serif">{t('settings.appearance.fontSerif')}</option>
                <option value="sans">{t('settings.appearance.fontSans')}</option>
                <option value="mono">{t('settings.appearance.fontMono')}</option>
              </select>
            </Field>
            <Field label={t('settings.appearance.fontSize', { size: t('settings.appearance.pixels', { value: settings.readerFontSize }) })}>
              <input type="range" min={12} max={28} step={1} value={settings.readerFontSize} onChange={(event) => set({ readerFontSize: Number(event.target.value) })} />
            </Field>
            <Field label={t('settings.appearance.lineHeight', { value: format.decimal(settings.readerLineHeight, 2) })}>
              <input type="range" min={1.2} max={2.2} step={0.05} value={settings.readerLineHeight} onChange={(event) => set({ readerLineHeight: Number(event.target.value) })} />
            </Field>
            <p className={`settings-preview font-${settings.readerFont}`} style={{ fontSize: settings.readerFontSize, lineHeight: settings.readerLineHeight }}>
              {t('settings.appearance.preview')}
            </p>
          </>
        );
      case 'language':
        return <LanguageSettings choice={settings.language} onChoose={(language) => set({ language })} />;
      case 'reading':
        return (
          <>
            <Field label={t('settings.reading.markRead')}>
              <select value={settings.markReadOn} onChange={(event) => set({ markReadOn: event.target.value as Settings['markReadOn'] })}>
                <option value="open">{t('settings.reading.onOpen')}</option>
                <option value="delay">{t('settings.reading.afterDelay')}</option>
                <option value="manual">{t('settings.reading.manual')}</option>
              </select>
            </Field>
            {settings.markReadOn === 'delay' ? (
              <Field label={t('settings.reading.delaySeconds')}>
                {/* The bounds the library takes (shared/db/settings): 0 marks the article read as soon as it is open. */}
                <input type="number" min={0} max={600} value={settings.markReadDelaySeconds} onChange={(event) => event.target.value && set({ markReadDelaySeconds: Number(event.target.value) })} />
              </Field>
            ) : null}
            <label className="settings-check">
              <input type="checkbox" checked={settings.fullTextDefault} onChange={(event) => set({ fullTextDefault: event.target.checked })} />
              <span>{t('settings.reading.fullText')}</span>
            </label>
          </>
        );
      case 'sync':
        return (
          <Field label={t('settings.sync.interval')} hint={t('settings.sync.intervalHint')}>
            <select value={settings.syncIntervalMinutes} onChange={(event) => set({ syncIntervalMinutes: Number(event.target.value) })}>
              {withCurrent(syncIntervals, settings.syncIntervalMinutes, (minutes) => ({ minutes }), (choice) => choice.minutes).map((choice) => (
                <option key={choice.minutes} value={choice.minutes}>
                  {intervalLabel(choice.minutes, t)}
                </option>
              ))}
            </select>
          </Field>
        );
      case 'accounts':
        return <AccountsSettings />;
      case 'storage':
        return (
          <>
            <Field label={t('settings.storage.keep')} hint={t('settings.storage.keepHint')}>
              <select value={settings.retentionDays ?? ''} onChange={(event) => set({ retentionDays: event.target.value ? Number(event.target.value) : null })}>
                {withCurrent(retentionChoices, settings.retentionDays, (days) => ({ days }), (choice) => choice.days).map((choice) => (
                  <option key={choice.days ?? 'forever'} value={choice.days ?? ''}>
                    {retentionLabel(choice.days, t)}
                  </option>
                ))}
              </select>
            </Field>
            <label className="settings-check">
              <input type="checkbox" checked={settings.offlineImages} onChange={(event) => set({ offlineImages: event.target.checked })} />
              <span>{t('settings.storage.offlineImages')}</span>
            </label>
            <Field label={t('settings.storage.budget')} hint={t('settings.storage.budgetHint')}>
              <select value={settings.storageBudgetBytes} onChange={(event) => set({ storageBudgetBytes: Number(event.target.value) })}>
                {withCurrent(storageBudgets, settings.storageBudgetBytes, (bytes) => ({ bytes }), (choice) => choice.bytes).map((choice) => (
                  <option key={choice.bytes} value={choice.bytes}>
                    {budgetLabel(choice.bytes, format)}
                  </option>
                ))}
              </select>
            </Field>
            <StorageSummary />
          </>
        );
      case 'keyboard':
        return <ShortcutEditor bindings={settings.keyBindings as KeyBindings} isMac={isMac} onChange={(bindings) => set({ keyBindings: toStored(bindings) })} />;
      case 'desktop':
        return <DesktopSettings settings={settings} set={set} />;
      case 'rules':
        return <RulesSettings />;
      case 'backup':
        return <BackupSettings onImportOpml={onImportOpml} />;
    }
  })();

  return (
    <Dialog open={open} title={t('settings.title')} onClose={onClose} className="settings-dialog">
      <div className="settings-layout">
        <div ref={tabs} className="settings-tabs" role="tablist" aria-label={t('settings.sectionsLabel')} aria-orientation="vertical">
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
              {t(`settings.sections.${name}`)}
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
function withCurrent<T, V>(choices: readonly T[], current: V, make: (value: V) => T, valueOf: (choice: T) => V): readonly T[] {
  return choices.some((choice) => valueOf(choice) === current) ? choices : [...choices, make(current)];
}
