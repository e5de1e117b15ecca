/**
 * A Web Locks manager for unit tests (Node has none): exclusive and shared modes, requests granted in the order they
 * were made, ifAvailable and an abort signal, as the Web Locks spec orders them. Only what the app's turns use.
 */
interface Request {
  name: string;
  mode: LockMode;
  callback: (lock: Lock | null) => unknown;
  resolve: (value: unknown) => void;
  reject: (reason: unknown) => void;
}

export class FakeLocks {
  private readonly held: Array<{ name: string; mode: LockMode }> = [];
  private readonly queue: Request[] = [];

  request(name: string, optionsOrCallback: LockOptions | ((lock: Lock | null) => unknown), maybeCallback?: (lock: Lock | null) => unknown): Promise<unknown> {
    const options = typeof optionsOrCallback === 'function' ? {} : optionsOrCallback;
    const callback = (typeof optionsOrCallback === 'function' ? optionsOrCallback : maybeCallback) as (lock: Lock | null) => unknown;
    const mode = options.mode ?? 'exclusive';
    return new Promise((resolve, reject) => {
      const request: Request = { name, mode, callback, resolve, reject };
      if (options.ifAvailable && !this.grantable(request, [])) {
        Promise.resolve()
          .then(() => callback(null))
          .then(resolve, reject);
        return;
      }
      this.queue.push(request);
      options.signal?.addEventListener('abort', () => {
        const at = this.queue.indexOf(request);
        if (at < 0) return;
        this.queue.splice(at, 1);
        reject(options.signal?.reason ?? new Error('aborted'));
        this.grant();
      });
      this.grant();
    });
  }

  /** Held and waiting requests, by name and mode (as navigator.locks.query tells). */
  query(): { held: Array<{ name: string; mode: LockMode }>; pending: Array<{ name: string; mode: LockMode }> } {
    return { held: [...this.held], pending: this.queue.map(({ name, mode }) => ({ name, mode })) };
  }

  private grantable(request: Pick<Request, 'name' | 'mode'>, ahead: Request[]): boolean {
    const held = this.held.filter((lock) => lock.name === request.name);
    const before = ahead.filter((other) => other.name === request.name);
    if (request.mode === 'exclusive') return held.length === 0 && before.length === 0;
    return held.every((lock) => lock.mode === 'shared') && before.length === 0;
  }

  private grant(): void {
    for (let i = 0; i < this.queue.length; i++) {
      const request = this.queue[i] as Request;
      if (!this.grantable(request, this.queue.slice(0, i))) continue;
      this.queue.splice(i, 1);
      i--;
      const lock = { name: request.name, mode: request.mode };
      this.held.push(lock);
      Promise.resolve()
        .then(() => request.callback(lock as Lock))
        .then(request.resolve, request.reject)
        .finally(() => {
          this.held.splice(this.held.indexOf(lock), 1);
          this.grant();
        });
    }
  }
}
