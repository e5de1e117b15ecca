/**
 * For render-cost tests: the sidebar, list and reader panes mounted over a real (in-memory) Dexie library, each
 * wrapped in React's Profiler so a test can count which of them committed after a change. The sync engine runs on
 * the test's thread, remote accounts do nothing, and search (a Worker, which jsdom has not) is whatever the test
 * passes in.
 */
import type { ProfilerOnRenderCallback, ReactNode } from 'react';
import { Profiler, act } from 'react';
import { createRoot } from 'react-dom/client';
import { I18nextProvider } from 'react-i18next';
import { expect } from 'vitest';
import type { BroadsheetDb } from '../../../../shared/db';
import { discoverFeeds } from '../../../../shared/feeds';
import { formattersFor } from '../../../../shared/i18n/format';
import { createSyncEngine } from '../../../../shared/sync';
import { welcomeArticle } from '../../../../shared/welcome';
import { ListPane } from '../../../../renderer/components/panes/list/ListPane';
import { ReaderPane } from '../../../../renderer/components/panes/reader/ReaderPane';
import { Sidebar } from '../../../../renderer/components/panes/sidebar/Sidebar';
import { unavailableHost } from '../../../../renderer/host/unavailable-host';
import { windowTranslator } from '../../../../renderer/i18n/window-translator';
import type { LibraryServices } from '../../../../renderer/library/library-context';
import { LibraryContext } from '../../../../renderer/library/library-context';
import type { OfflineWorker } from '../../../../renderer/offline/offline-worker';
import { createPreparedDocuments } from '../../../../renderer/reader/prepared-documents';
import type { SearchService } from '../../../../renderer/search/search-service';
import type { AppState } from '../../../../renderer/state/app-context';
import { AppStateContext } from '../../../../renderer/state/app-context';
import { createLibraryStore } from '../../../../renderer/state/library-store';
import type { UiState } from '../../../../renderer/state/ui-store';
import { createUiStore } from '../../../../renderer/state/ui-store';
import { noAccountCalls, noAccounts } from '../stand-in-accounts';

(globalThis as unknown as { IS_REACT_ACT_ENVIRONMENT: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

/** Offline copies are not part of these tests; a full-text load would fail the test. */
const noOffline = { enqueue: () => undefined, loadFullTextNow: () => Promise.reject(new Error('not expected')) } as unknown as OfflineWorker;

/** A search service around the test's own `search`, with an index that reports `indexed` articles ready. */
export function searchStandIn(search: SearchService['search'], indexed: number): SearchService {
  const indexReady = { phase: 'ready', indexed, total: indexed, size: indexed };
  return {
    ready: Promise.resolve(null),
    search,
    indexArticles: () => undefined,
    takeArticlesFrom: () => undefined,
    forgetArticles: () => undefined,
    progress: () => indexReady,
    onProgress: () => () => undefined,
  } as unknown as SearchService;
}

/** Wraps `children` in a Profiler that counts its commits under `id`. */
export type Probe = (id: string, children: ReactNode) => ReactNode;

export interface PanesOptions {
  search: SearchService;
  /** Where the window starts: the view and the selected article. */
  ui: Pick<UiState, 'view' | 'selectedId'>;
  /** More probed components rendered beside the panes, inside the same providers (single sidebar rows, say). */
  extra?: (probe: Probe) => ReactNode;
}

export interface MountedPanes {
  app: AppState;
  container: HTMLElement;
  /** Commits per probe id ('sidebar', 'list', 'reader', and the extras'); clear it before the change under test. */
  commits: Map<string, number>;
  /** Unmounts, disconnects the library store and closes `db`. */
  unmount(): void;
}

export async function mountPanes(db: BroadsheetDb, options: PanesOptions): Promise<MountedPanes> {
  const services: LibraryServices = {
    db,
    // The engine itself (the window talks to it through the sync worker's client, which adds two listeners).
    engine: { ...createSyncEngine({ db, host: unavailableHost, now: Date.now, discoverFeeds }), onNotifications: () => () => undefined, onFullTextWanted: () => () => undefined, sendArticlesTo: () => undefined, onArticlesToIndex: () => () => undefined, ...noAccountCalls },
    accounts: noAccounts,
    host: unavailableHost,
    search: options.search,
    connected: false,
  };
  const library = createLibraryStore();
  const stopLibrary = library.connect(db);
  const app: AppState = {
    ui: createUiStore(options.ui),
    library,
    shownList: { items: [], loaded: false, keep: () => undefined, pendingMove: null, welcomeDecided: true },
    reader: { current: null },
    searchInput: { current: null },
    offline: noOffline,
    documents: createPreparedDocuments(db),
    welcome: welcomeArticle(false, windowTranslator.t, formattersFor('en')),
    isMac: false,
  };

  const commits = new Map<string, number>();
  const count: ProfilerOnRenderCallback = (id) => commits.set(id, (commits.get(id) ?? 0) + 1);
  const probe: Probe = (id, children) => (
    <Profiler id={id} onRender={count}>
      {children}
    </Profiler>
  );
  const container = document.createElement('div');
  document.body.append(container);
  const root = createRoot(container);
  await act(async () => {
    root.render(
      <I18nextProvider i18n={windowTranslator.i18n}>
        <LibraryContext.Provider value={services}>
          <AppStateContext.Provider value={app}>
            {probe('sidebar', <Sidebar />)}
            {probe('list', <ListPane />)}
            {probe('reader', <ReaderPane />)}
            {options.extra?.(probe)}
          </AppStateContext.Provider>
        </LibraryContext.Provider>
      </I18nextProvider>,
    );
  });
  const unmount = () => {
    act(() => root.unmount());
    stopLibrary();
    container.remove();
    db.close();
  };
  return { app, container, commits, unmount };
}

/** Resolves once `condition` holds, re-checked after each React commit and Dexie round trip. */
export async function until(condition: () => boolean): Promise<void> {
  for (let tries = 0; tries < 500 && !condition(); tries++) {
    await act(async () => {
      await new Promise((resolve) => setTimeout(resolve, 0));
    });
  }
  expect(condition()).toBe(true);
}

/**
 * Resolves once no component has committed for 20 turns of the event loop, each with a Dexie round trip in it: the
 * live queries started by the last write (the open's mark-read, say) have all answered and rendered. A fixed number
 * of turns was not enough when the machine was busy, and a late commit from setup was then counted as the change's.
 */
export async function settle(commits: Map<string, number>, db: BroadsheetDb): Promise<void> {
  const total = () => [...commits.values()].reduce((sum, n) => sum + n, 0);
  let quiet = 0;
  for (let turns = 0; turns < 1_000 && quiet < 20; turns++) {
    const before = total();
    await act(async () => {
      await db.articles.count();
      await new Promise((resolve) => setTimeout(resolve, 0));
    });
    quiet = total() === before ? quiet + 1 : 0;
  }
  expect(quiet).toBe(20);
}
