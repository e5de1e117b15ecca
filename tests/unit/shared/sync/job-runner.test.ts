import { describe, expect, it } from 'vitest';
import type { SyncProgress } from '../../../../shared/sync';
import { createJobRunner, type SyncJob } from '../../../../shared/sync/job-runner';

/** A job whose progress and results the test sets, recording every signal it gets. */
function scriptedJob(name: string) {
  const signals: string[] = [];
  const listeners = new Set<(p: SyncProgress) => void>();
  let progress: SyncProgress = { running: false, done: 0, total: 0, newArticles: 0, errors: 0 };
  let fail = false;
  const job: SyncJob = {
    syncDue: async () => {
      signals.push('syncDue');
      if (fail) throw new Error(`${name} failed`);
      return `${name}: due`;
    },
    syncAll: async () => {
      signals.push('syncAll');
      if (fail) throw new Error(`${name} failed`);
      return `${name}: all`;
    },
    setOnline: (online) => void signals.push(`online:${online}`),
    start: () => void signals.push('start'),
    stop: () => void signals.push('stop'),
    progress: () => progress,
    onProgress: (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
  return {
    job,
    signals,
    report(next: Partial<SyncProgress>) {
      progress = { ...progress, ...next };
      for (const listener of listeners) listener(progress);
    },
    failNext: () => (fail = true),
  };
}

describe('the sync job runner', () => {
  it('shows one progress for every job: running while any runs, counts summed', () => {
    const runner = createJobRunner();
    const feeds = scriptedJob('feeds');
    const accounts = scriptedJob('accounts');
    runner.add('feeds', feeds.job);
    runner.add('accounts', accounts.job);
    const seen: SyncProgress[] = [];
    runner.onProgress((p) => seen.push(p));
    feeds.report({ running: true, done: 2, total: 10, newArticles: 5, currentFeedTitle: 'Feed A' });
    accounts.report({ running: true, done: 1, total: 3, errors: 1, currentFeedTitle: 'FreshRSS' });
    expect(seen.at(-1)).toEqual({ running: true, done: 3, total: 13, newArticles: 5, errors: 1, currentFeedTitle: 'FreshRSS' });
    feeds.report({ running: false });
    expect(seen.at(-1)).toMatchObject({ running: true, done: 1, total: 3 });
    accounts.report({ running: false });
    expect(seen.at(-1)).toEqual({ running: false, done: 0, total: 0, newArticles: 0, errors: 0 });
    expect(runner.progress().running).toBe(false);
  });

  it('gives every job the same signals, and a job added later the current ones', async () => {
    const runner = createJobRunner();
    const feeds = scriptedJob('feeds');
    runner.add('feeds', feeds.job);
    runner.setOnline(false);
    runner.start();
    const late = scriptedJob('accounts');
    runner.add('accounts', late.job);
    expect(await runner.syncAll()).toEqual({ feeds: 'feeds: all', accounts: 'accounts: all' });
    runner.stop();
    expect(feeds.signals).toEqual(['online:true', 'online:false', 'start', 'syncAll', 'stop']);
    expect(late.signals).toEqual(['online:false', 'start', 'syncAll', 'stop']);
  });

  it('keeps the other jobs running when one fails', async () => {
    const runner = createJobRunner();
    const feeds = scriptedJob('feeds');
    const broken = scriptedJob('broken');
    runner.add('broken', broken.job);
    runner.add('feeds', feeds.job);
    broken.failNext();
    expect(await runner.syncDue()).toEqual({ broken: undefined, feeds: 'feeds: due' });
    expect(feeds.signals).toContain('syncDue');
  });

  it('stops a job it removes, and refuses two jobs of one name', () => {
    const runner = createJobRunner();
    const feeds = scriptedJob('feeds');
    const remove = runner.add('feeds', feeds.job);
    expect(() => runner.add('feeds', scriptedJob('feeds').job)).toThrow(/already/);
    remove();
    expect(feeds.signals.at(-1)).toBe('stop');
    feeds.report({ running: true, total: 4 });
    expect(runner.progress().running).toBe(false);
  });
});
