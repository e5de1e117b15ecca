/**
 * Latest-wins scheduling of searches inside the Worker. While someone types, each keystroke is a new search and
 * only the newest answer matters: a search waiting to start is answered `superseded` as soon as a newer one
 * arrives, and a search that is part-way through its asynchronous stage (reading the first page's rows) checks
 * `isStale()` and gives up. Starting is deferred by one task so that searches already queued behind it in the
 * Worker's message queue are seen first and the obsolete ones are never computed.
 */

export interface LatestSearchOptions<Request extends { requestId: number }, Response> {
  /** Answers one search (errors as responses); resolves null when it gave up because `isStale()` turned true. */
  run(request: Request, isStale: () => boolean): Promise<Response | null>;
  post(response: Response | { type: 'superseded'; requestId: number }): void;
  /** Runs a task after the messages already queued (a MessageChannel post in a Worker). */
  defer(task: () => void): void;
}

export function createLatestSearch<Request extends { requestId: number }, Response>(
  options: LatestSearchOptions<Request, Response>,
): (request: Request) => void {
  let waiting: Request | null = null;
  let running = false;
  let scheduled = false;

  const drain = (): void => {
    scheduled = false;
    const request = waiting;
    if (request === null || running) return;
    waiting = null;
    running = true;
    const finish = (response: Response | null): void => {
      running = false;
      options.post(response ?? { type: 'superseded', requestId: request.requestId });
      schedule();
    };
    // `run` answers its own errors; a rejection still gets an answer so the caller never waits forever.
    options.run(request, () => waiting !== null).then(finish, () => finish(null));
  };

  const schedule = (): void => {
    if (scheduled || waiting === null || running) return;
    scheduled = true;
    options.defer(drain);
  };

  return (request) => {
    if (waiting !== null) options.post({ type: 'superseded', requestId: waiting.requestId });
    waiting = request;
    schedule();
  };
}
