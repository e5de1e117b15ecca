/**
 * The sync worker's job runner: the kinds of sync it runs side by side (the feed engine; remote accounts next to it)
 * get the same signals (start, wake-up, refresh all, online/offline) and report one combined progress, so the
 * window shows a single "Syncing …" line whatever is running. A job that fails never stops the others.
 */
import type { SyncProgress } from './engine';
import { createListeners } from '../listeners';

/** One kind of sync. The feed engine (createSyncEngine) is one as it is. */
export interface SyncJob {
  /** Sync what is due (the timer, the machine waking up, coming back online). */
  syncDue(): Promise<unknown>;
  /** The user asked to refresh everything. */
  syncAll(): Promise<unknown>;
  setOnline(online: boolean): void;
  /** Starts the job's own schedule; stop ends it. */
  start(): void;
  stop(): void;
  progress(): SyncProgress;
  onProgress(listener: (progress: SyncProgress) => void): () => void;
}

export interface SyncJobRunner {
  /** Adds a job under a unique name; the returned function removes (and stops) it. */
  add(name: string, job: SyncJob): () => void;
  /** Runs every job's syncDue; resolves with each job's result by name (undefined where it failed). */
  syncDue(): Promise<Record<string, unknown>>;
  syncAll(): Promise<Record<string, unknown>>;
  setOnline(online: boolean): void;
  start(): void;
  stop(): void;
  /** Every job's progress summed; running while any job runs. */
  progress(): SyncProgress;
  onProgress(listener: (progress: SyncProgress) => void): () => void;
}

const idle: SyncProgress = { running: false, done: 0, total: 0, newArticles: 0, errors: 0 };

export function createJobRunner(): SyncJobRunner {
  const jobs = new Map<string, { job: SyncJob; stopListening: () => void }>();
  const listeners = createListeners<SyncProgress>();
  let started = false;
  let online = true;
  /** The job that reported last, for the feed title the progress line shows. */
  let latest: string | null = null;

  function combined(): SyncProgress {
    const total: SyncProgress = { ...idle };
    for (const [name, { job }] of jobs) {
      const p = job.progress();
      if (!p.running) continue;
      total.running = true;
      total.done += p.done;
      total.total += p.total;
      total.newArticles += p.newArticles;
      total.errors += p.errors;
      if (p.currentFeedTitle !== undefined && (latest === name || total.currentFeedTitle === undefined)) total.currentFeedTitle = p.currentFeedTitle;
    }
    return total;
  }

  function emit(): void {
    listeners.emit(combined());
  }

  async function each(run: (job: SyncJob) => Promise<unknown>): Promise<Record<string, unknown>> {
    const entries = [...jobs];
    // Each job starts in its own promise: one that throws, even at once, leaves the others running.
    const settled = await Promise.allSettled(entries.map(([, { job }]) => Promise.resolve().then(() => run(job))));
    const results: Record<string, unknown> = {};
    entries.forEach(([name], i) => {
      const outcome = settled[i];
      results[name] = outcome?.status === 'fulfilled' ? outcome.value : undefined;
    });
    return results;
  }

  return {
    add(name, job) {
      if (jobs.has(name)) throw new Error(`A sync job named ${name} is already running`);
      const stopListening = job.onProgress(() => {
        latest = name;
        emit();
      });
      jobs.set(name, { job, stopListening });
      job.setOnline(online);
      if (started) job.start();
      return () => {
        if (jobs.get(name)?.job !== job) return;
        jobs.delete(name);
        stopListening();
        job.stop();
        emit();
      };
    },
    syncDue: () => each((job) => job.syncDue()),
    syncAll: () => each((job) => job.syncAll()),
    setOnline(value) {
      online = value;
      for (const { job } of jobs.values()) job.setOnline(value);
    },
    start() {
      started = true;
      for (const { job } of jobs.values()) job.start();
    },
    stop() {
      started = false;
      for (const { job } of jobs.values()) job.stop();
    },
    progress: combined,
    onProgress(listener) {
      return listeners.add(listener);
    },
  };
}
