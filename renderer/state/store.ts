/**
 * A small external store read through selectors (React's useSyncExternalStore). A component that reads a slice
 * re-renders only when that slice changes, so a change to one feed's unread count re-renders the rows that show it,
 * not the app. (zustand does the same on top of the same hook; ours is these forty lines and no dependency.)
 */
import { startTransition, useCallback, useEffect, useLayoutEffect, useReducer, useRef, useSyncExternalStore } from 'react';

export interface Store<T> {
  get(): T;
  /** Merges a patch (or the patch a function returns) into the state and tells subscribers, if anything changed. */
  set(patch: Partial<T> | ((state: T) => Partial<T>)): void;
  subscribe(listener: () => void): () => void;
}

export function createStore<T extends object>(initial: T): Store<T> {
  let state = initial;
  // Not shared/listeners' createListeners (which swallows a listener's error): every subscriber is React's
  // (useSyncExternalStore's, useStoreInTransition's), and none throws; a selector's error is thrown again when the
  // component renders, where its error boundary shows it. Swallowing here would only hide a bug in this file.
  const listeners = new Set<() => void>();
  return {
    get: () => state,
    set(patch) {
      const next = typeof patch === 'function' ? patch(state) : patch;
      let changed = false;
      for (const key of Object.keys(next) as (keyof T)[]) {
        if (!Object.is(state[key], next[key])) changed = true;
      }
      if (!changed) return;
      state = { ...state, ...next };
      for (const listener of [...listeners]) listener();
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

/** Shallow equality of arrays and plain objects, for selectors that build a small object or list. */
export function shallowEqual(a: unknown, b: unknown): boolean {
  if (Object.is(a, b)) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  const keysA = Object.keys(a);
  if (keysA.length !== Object.keys(b).length) return false;
  return keysA.every((key) => Object.is((a as Record<string, unknown>)[key], (b as Record<string, unknown>)[key]));
}

/** The selected slice of a store; re-renders when `isEqual` says it changed (Object.is by default). */
export function useStore<T, S>(store: Store<T>, selector: (state: T) => S, isEqual: (a: S, b: S) => boolean = Object.is): S {
  const last = useRef<{ state: T; selector: (state: T) => S; slice: S } | null>(null);
  const select = useCallback(() => {
    const state = store.get();
    const previous = last.current;
    if (previous && previous.state === state && previous.selector === selector) return previous.slice;
    const slice = selector(state);
    // An equal slice keeps its old identity, so React sees no change and does not re-render.
    const kept = previous && isEqual(previous.slice, slice) ? previous.slice : slice;
    last.current = { state, selector, slice: kept };
    return kept;
  }, [store, selector, isEqual]);
  return useSyncExternalStore(store.subscribe, select, select);
}

/**
 * useStore for data that arrives in bulk from other threads (the library's live queries, which a sync wakes on each
 * commit): a changed slice is rendered in a transition, which React renders in short slices it may interrupt, so a
 * sync's updates never hold the UI thread for long. useSyncExternalStore updates are always rendered in one go (and a
 * sidebar of 500 feeds plus the list took up to 100 ms). Input-driven state (the UI store) stays on useStore: it must
 * show at once. Renders read the store as it is then; a component that rendered from an older state (a transition
 * interrupted by a store change) is told of the change like any other and renders again.
 */
export function useStoreInTransition<T, S>(store: Store<T>, selector: (state: T) => S, isEqual: (a: S, b: S) => boolean = Object.is): S {
  const [, rerender] = useReducer((n: number) => n + 1, 0);
  const committed = useRef<{ slice: S; selector: (state: T) => S; isEqual: (a: S, b: S) => boolean } | null>(null);
  const state = store.get();
  const fresh = selector(state);
  // An equal slice keeps its old identity, so what the component passes down does not change either.
  const slice = committed.current && isEqual(committed.current.slice, fresh) ? committed.current.slice : fresh;
  useLayoutEffect(() => {
    committed.current = { slice, selector, isEqual };
    // A change between this render and its commit was compared with the slice committed before: one that came back
    // to it (2 -> 1 while a transition showing 2 rendered) looked like no change, and this commit would stay on 2.
    if (store.get() !== state && !isEqual(slice, selector(store.get()))) startTransition(rerender);
  });
  useEffect(() => {
    const check = () => {
      const last = committed.current;
      if (!last) return;
      let changed: boolean;
      try {
        changed = !last.isEqual(last.slice, last.selector(store.get()));
      } catch {
        // As useSyncExternalStore does: the render selects again and throws there, to the error boundary, instead
        // of out of store.set at whoever changed the store (and past the subscribers after this one).
        changed = true;
      }
      if (changed) startTransition(rerender);
    };
    // The store may have changed between this render and the subscription.
    check();
    return store.subscribe(check);
  }, [store]);
  return slice;
}
