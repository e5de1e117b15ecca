/**
 * A CPU profile of one of the page's dedicated Workers from its first instruction: the search Worker loads its
 * snapshot within a few hundred ms of a reload, before `profileWorkerDuring` could attach. Workers started while
 * this runs wait for the debugger (Target.setAutoAttach waitForDebuggerOnStart); the picked one starts profiling
 * before it is let go, the others are let go at once.
 */
import type { CDPSession } from '@playwright/test';
import { summarise, type Profile, type ProfileSummary } from './cpu-profile';

export async function profileWorkerFromStart(cdp: CDPSession, pick: (url: string) => boolean, action: () => Promise<unknown>, top = 12): Promise<ProfileSummary | null> {
  const pending = new Map<number, (result: unknown) => void>();
  let nextId = 1;
  let picked: string | null = null;
  const send = (sessionId: string, method: string, params: Record<string, unknown> = {}) =>
    new Promise<unknown>((resolve) => {
      const id = nextId++;
      pending.set(id, resolve);
      void cdp.send('Target.sendMessageToTarget', { sessionId, message: JSON.stringify({ id, method, params }) }).catch(() => resolve(null));
    });
  const onAttached = (event: { sessionId: string; targetInfo: { type: string; url: string }; waitingForDebugger: boolean }): void => {
    void (async () => {
      // Workers already running when this starts attach too (not waiting): only a new one is profiled from its start.
      if (event.targetInfo.type === 'worker' && event.waitingForDebugger && picked === null && pick(event.targetInfo.url)) {
        picked = event.sessionId;
        await send(event.sessionId, 'Profiler.enable');
        await send(event.sessionId, 'Profiler.setSamplingInterval', { interval: 500 });
        await send(event.sessionId, 'Profiler.start');
      }
      if (event.waitingForDebugger) await send(event.sessionId, 'Runtime.runIfWaitingForDebugger');
    })();
  };
  const onMessage = (event: { message: string }): void => {
    const message = JSON.parse(event.message) as { id?: number; result?: unknown };
    if (message.id !== undefined) pending.get(message.id)?.(message.result);
  };
  cdp.on('Target.attachedToTarget', onAttached);
  cdp.on('Target.receivedMessageFromTarget', onMessage);
  await cdp.send('Target.setAutoAttach', { autoAttach: true, waitForDebuggerOnStart: true, flatten: false });
  try {
    await action();
    if (picked === null) return null;
    const result = (await send(picked, 'Profiler.stop')) as { profile: Profile } | null;
    return result ? summarise(result.profile, top) : null;
  } finally {
    await cdp.send('Target.setAutoAttach', { autoAttach: false, waitForDebuggerOnStart: false, flatten: false });
    cdp.off('Target.attachedToTarget', onAttached);
    cdp.off('Target.receivedMessageFromTarget', onMessage);
  }
}
