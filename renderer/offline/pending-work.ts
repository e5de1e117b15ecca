/**
 * Background work a caller can wait for: `idle()` resolves once everything tracked has settled, including work
 * tracked while it waited (a batch that queues another). Failures are the work's own business; they never reject
 * `idle()`.
 */
export interface PendingWork {
  track(work: Promise<unknown>): void;
  idle(): Promise<void>;
}

export function createPendingWork(): PendingWork {
  let pending: Promise<unknown> = Promise.resolve();
  return {
    track(work) {
      pending = Promise.all([pending, work.catch(() => undefined)]);
    },
    async idle() {
      let seen: Promise<unknown>;
      do {
        seen = pending;
        await seen;
      } while (seen !== pending);
    },
  };
}
