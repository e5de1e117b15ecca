import { useEffect, useRef, useState } from 'react';
import type { HostCommand } from '../../shared/host';
import type { SyncProgress } from '../../shared/sync';
import { useLibrary } from '../library/library-context';

export interface SyncState {
  progress: SyncProgress;
  online: boolean;
}

/**
 * Runs the sync worker for the window's lifetime: starts its schedule, feeds it the host's online/offline and
 * wake-up signals, and exposes its progress. The worker's job runner passes them to the feed engine and to remote
 * accounts alike (renderer/sync/account-job.ts): nothing syncs on this thread. Other host commands go to `onCommand`.
 */

export function useSync(onCommand: (command: HostCommand) => void): SyncState {
  const { engine, host } = useLibrary();
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
    const stopCommands = host.onCommand((command) => {
      if (command.type === 'online') {
        setOnline(command.online);
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
  }, [engine, host]);

  return { progress, online };
}
