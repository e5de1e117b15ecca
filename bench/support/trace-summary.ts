/**
 * Where a page's main thread spends its time around one action, by Chromium's own timeline events (a trace, not
 * samples): script, style, layout, paint and the rest, each summed over the renderer main threads. Events nest
 * (a forced layout sits inside the script that forced it), so the figures are inclusive and do not add up.
 */
import type { Browser, Page } from '@playwright/test';

/** One event of a Chromium trace, as far as the bench's summaries read it. */
export interface TraceEvent {
  name: string;
  ph: string;
  pid: number;
  tid: number;
  ts: number;
  dur?: number;
  /** Thread (CPU) time of the event, when the trace has it. */
  tdur?: number;
  cat?: string;
  args?: { name?: string; elementCount?: number; data?: unknown };
}

/** The timeline events worth naming in a frame's cost. */
const PHASES = ['RunTask', 'FunctionCall', 'FireAnimationFrame', 'EventDispatch', 'UpdateLayoutTree', 'Layout', 'PrePaint', 'Paint', 'Layerize', 'Commit', 'HitTest', 'MinorGC', 'MajorGC', 'V8.GC_SCAVENGER', 'ParseHTML'];

export async function timelineDuring(browser: Browser, page: Page, action: () => Promise<unknown>): Promise<Map<string, number>> {
  await browser.startTracing(page, { categories: ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'v8'] });
  await action();
  const { traceEvents } = JSON.parse((await browser.stopTracing()).toString('utf8')) as { traceEvents: TraceEvent[] };
  const mainThreads = new Set(traceEvents.filter((e) => e.ph === 'M' && e.name === 'thread_name' && e.args?.name === 'CrRendererMain').map((e) => `${e.pid}:${e.tid}`));
  const totals = new Map<string, number>(PHASES.map((name) => [name, 0]));
  for (const event of traceEvents) {
    if (event.ph !== 'X' || event.dur === undefined || !totals.has(event.name) || !mainThreads.has(`${event.pid}:${event.tid}`)) continue;
    totals.set(event.name, (totals.get(event.name) ?? 0) + event.dur / 1000);
    if (event.name === 'UpdateLayoutTree') totals.set('styled elements', (totals.get('styled elements') ?? 0) + (event.args?.elementCount ?? 0));
  }
  return totals;
}

/** One line: "RunTask 812 · Layout 120 · …" in ms (and the count of elements styled), per frame. */
export function formatTimeline(totals: ReadonlyMap<string, number>, frames: number): string {
  return [...totals]
    .filter(([, ms]) => ms > 0)
    .map(([name, ms]) => `${name} ${(ms / Math.max(1, frames)).toFixed(2)}`)
    .join(' · ');
}
