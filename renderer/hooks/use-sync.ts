import { useEffect, useRef } from 'react';
import type { HostCommand } from '../../shared/host';
import type { SyncProgress } from '../../shared/sync';
import { useLibrary } from '../library/library-context';
import type { UiStore } from '../state/ui-store';

/**
 * Runs the sync worker for the window's lifetime: starts its schedule, feeds it the host's online/offline and
 * wake-up signals, and puts its progress and the online state in the UI store (the status line and the sidebar's
 * footer read them there). The worker's job runner passes them to the feed engine and to remote accounts alike
 * (renderer/sync/account-job.ts): nothing syncs on this thread. Other host commands go to `onCommand`.
 * Progress goes straight to the store, not through this component's state: that re-rendered the window's effects
 * and then, from their effect, the status line (two commits on the UI thread per step of a sync instead of one).
 */
export function useSync(ui: UiStore, onCommand: (command: HostCommand) => void): void {
  const { engine, host } = useLibrary();
  const onCommandRef = useRef(onCommand);
  onCommandRef.current = onCommand;

  useEffect(() => {
    // Progress arrives after every feed; showing each step slows a big sync down (bench/chromium-sync), so the line
    // moves at most five times a second, while start and end show at once.
    let pending: SyncProgress | null = null;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let shownRunning = engine.progress().running;
    ui.set({ syncProgress: engine.progress(), online: navigator.onLine });
    const stopEngineProgress = engine.onProgress((next) => {
      if (next.running !== shownRunning) {
        shownRunning = next.running;
        clearTimeout(timer);
        timer = undefined;
        pending = null;
        ui.set({ syncProgress: next });
        return;
      }
      pending = next;
      timer ??= setTimeout(() => {
        timer = undefined;
        if (pending) ui.set({ syncProgress: pending });
        pending = null;
      }, 200);
    });
    const stopProgress = () => {
      clearTimeout(timer);
      stopEngineProgress();
    };
    engine.setOnline(navigator.onLine);
    engine.start();
    const stopCommands = host.onCommand((command) => {
      if (command.type === 'online') {
        ui.set({ online: command.online });
        engine.setOnline(command.online);
      } else if (command.type === 'sync-due') {
        void engine.syncDue();
      } else {
        onCommandRef.current(command);
      }
    });
    return () => {
      stopProgress();
      stopCommands();
      engine.stop();
    };
  }, [engine, host, ui]);
}
