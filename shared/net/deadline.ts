import type { HostError } from '../host';
import { coded } from '../i18n/errors';

export type DeadlineReason = 'first-byte' | 'total' | 'cancelled';

/**
 * One request's clocks: time to first byte (response headers of each hop), total time (all hops and the
 * body), and the caller's cancellation, folded into one AbortSignal that every fetch and read obeys.
 */
export interface Deadline {
  readonly signal: AbortSignal;
  /** Why the signal fired; undefined while it has not. */
  reason(): DeadlineReason | undefined;
  /** Starts the first-byte clock for one hop; call the returned function when headers arrive. */
  startFirstByte(): () => void;
  /** Resolves (never rejects) once the signal fires, so it can be raced without unhandled rejections. */
  readonly fired: Promise<void>;
  /** The user-readable error for the reason the signal fired. */
  error(): HostError;
  /** Clears the timers and detaches from the caller's signal. */
  dispose(): void;
}

export interface DeadlineOptions {
  firstByteTimeoutMs: number;
  totalTimeoutMs: number;
  signal?: AbortSignal;
}

export function startDeadline(options: DeadlineOptions): Deadline {
  const controller = new AbortController();
  let why: DeadlineReason | undefined;
  let resolveFired: () => void = () => undefined;
  const fired = new Promise<void>((resolve) => {
    resolveFired = resolve;
  });
  const fire = (reason: DeadlineReason): void => {
    if (why !== undefined) return;
    why = reason;
    controller.abort(new DOMException(`Broadsheet fetch stopped: ${reason}`, 'AbortError'));
    resolveFired();
  };

  const totalTimer = setTimeout(() => fire('total'), options.totalTimeoutMs);
  const onCallerAbort = (): void => fire('cancelled');
  const caller = options.signal;
  if (caller?.aborted) fire('cancelled');
  else caller?.addEventListener('abort', onCallerAbort, { once: true });

  const firstByteTimers = new Set<ReturnType<typeof setTimeout>>();

  return {
    signal: controller.signal,
    fired,
    reason: () => why,
    startFirstByte() {
      const timer = setTimeout(() => fire('first-byte'), options.firstByteTimeoutMs);
      firstByteTimers.add(timer);
      return () => {
        clearTimeout(timer);
        firstByteTimers.delete(timer);
      };
    },
    error() {
      if (why === 'first-byte') {
        return { kind: 'timeout', ...coded('errors.net.firstByteTimeout', `The server did not answer within ${seconds(options.firstByteTimeoutMs)}.`, { seconds: Math.round(options.firstByteTimeoutMs / 1000) }) };
      }
      if (why === 'total') {
        return { kind: 'timeout', ...coded('errors.net.totalTimeout', `The download took longer than ${seconds(options.totalTimeoutMs)}.`, { seconds: Math.round(options.totalTimeoutMs / 1000) }) };
      }
      return { kind: 'network', ...coded('errors.net.cancelled', 'The request was cancelled.') };
    },
    dispose() {
      clearTimeout(totalTimer);
      for (const timer of firstByteTimers) clearTimeout(timer);
      firstByteTimers.clear();
      caller?.removeEventListener('abort', onCallerAbort);
    },
  };
}

function seconds(ms: number): string {
  const value = ms / 1000;
  return `${Number.isInteger(value) ? value : value.toFixed(1)} s`;
}
