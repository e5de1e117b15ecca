/**
 * A Chromium trace (browser.startTracing) summarised as a timeline: for each thread of every process, how busy it was
 * in each slice of the traced span (the CPU time of its top-level tasks). It shows what a sync waits on: the sync worker,
 * the page, the search worker, and IndexedDB's backend in the browser process, side by side over time.
 */

import type { TraceEvent } from './trace-summary';

export interface ThreadTimeline {
  thread: string;
  /** Busy ms per slice. */
  busy: number[];
  total: number;
}

/** Top-level task events: one per task a thread runs (nested events would be counted twice). */
const TOP_LEVEL = new Set(['ThreadControllerImpl::RunTask', 'RunTask', 'ThreadPool_RunTask']);

/** The traced span cut into `slices`, each thread's busy time per slice, busiest thread first. */
export function traceTimeline(json: string, slices: number): { sliceMs: number; threads: ThreadTimeline[] } {
  const events = (JSON.parse(json) as { traceEvents: TraceEvent[] }).traceEvents;
  let from = Infinity;
  let to = -Infinity;
  for (const e of events) {
    if (e.ph !== 'X' || !TOP_LEVEL.has(e.name) || e.dur === undefined) continue;
    from = Math.min(from, e.ts);
    to = Math.max(to, e.ts + e.dur);
  }
  const { processNames, threadNames } = traceNames(events);
  const width = (to - from) / slices;
  const byThread = new Map<string, number[]>();
  for (const e of events) {
    if (e.ph !== 'X' || !TOP_LEVEL.has(e.name) || e.dur === undefined) continue;
    const start = Math.max(e.ts, from);
    const end = Math.min(e.ts + e.dur, to);
    if (end <= start) continue;
    const key = `${processNames.get(e.pid) ?? e.pid}/${threadNames.get(`${e.pid}:${e.tid}`) ?? ''}(${e.tid})`;
    // CPU time where the trace has it (a task descheduled on a busy machine is not busy), spread over its wall span.
    const cpuShare = e.tdur !== undefined && e.dur > 0 ? Math.min(1, e.tdur / e.dur) : 1;
    const busy = byThread.get(key) ?? new Array<number>(slices).fill(0);
    for (let s = Math.floor((start - from) / width); s < slices && from + s * width < end; s++) {
      const a = Math.max(start, from + s * width);
      const b = Math.min(end, from + (s + 1) * width);
      if (b > a) busy[s] = (busy[s] ?? 0) + ((b - a) * cpuShare) / 1000;
    }
    byThread.set(key, busy);
  }
  const threads = [...byThread]
    .map(([thread, busy]) => ({ thread, busy, total: busy.reduce((a, b) => a + b, 0) }))
    .sort((a, b) => b.total - a.total);
  return { sliceMs: width / 1000, threads };
}

/** Each busy thread as one line: total, then percent busy per slice. */
export function printTimeline(timeline: readonly ThreadTimeline[], sliceMs: number, top = 12): void {
  console.log(`  trace: busy % per ${sliceMs.toFixed(0)} ms slice, busiest threads`);
  for (const t of timeline.slice(0, top)) {
    const cells = t.busy.map((ms) => String(Math.min(99, Math.round((100 * ms) / sliceMs))).padStart(3)).join('');
    console.log(`    ${(t.total / 1000).toFixed(2).padStart(6)} s ${t.thread.slice(0, 48).padEnd(48)}${cells}`);
  }
}

/**
 * The page's long tasks (> minMs of wall time) in a trace, each with its CPU time (a task stretched by a busy machine
 * taking the core away is long without being costly) and the events inside it that took longest (name and ms).
 * With `byCpu` > 0: instead, that many of the page's tasks with the most CPU time, long or not.
 */
export function traceLongTasks(json: string, minMs = 50, byCpu = 0): Array<{ ms: number; cpuMs: number | null; inside: Array<{ name: string; ms: number }> }> {
  const events = (JSON.parse(json) as { traceEvents: TraceEvent[] }).traceEvents;
  const threadNames = new Map<string, string>();
  for (const e of events) if (e.ph === 'M' && e.name === 'thread_name') threadNames.set(`${e.pid}:${e.tid}`, e.args?.name ?? '');
  const main = events.filter((e) => e.ph === 'X' && e.dur !== undefined && threadNames.get(`${e.pid}:${e.tid}`) === 'CrRendererMain');
  const topLevel = main.filter((e) => TOP_LEVEL.has(e.name));
  const tasks =
    byCpu > 0
      ? topLevel.sort((a, b) => (b.tdur ?? b.dur ?? 0) - (a.tdur ?? a.dur ?? 0)).slice(0, byCpu)
      : topLevel.filter((e) => (e.dur ?? 0) / 1000 > minMs);
  return tasks.map((task) => {
    const end = task.ts + (task.dur ?? 0);
    const inside = new Map<string, number>();
    for (const e of main) {
      if (e === task || e.pid !== task.pid || e.tid !== task.tid || e.ts < task.ts || e.ts >= end || TOP_LEVEL.has(e.name)) continue;
      const data = (e.args as { data?: { functionName?: string; url?: string } } | undefined)?.data;
      const name = data?.functionName ? `${e.name}:${data.functionName}` : e.name;
      inside.set(name, Math.max(inside.get(name) ?? 0, (e.dur ?? 0) / 1000));
    }
    return { ms: (task.dur ?? 0) / 1000, cpuMs: task.tdur === undefined ? null : task.tdur / 1000, inside: [...inside].sort((a, b) => b[1] - a[1]).slice(0, 6).map(([name, ms]) => ({ name, ms })) };
  });
}

/** Process names by pid and thread names by "pid:tid", from a trace's metadata events (ids stand in for missing names). */
export function traceNames(events: readonly TraceEvent[]): { processNames: Map<number, string>; threadNames: Map<string, string> } {
  const processNames = new Map<number, string>();
  const threadNames = new Map<string, string>();
  for (const e of events) {
    if (e.ph !== 'M') continue;
    if (e.name === 'process_name') processNames.set(e.pid, e.args?.name ?? String(e.pid));
    if (e.name === 'thread_name') threadNames.set(`${e.pid}:${e.tid}`, e.args?.name ?? String(e.tid));
  }
  return { processNames, threadNames };
}
