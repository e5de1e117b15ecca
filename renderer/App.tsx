/**
 * The window: the three panes in their shell, the dialogs, and the window's effects. State lives in two stores
 * (renderer/state: the UI store and the library store fed by live queries) that panes read through selectors, and
 * commands (renderer/commands) change; this file only creates them and composes the panes.
 */
import { useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { KeyBindings } from '../shared/commands';
import { welcomeArticle } from '../shared/welcome';
import { Shell } from './app/Shell';
import { WindowEffects } from './app/WindowEffects';
import type { CommandContext } from './commands/command-context';
import { Dialogs } from './components/dialogs/Dialogs';
import { ListPane } from './components/panes/list/ListPane';
import type { ReaderFrameHandle } from './components/panes/reader/ReaderFrame';
import { ReaderPane } from './components/panes/reader/ReaderPane';
import { Sidebar } from './components/panes/sidebar/Sidebar';
import { LocaleProvider } from './i18n/locale-context';
import { useSettings } from './hooks/use-settings';
import { useFormatters } from './i18n/use-formatters';
import { isMacPlatform } from './keyboard/use-command-keys';
import { useLibrary } from './library/library-context';
import { useOffline } from './offline/use-offline';
import { createPreparedDocuments } from './reader/prepared-documents';
import type { AppState } from './state/app-context';
import { AppStateContext } from './state/app-context';
import { createLibraryStore } from './state/library-store';
import { createUiStore } from './state/ui-store';

export function App() {
  const services = useLibrary();
  const offline = useOffline();
  const reader = useRef<ReaderFrameHandle>(null);
  const searchInput = useRef<HTMLInputElement>(null);
  const { t } = useTranslation();
  const format = useFormatters();
  const [app] = useState<Omit<AppState, 'offline' | 'reader' | 'searchInput' | 'welcome'>>(() => {
    const isMac = isMacPlatform();
    return {
      ui: createUiStore(),
      library: createLibraryStore(),
      shownList: { items: [], loaded: false, keep: () => undefined, pendingMove: null, welcomeDecided: false },
      documents: createPreparedDocuments(services.db),
      isMac,
    };
  });
  // Made again in a new language or with keys rebound: the list and the reader show it like any article. Compared
  // by content, so saving another setting does not make a new app state (which every pane reads).
  const [settings] = useSettings();
  const bindings = JSON.stringify(settings.keyBindings ?? {});
  const welcome = useMemo(() => welcomeArticle(app.isMac, t, format, JSON.parse(bindings) as KeyBindings), [app.isMac, t, format, bindings]);
  const state: AppState = useMemo(() => ({ ...app, welcome, offline, reader, searchInput }), [app, welcome, offline]);
  const ctx: CommandContext = useMemo(() => ({ ...services, ...state }), [services, state]);
  useEffect(() => app.library.connect(services.db), [app.library, services.db]);
  useEffect(() => () => app.documents.clear(), [app.documents]);

  return (
    <LocaleProvider>
      <AppStateContext.Provider value={state}>
        <Shell ctx={ctx}>
          <Sidebar />
          <ListPane />
          <ReaderPane />
          <Dialogs ctx={ctx} />
        </Shell>
        <WindowEffects ctx={ctx} />
      </AppStateContext.Provider>
    </LocaleProvider>
  );
}
