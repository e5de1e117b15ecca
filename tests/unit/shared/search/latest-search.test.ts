import { describe, expect, it } from 'vitest';
import { createLatestSearch } from '../../../../shared/search/latest-search';

interface Req {
  requestId: number;
  query: string;
}
type Res = { type: 'hits'; requestId: number; query: string } | { type: 'superseded'; requestId: number };

/** A runner whose tasks run when the test says, like a Worker's queue. */
function harness(run: (request: Req, isStale: () => boolean) => Promise<Res | null>) {
  const tasks: (() => void)[] = [];
  const posted: Res[] = [];
  const submit = createLatestSearch<Req, Res>({ run, post: (r) => posted.push(r as Res), defer: (task) => tasks.push(task) });
  const flush = async () => {
    while (tasks.length > 0) {
      tasks.shift()!();
      await new Promise((resolve) => setTimeout(resolve, 0));
    }
  };
  return { submit, posted, flush };
}

describe('latest-wins searches in the Worker', () => {
  it('skips searches overtaken before they start, answering them superseded', async () => {
    const ran: string[] = [];
    const h = harness(async (request) => {
      ran.push(request.query);
      return { type: 'hits', requestId: request.requestId, query: request.query };
    });
    ['e', 'el', 'ele'].forEach((query, i) => h.submit({ requestId: i + 1, query }));
    await h.flush();
    expect(ran).toEqual(['ele']);
    expect(h.posted).toEqual([
      { type: 'superseded', requestId: 1 },
      { type: 'superseded', requestId: 2 },
      { type: 'hits', requestId: 3, query: 'ele' },
    ]);
  });

  it('drops a search part-way when a newer one arrives during its asynchronous stage, then runs the newer', async () => {
    let release: () => void = () => undefined;
    const ran: string[] = [];
    const h = harness(async (request, isStale) => {
      ran.push(request.query);
      if (request.query === 'sol') await new Promise<void>((resolve) => (release = resolve));
      return isStale() ? null : { type: 'hits', requestId: request.requestId, query: request.query };
    });
    h.submit({ requestId: 1, query: 'sol' });
    await h.flush();
    h.submit({ requestId: 2, query: 'sola' });
    release();
    await new Promise((resolve) => setTimeout(resolve, 0));
    await h.flush();
    expect(ran).toEqual(['sol', 'sola']);
    expect(h.posted).toEqual([
      { type: 'superseded', requestId: 1 },
      { type: 'hits', requestId: 2, query: 'sola' },
    ]);
  });
});
