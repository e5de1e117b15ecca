import { useEffect, useRef, useState } from 'react';
import type { HostCommand } from '../../shared/host';
import type { SyncProgress } from '../../shared/sync';
import { getSetting } from '../../shared/db';
import { useLibrary } from '../library/library-context';

export interface SyncState {
  progress: SyncProgress;
  online: boolean;
}

/**
 * Runs the sync engine for the window's lifetime: starts its schedule, feeds it the host's online/offline and
 * wake-up signals, and exposes its progress. Other host commands go to `onCommand`.
 */
/** How often remote accounts are looked at; each syncs when the sync interval setting has passed since its last sync. */
const ACCOUNT_CHECK_MS = 60_000;

export function useSync(onCommand: (command: HostCommand) => void): SyncState {
  const { engine, host, accounts, db } = useLibrary();
  const [progress, setProgress] = useState<SyncProgress>(() => engine.progress());
  const [online, setOnline] = useState(() => navigator.onLine);
  const onCommandRef = useRef(onCommand);
  onCommandRef.current = onCommand;

  useEffect(() => {
    // Progress arrives after every feed; re-rendering the app that often slows a big sync down (bench/chromium-sync),
    // so the bar moves at most five times a second, while start and end show at once.
    let pending: SyncProgress | null = null;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let shownRunning = engine.progress().running;
    const stopEngineProgress = engine.onProgress((next) => {
      if (next.running !== shownRunning) {
        shownRunning = next.running;
        clearTimeout(timer);
        timer = undefined;
        pending = null;
        setProgress(next);
        return;
      }
      pending = next;
      timer ??= setTimeout(() => {
        timer = undefined;
        if (pending) setProgress(pending);
        pending = null;
      }, 200);
    });
    const stopProgress = () => {
      clearTimeout(timer);
      stopEngineProgress();
    };
    engine.setOnline(navigator.onLine);
    engine.start();
    // Remote accounts sync here, beside the feed engine: the one call site (it moves into the sync worker with it).
    let onlineNow = navigator.onLine;
    const syncAccountsIfDue = async (force: boolean) => {
      if (!onlineNow) return;
      const interval = await getSetting(db, 'syncIntervalMinutes');
      if (interval === 0 && !force) return;
      const due = (await db.accounts.toArray()).filter((a) => a.kind !== 'local' && (force || (a.lastSyncAt ?? 0) + interval * 60_000 <= Date.now()));
      for (const account of due) await accounts.syncAccount(account.id);
    };
    void syncAccountsIfDue(true);
    const accountTimer = setInterval(() => void syncAccountsIfDue(false), ACCOUNT_CHECK_MS);
    const stopCommands = host.onCommand((command) => {
      if (command.type === 'online') {
        setOnline(command.online);
        engine.setOnline(command.online);
        onlineNow = command.online;
        if (command.online) void syncAccountsIfDue(true);
      } else if (command.type === 'sync-due') {
        void engine.syncDue();
        void syncAccountsIfDue(false);
      } else {
        onCommandRef.current(command);
      }
    });
    return () => {
      clearInterval(accountTimer);
      stopProgress();
      stopCommands();
      engine.stop();
    };
  }, [engine, host, accounts, db]);

  return { progress, online };
}
