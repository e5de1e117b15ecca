/**
 * What the window shows that is not library data: the selected view and article, list options, which dialog or
 * menu is open, toasts and the sync status line. Commands (renderer/commands) change it; panes read slices of it.
 */
import type { FeedRow } from '../../shared/db';
import type { SyncProgress } from '../../shared/sync';
import type { PromptRequest } from '../components/dialogs/PromptDialog';
import type { RuleRequest } from '../components/dialogs/RuleDialog';
import type { MenuItem } from '../components/primitives/ContextMenu';
import type { Toast } from '../components/primitives/Toasts';
import type { SettingsSection } from '../components/settings/SettingsDialog';
import type { SelectedView } from '../library/views';
import type { Store } from './store';
import { createStore } from './store';

export type ListOrder = 'newest' | 'oldest';

export interface MenuState {
  at: { x: number; y: number };
  label: string;
  items: MenuItem[];
}

export interface UiState {
  view: SelectedView;
  order: ListOrder;
  unreadOnly: boolean;
  selectedId: string | null;
  /** Whether the list shows any article (the reader's empty message says what to do). */
  listHasItems: boolean;
  /** Whether the list of the current view has loaded (list keys pressed before wait for it). */
  listReady: boolean;
  /** The view Escape returns to from search. */
  searchReturn: SelectedView;
  addFeed: { open: boolean; url: string };
  prompt: PromptRequest | null;
  menu: MenuState | null;
  helpOpen: boolean;
  settingsOpen: boolean;
  /** The Settings section a command opened it at ("Add account…" → Accounts); null: where it was last. */
  settingsSection: SettingsSection | null;
  paletteOpen: boolean;
  opmlOpen: boolean;
  feedSettings: FeedRow | null;
  /** The "Mute / Notify me about articles like this…" dialog's rule, while it is open. */
  ruleRequest: RuleRequest | null;
  toasts: readonly Toast[];
  syncProgress: SyncProgress;
  online: boolean;
}

export type UiStore = Store<UiState>;

export const idleSync: SyncProgress = { running: false, done: 0, total: 0, newArticles: 0, errors: 0 };

export function createUiStore(initial: Partial<UiState> = {}): UiStore {
  return createStore<UiState>({
    view: { kind: 'unread' },
    order: 'newest',
    unreadOnly: false,
    selectedId: null,
    listHasItems: false,
    listReady: false,
    searchReturn: { kind: 'unread' },
    addFeed: { open: false, url: '' },
    prompt: null,
    menu: null,
    helpOpen: false,
    settingsOpen: false,
    settingsSection: null,
    paletteOpen: false,
    opmlOpen: false,
    feedSettings: null,
    ruleRequest: null,
    toasts: [],
    syncProgress: idleSync,
    online: typeof navigator === 'undefined' ? true : navigator.onLine,
    ...initial,
  });
}

/** Shows a view; the selection belongs to the view it was made in. */
export function selectView(ui: UiStore, view: SelectedView): void {
  ui.set({ view, selectedId: null });
}

export const TOAST_MS = 7000;
let lastToastId = 0;

/**
 * A non-blocking message (at most four at once). News leaves on its own; an error stays until it is dismissed, since a
 * person who looked away for seven seconds would otherwise never learn that something failed.
 */
export function showToast(ui: UiStore, toast: Omit<Toast, 'id'>): void {
  // A counter, not the clock: two toasts shown in one millisecond once shared an id, and dismissing one removed both.
  const id = ++lastToastId;
  ui.set((state) => ({ toasts: [...state.toasts.slice(-3), { ...toast, id }] }));
  if (toast.kind !== 'error') setTimeout(() => dismissToast(ui, id), TOAST_MS);
}

export function dismissToast(ui: UiStore, id: number): void {
  ui.set((state) => ({ toasts: state.toasts.filter((toast) => toast.id !== id) }));
}
