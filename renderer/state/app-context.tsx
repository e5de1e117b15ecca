/**
 * The window's state, created once per window beside the library services: the UI store, the library store, and
 * the few live handles commands need (the list as shown, the reader, the search field).
 */
import type { RefObject } from 'react';
import { createContext, useContext } from 'react';
import type { WelcomeArticle } from '../../shared/welcome';
import type { ArticleListItem } from '../components/panes/list/article-list-item';
import type { ReaderFrameHandle } from '../components/panes/reader/ReaderFrame';
import type { OfflineWorker } from '../offline/offline-worker';
import type { PreparedDocuments } from '../reader/prepared-documents';
import type { LibraryState, LibraryStore } from './library-store';
import { shallowEqual, useStore, useStoreInTransition } from './store';
import type { UiState, UiStore } from './ui-store';

/** The article list as it is on screen, for commands (j/k, mark view read); not a source for rendering. */
export interface ShownList {
  items: readonly ArticleListItem[];
  loaded: boolean;
  /** Keeps an article listed in an unread-only view after it is read here. */
  keep(id: string): void;
  /** A j/k/n/p pressed before the list had loaded, made once it has (renderer/commands/selection). */
  pendingMove: { step: 1 | -1; unreadOnlyStep: boolean } | null;
  /** Set once the first library read decided whether to open the welcome article. */
  welcomeDecided: boolean;
}

export interface AppState {
  ui: UiStore;
  library: LibraryStore;
  shownList: ShownList;
  reader: RefObject<ReaderFrameHandle | null>;
  searchInput: RefObject<HTMLInputElement | null>;
  offline: OfflineWorker;
  /** Reader documents read and sanitised ahead (the selected article's neighbours). */
  documents: PreparedDocuments;
  welcome: WelcomeArticle;
  isMac: boolean;
}

export const AppStateContext = createContext<AppState | null>(null);

export function useAppState(): AppState {
  const state = useContext(AppStateContext);
  if (!state) throw new Error('useAppState outside AppStateContext');
  return state;
}

/** A slice of the UI state; the component re-renders only when the slice changes. */
export function useUi<S>(selector: (state: UiState) => S, isEqual?: (a: S, b: S) => boolean): S {
  return useStore(useAppState().ui, selector, isEqual);
}

/**
 * A slice of the library state; the component re-renders only when the slice changes, in a transition (the library
 * changes with every sync commit, and those renders must not block typing or scrolling: see useStoreInTransition).
 */
export function useLibraryState<S>(selector: (state: LibraryState) => S, isEqual?: (a: S, b: S) => boolean): S {
  return useStoreInTransition(useAppState().library, selector, isEqual);
}

export { shallowEqual };
