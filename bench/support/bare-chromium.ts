/**
 * Chromium driven over a bare DevTools pipe, attached to one page and nothing else. Playwright attaches to every Worker
 * a page starts and holds it paused until its own process lets it run (Target.setAutoAttach with
 * waitForDebuggerOnStart): on a busy machine that pause was 100-400 ms of a restart's figures, a wait no person
 * ever has. Measurements of start-up (the search Worker loading its saved index) are taken here instead, with the
 * page's own probes read back with Runtime.evaluate.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import type { Page } from '@playwright/test';
import type { Readable, Writable } from 'node:stream';
import { CHROMIUM_ARGS, chromiumExecutable } from '../../tests/support/chromium';

export interface BarePage {
  /**
   * As Playwright's: runs a function (with its argument, as JSON) or an expression in the page, awaits a promise it
   * returns and gives back its JSON value. So the bench's page helpers (seedLibrary, waitForSnapshotRow) take either.
   */
  evaluate: Page['evaluate'];
  /** Adds a script run before the page's own on every load. */
  addInitScript(source: string): Promise<void>;
  /** Navigates to `url` (or reloads when it is omitted) and resolves when the load event has fired. */
  load(url?: string): Promise<void>;
  close(): Promise<void>;
}

interface Reply {
  id?: number;
  method?: string;
  sessionId?: string;
  result?: Record<string, unknown>;
  error?: { message: string };
}

/** Starts Chromium on `userDataDir` (a profile another browser wrote, e.g. with a seeded library) with one blank page. */
export async function launchBareChromium(userDataDir: string, extraArgs: string[] = []): Promise<BarePage> {
  const child: ChildProcess = spawn(
    chromiumExecutable(),
    ['--headless=new', ...CHROMIUM_ARGS, '--remote-debugging-pipe', `--user-data-dir=${userDataDir}`, '--window-size=1400,900', ...extraArgs, 'about:blank'],
    { stdio: ['ignore', 'ignore', 'ignore', 'pipe', 'pipe'] },
  );
  const toBrowser = child.stdio[3] as Writable;
  const fromBrowser = child.stdio[4] as Readable;
  const waiting = new Map<number, (reply: Reply) => void>();
  const listeners = new Set<(reply: Reply) => void>();
  let nextId = 1;
  let buffered = '';
  fromBrowser.setEncoding('utf8');
  fromBrowser.on('data', (chunk: string) => {
    buffered += chunk;
    for (let end = buffered.indexOf('\0'); end >= 0; end = buffered.indexOf('\0')) {
      const reply = JSON.parse(buffered.slice(0, end)) as Reply;
      buffered = buffered.slice(end + 1);
      if (reply.id !== undefined) {
        waiting.get(reply.id)?.(reply);
        waiting.delete(reply.id);
      } else for (const listener of listeners) listener(reply);
    }
  });
  const send = (method: string, params: Record<string, unknown> = {}, sessionId?: string): Promise<Record<string, unknown>> =>
    new Promise((resolve, reject) => {
      const id = nextId++;
      waiting.set(id, (reply) => (reply.error ? reject(new Error(`${method}: ${reply.error.message}`)) : resolve(reply.result ?? {})));
      toBrowser.write(`${JSON.stringify({ id, method, params, ...(sessionId ? { sessionId } : {}) })}\0`);
    });

  const { targetInfos } = (await send('Target.getTargets')) as { targetInfos: Array<{ targetId: string; type: string }> };
  const target = targetInfos.find((t) => t.type === 'page');
  if (!target) throw new Error('bare Chromium has no page');
  const { sessionId } = (await send('Target.attachToTarget', { targetId: target.targetId, flatten: true })) as { sessionId: string };
  await send('Page.enable', {}, sessionId);
  await send('Runtime.enable', {}, sessionId);
  // tsx compiles with keepNames: functions sent to the page call `__name` (see support/chromium.ts allowTsxFunctions).
  const shim = 'globalThis.__name = globalThis.__name || ((fn) => fn);';
  await send('Page.addScriptToEvaluateOnNewDocument', { source: shim }, sessionId);

  return {
    evaluate: (async (fn: string | ((arg: unknown) => unknown), arg?: unknown) => {
      const expression = typeof fn === 'string' ? fn : `(${fn.toString()})(${arg === undefined ? '' : JSON.stringify(arg)})`;
      const result = (await send('Runtime.evaluate', { expression, awaitPromise: true, returnByValue: true }, sessionId)) as {
        result: { value: unknown };
        exceptionDetails?: { text: string; exception?: { description?: string } };
      };
      if (result.exceptionDetails) throw new Error(result.exceptionDetails.exception?.description ?? result.exceptionDetails.text);
      return result.result.value;
    }) as Page['evaluate'],
    async addInitScript(source) {
      await send('Page.addScriptToEvaluateOnNewDocument', { source }, sessionId);
    },
    async load(url) {
      const loaded = new Promise<void>((resolve) => {
        const listener = (event: Reply): void => {
          if (event.sessionId === sessionId && event.method === 'Page.loadEventFired') {
            listeners.delete(listener);
            resolve();
          }
        };
        listeners.add(listener);
      });
      await (url ? send('Page.navigate', { url }, sessionId) : send('Page.reload', {}, sessionId));
      await loaded;
    },
    async close() {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      await send('Browser.close').catch(() => child.kill());
      await exited;
    },
  };
}
