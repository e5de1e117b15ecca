/**
 * A CPU profile of the page around one action (CDP Profiler), summarised as the functions with the most self time
 * and the most inclusive time. Function names are readable with an unminified renderer:
 * `npx vite build --minify false --outDir /tmp/bs-renderer-plain --emptyOutDir` and BENCH_RENDERER_DIR=/tmp/bs-renderer-plain.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { CDPSession } from '@playwright/test';
import type { TraceEvent } from './trace-summary';

/**
 * BENCH_PROFILE_DIR=dir also writes each raw profile there as `<name>.cpuprofile` (open it in Chromium's DevTools,
 * which applies the build's source maps, or map the frames with the build's .map files).
 */
function keep(profile: Profile, name: string | undefined): void {
  const dir = process.env.BENCH_PROFILE_DIR;
  if (!dir || !name) return;
  mkdirSync(dir, { recursive: true });
  writeFileSync(path.join(dir, `${name.replace(/[^\w.-]+/g, '-')}.cpuprofile`), JSON.stringify(profile));
}

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}

export interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

export interface ProfileSummary {
  totalMs: number;
  self: Array<{ name: string; ms: number }>;
  inclusive: Array<{ name: string; ms: number }>;
  /** For the five functions with the most self time: the callers (nearest named frame of the app) it came from. */
  callers: Array<{ name: string; from: Array<{ name: string; ms: number }> }>;
}

export async function profileDuring(cdp: CDPSession, action: () => Promise<unknown>, top = 12, name?: string): Promise<ProfileSummary> {
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
  await cdp.send('Profiler.start');
  await action();
  const { profile } = (await cdp.send('Profiler.stop')) as unknown as { profile: Profile };
  keep(profile, name);
  return summarise(profile, top);
}

export function summarise(profile: Profile, top: number): ProfileSummary {
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const parent = new Map<number, number>();
  for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);
  const label = (node: ProfileNode) => {
    const { functionName, url, lineNumber } = node.callFrame;
    const file = url.split('/').pop() ?? '';
    return `${functionName || '(anonymous)'}${file ? ` ${file}:${lineNumber + 1}` : ''}`;
  };
  const self = new Map<string, number>();
  const inclusive = new Map<string, number>();
  const callerOf = new Map<string, Map<string, number>>();
  let totalMs = 0;
  profile.samples.forEach((id, i) => {
    const ms = (profile.timeDeltas[i] ?? 0) / 1000;
    const node = byId.get(id);
    if (!node) return;
    const name = label(node);
    if (name.startsWith('(idle)') || name.startsWith('(program)')) return;
    totalMs += ms;
    self.set(name, (self.get(name) ?? 0) + ms);
    // The nearest caller in the app's own code (a frame with a file), skipping the library's wrappers by name.
    let caller = '';
    for (let at = parent.get(id); at !== undefined; at = parent.get(at)) {
      const frame = byId.get(at);
      if (!frame) break;
      const frameName = label(frame);
      if (frame.callFrame.url && frame.callFrame.functionName && !/^(mutate|DexiePromise|executePromiseTask|callListener|endMicroTickScope|\(anonymous\))/.test(frameName)) {
        caller = frameName;
        break;
      }
    }
    const callers = callerOf.get(name) ?? new Map<string, number>();
    callers.set(caller, (callers.get(caller) ?? 0) + ms);
    callerOf.set(name, callers);
    const seen = new Set<string>();
    for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) {
      const frame = byId.get(at);
      if (!frame) break;
      const frameName = label(frame);
      if (seen.has(frameName) || frameName.startsWith('(root)')) continue;
      seen.add(frameName);
      inclusive.set(frameName, (inclusive.get(frameName) ?? 0) + ms);
    }
  });
  const sorted = (map: Map<string, number>) =>
    [...map].sort((a, b) => b[1] - a[1]).slice(0, top).map(([name, ms]) => ({ name, ms }));
  const callers = sorted(self)
    .slice(0, 5)
    .map(({ name }) => ({ name, from: [...(callerOf.get(name) ?? [])].sort((a, b) => b[1] - a[1]).slice(0, 3).map(([from, ms]) => ({ name: from, ms })) }));
  return { totalMs, self: sorted(self), inclusive: sorted(inclusive), callers };
}

export function printProfile(label: string, summary: ProfileSummary, thread = "the page's main thread"): void {
  console.log(`  profile of ${label}: ${summary.totalMs.toFixed(0)} ms of samples on ${thread}`);
  console.log(`    self:      ${summary.self.map((f) => `${f.name} ${f.ms.toFixed(0)}`).join(' · ')}`);
  console.log(`    inclusive: ${summary.inclusive.map((f) => `${f.name} ${f.ms.toFixed(0)}`).join(' · ')}`);
  for (const { name, from } of summary.callers) console.log(`    ${name} called from: ${from.map((f) => `${f.name || '?'} ${f.ms.toFixed(0)}`).join(' · ')}`);
}

/**
 * The same for the page's dedicated workers (the sync worker): Playwright opens CDP sessions on pages only, so this
 * attaches to the page's worker targets through the page's session (Target.setAutoAttach, not flattened) and speaks
 * to each worker with Target.sendMessageToTarget. `pick` chooses the worker by its script URL.
 */
export async function profileWorkerDuring(
  cdp: CDPSession,
  pick: (url: string) => boolean,
  action: () => Promise<unknown>,
  top = 12,
  name?: string,
): Promise<ProfileSummary | null> {
  return (await profileWorkersDuring(cdp, [pick], action, top, name === undefined ? undefined : [name]))[0] ?? null;
}

/**
 * profileWorkerDuring for several workers at once (one auto-attach: a second one would not announce the workers
 * again); `names[i]` names the raw profile of `picks[i]` for BENCH_PROFILE_DIR.
 */
export async function profileWorkersDuring(
  cdp: CDPSession,
  picks: ReadonlyArray<(url: string) => boolean>,
  action: () => Promise<unknown>,
  top = 12,
  names?: ReadonlyArray<string>,
): Promise<Array<ProfileSummary | null>> {
  const sessions: Array<{ sessionId: string; url: string }> = [];
  const pending = new Map<number, (result: unknown) => void>();
  let nextId = 1;
  cdp.on('Target.attachedToTarget', (event: { sessionId: string; targetInfo: { type: string; url: string } }) => {
    if (event.targetInfo.type === 'worker') sessions.push({ sessionId: event.sessionId, url: event.targetInfo.url });
  });
  cdp.on('Target.receivedMessageFromTarget', (event: { message: string }) => {
    const message = JSON.parse(event.message) as { id?: number; result?: unknown };
    if (message.id !== undefined) pending.get(message.id)?.(message.result);
  });
  await cdp.send('Target.setAutoAttach', { autoAttach: true, waitForDebuggerOnStart: false, flatten: false });
  const targets = picks.map((pick) => sessions.find((s) => pick(s.url)) ?? null);
  const send = (sessionId: string, method: string, params: Record<string, unknown> = {}) =>
    new Promise<unknown>((resolve) => {
      const id = nextId++;
      pending.set(id, resolve);
      void cdp.send('Target.sendMessageToTarget', { sessionId, message: JSON.stringify({ id, method, params }) });
    });
  for (const target of targets) {
    if (!target) continue;
    await send(target.sessionId, 'Profiler.enable');
    await send(target.sessionId, 'Profiler.setSamplingInterval', { interval: 500 });
    await send(target.sessionId, 'Profiler.start');
  }
  await action();
  const out: Array<ProfileSummary | null> = [];
  for (const [i, target] of targets.entries()) {
    if (!target) {
      out.push(null);
      continue;
    }
    const { profile } = (await send(target.sessionId, 'Profiler.stop')) as { profile: Profile };
    keep(profile, names?.[i]);
    out.push(summarise(profile, top));
  }
  return out;
}

/**
 * A Chromium trace (devtools.timeline) of the page around one action, summarised as the total time of each kind of
 * event on the page's main thread: what a CPU profile shows only as "(program)" (style, layout, paint, the
 * compositor's commit) is named here. Event times nest (a task contains its layout), so the totals overlap.
 */
export async function traceDuring(cdp: CDPSession, action: () => Promise<unknown>, top = 14, name?: string): Promise<Array<{ name: string; ms: number }>> {
  const events: TraceEvent[] = [];
  const collected = (event: { value: object[] }) => void events.push(...(event.value as TraceEvent[]));
  cdp.on('Tracing.dataCollected', collected);
  const complete = new Promise<void>((resolve) => cdp.once('Tracing.tracingComplete', () => resolve()));
  await cdp.send('Tracing.start', { categories: 'devtools.timeline,v8.execute,blink', transferMode: 'ReportEvents' });
  await action();
  await cdp.send('Tracing.end');
  await complete;
  cdp.off('Tracing.dataCollected', collected);
  const dir = process.env.BENCH_PROFILE_DIR;
  if (dir && name) {
    mkdirSync(dir, { recursive: true });
    writeFileSync(path.join(dir, `${name}.trace.json`), JSON.stringify({ traceEvents: events }));
  }
  const main = events.find((event) => event.ph === 'M' && event.name === 'thread_name' && event.args?.name === 'CrRendererMain');
  if (!main) return [];
  const totals = new Map<string, number>();
  for (const event of events) {
    if (event.pid !== main.pid || event.tid !== main.tid || event.ph !== 'X' || event.dur === undefined) continue;
    totals.set(event.name, (totals.get(event.name) ?? 0) + event.dur / 1000);
  }
  return [...totals].sort((a, b) => b[1] - a[1]).slice(0, top).map(([name, ms]) => ({ name, ms }));
}
