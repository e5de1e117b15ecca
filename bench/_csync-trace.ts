/**
 * Attribution of a cold sync's CPU by Chromium trace (issue 18): chromium-sync's cold sync (500 feeds × 50 items through
 * the browser host, Shift+R, the end read from the status line), recorded with the Tracing domain and summarised per
 * thread: each thread's CPU from /proc (the trace's pid/tid are the kernel's), the share of it inside traced events,
 * and the events with the most self CPU time. Background V8 work on the thread pools (GC jobs, concurrent compiles) is
 * tied to the isolate whose main thread ran the matching GC cycle (same epoch, nearest in time), so "renderer
 * ThreadPoolForegroundWorker 0.6 s" becomes "marking for the search worker's heap 0.2 s, TurboFan jobs 0.1 s, …".
 * Each run also times a fixed CPU probe in this process before and after (ns per unit of work): a run whose every thread
 * costs ~20 % more while the probe is ~20 % slower is the machine, not the work.
 * Run: `npm run build:renderer && RUNS=2 npx tsx bench/_csync-trace.ts` (TRACE_DIR=/tmp/x keeps each raw trace);
 * `TRACE_FILE=/tmp/x/run-1.json npx tsx bench/_csync-trace.ts` summarises a saved trace again. A leading _ keeps it out
 * of `npm run bench`.
 */
import type { Browser } from '@playwright/test';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { loadavg } from 'node:os';
import { spawn } from 'node:child_process';
import { launchChromium, startAppHost } from './support/chromium';
import { storedRows } from './support/library-in-page';
import { benchFeedUrl as feedUrl, openLibrary, refreshAll, routedFetch, startBenchFeedServer, warmUpSync } from './support/bench-feeds';
import { chromiumThreads, threadsSince, type ThreadTimes } from './support/proc-threads';
import { openBulkPutFloor, type StoredRows } from './support/bulkput-floor';
import type { TraceEvent } from './support/trace-summary';
import { traceNames } from './support/trace-timeline';

const FEEDS = Number(process.env.FEEDS ?? 500);
const ITEMS = Number(process.env.ITEMS ?? 50);
const RUNS = Number(process.env.RUNS ?? 2);
const TOP = Number(process.env.TOP ?? 14);
/** TRACE_CATEGORIES=a,b replaces the default set (fewer categories, less tracing overhead). */
const CATEGORIES = process.env.TRACE_CATEGORIES?.split(',') ?? [
  '__metadata',
  'toplevel',
  'v8',
  'disabled-by-default-v8.gc',
  'disabled-by-default-v8.compile',
  'disabled-by-default-devtools.timeline',
  'IndexedDB',
  'leveldb',
  'scheduler',
];

/** Nanoseconds of this process's CPU per unit of a fixed integer workload (best of 5): the machine's speed now. */
function cpuProbe(): number {
  let best = Infinity;
  for (let round = 0; round < 5; round++) {
    const before = process.cpuUsage();
    let h = 0x811c9dc5;
    for (let i = 0; i < 20_000_000; i++) h = Math.imul(h ^ (i & 0xff), 0x01000193);
    const used = process.cpuUsage(before);
    if (h === 42) console.log('');
    best = Math.min(best, ((used.user + used.system) * 1000) / 20_000_000);
  }
  return best;
}

/** CPU (user + system) and minor page faults per thread kind, busiest first. */
function describeThreads(used: Map<string, ThreadTimes>): string {
  const rows = new Map<string, { ms: number; sysMs: number; faults: number }>();
  for (const [key, t] of used) {
    // The two workers apart (their thread names are the same).
    const k = `${t.processType}/${t.name.replace(/\d+$/, '')}${t.name.startsWith('DedicatedWorker') ? ` ${key}` : ''}`;
    const row = rows.get(k) ?? rows.set(k, { ms: 0, sysMs: 0, faults: 0 }).get(k)!;
    row.ms += t.ms;
    row.sysMs += t.sysMs;
    row.faults += t.faults;
  }
  return [...rows]
    .sort((a, b) => b[1].ms - a[1].ms)
    .filter(([, r]) => r.ms >= 30)
    .map(([k, r]) => `    ${k.padEnd(32)} ${(r.ms / 1000).toFixed(2)} s (system ${(r.sysMs / 1000).toFixed(2)} s) · ${r.faults} page faults`)
    .join('\n');
}

/** Kernel memory counters that charge CPU to whichever thread faults (direct reclaim, compaction, page faults). */
function vmstat(): Map<string, number> {
  const wanted = /^(pgfault|pgmajfault|allocstall_\w+|pgscan_direct|pgsteal_direct|compact_stall|thp_fault_alloc|thp_collapse_alloc|pgmigrate_success|numa_hint_faults)$/;
  const out = new Map<string, number>();
  for (const line of readFileSync('/proc/vmstat', 'utf8').split('\n')) {
    const [name, value] = line.split(' ');
    if (name && wanted.test(name)) out.set(name, Number(value));
  }
  return out;
}

/** Steal and total jiffies of the whole machine (/proc/stat), to see a hypervisor taking the cores. */
function machineTicks(): { steal: number; busy: number; total: number } {
  const fields = readFileSync('/proc/stat', 'utf8').split('\n')[0]!.trim().split(/\s+/).slice(1).map(Number);
  const [user = 0, nice = 0, system = 0, idle = 0, iowait = 0, irq = 0, softirq = 0, steal = 0] = fields;
  return { steal, busy: user + nice + system + irq + softirq, total: user + nice + system + idle + iowait + irq + softirq + steal };
}

interface ThreadSummary {
  key: string;
  label: string;
  cpuMs: number | null;
  tracedCpuMs: number;
  self: Map<string, number>;
  count: Map<string, number>;
}

/**
 * Self CPU time per event name on every thread: each complete or begin/end event's thread time minus its children's
 * (events nest), falling back to wall time for events without thread time. Background V8 GC events are labelled with
 * the heap they served (see `heapOf`).
 */
export function summariseTrace(events: TraceEvent[], cpuByThread?: Map<string, { ms: number }>): ThreadSummary[] {
  const { processNames, threadNames } = traceNames(events);
  // Spans per thread from X events and B/E pairs.
  type Span = { name: string; cat: string; ts: number; end: number; cpu: number | null; args: unknown };
  const spans = new Map<string, Span[]>();
  const open = new Map<string, Array<TraceEvent & { tts?: number }>>();
  for (const e of events as Array<TraceEvent & { tts?: number }>) {
    const key = `${e.pid}:${e.tid}`;
    if (e.ph === 'X' && e.dur !== undefined) {
      (spans.get(key) ?? spans.set(key, []).get(key)!).push({ name: e.name, cat: e.cat ?? '', ts: e.ts, end: e.ts + e.dur, cpu: e.tdur ?? null, args: e.args });
    } else if (e.ph === 'B') {
      (open.get(key) ?? open.set(key, []).get(key)!).push(e);
    } else if (e.ph === 'E') {
      const begin = open.get(key)?.pop();
      if (begin) {
        const cpu = begin.tts !== undefined && e.tts !== undefined ? e.tts - begin.tts : null;
        (spans.get(key) ?? spans.set(key, []).get(key)!).push({ name: begin.name, cat: begin.cat ?? '', ts: begin.ts, end: e.ts, cpu, args: begin.args });
      }
    }
  }
  const gcOwners = gcCycles(events, threadNames);
  const out: ThreadSummary[] = [];
  for (const [key, list] of spans) {
    list.sort((a, b) => a.ts - b.ts || b.end - a.end);
    const self = new Map<string, number>();
    const count = new Map<string, number>();
    const stack: Array<Span & { childCpu: number }> = [];
    let traced = 0;
    const close = (span: Span & { childCpu: number }) => {
      const own = span.cpu ?? span.end - span.ts;
      const parent = stack[stack.length - 1];
      if (parent) parent.childCpu += own;
      else traced += own;
      let name = span.name;
      if (/GC|SWEEP|MARK|SCAVENGE|EVACUATE|COMPACT/i.test(name) && !threadNames.get(key)?.startsWith('Cr') && !threadNames.get(key)?.startsWith('DedicatedWorker')) {
        name += ` [${heapOf(gcOwners, span) ?? '?'}]`;
      }
      self.set(name, (self.get(name) ?? 0) + Math.max(0, own - span.childCpu) / 1000);
      count.set(name, (count.get(name) ?? 0) + 1);
    };
    for (const span of list) {
      while (stack.length && stack[stack.length - 1]!.end <= span.ts) close(stack.pop()!);
      stack.push({ ...span, childCpu: 0 });
    }
    while (stack.length) close(stack.pop()!);
    const pid = Number(key.split(':')[0]);
    out.push({
      key,
      label: `${processNames.get(pid) ?? pid}/${threadNames.get(key) ?? key}`,
      cpuMs: cpuByThread?.get(key)?.ms ?? null,
      tracedCpuMs: traced / 1000,
      self,
      count,
    });
  }
  return out.sort((a, b) => (b.cpuMs ?? b.tracedCpuMs) - (a.cpuMs ?? a.tracedCpuMs));
}

/**
 * Main-thread GC cycles of every isolate (page, sync worker, search worker): the thread that ran them and when.
 * A background GC event belongs to the isolate with the same epoch whose cycle is nearest in time (epochs are counted
 * per isolate, so the number alone is ambiguous across the three heaps).
 */
function gcCycles(events: TraceEvent[], threadNames: Map<string, string>): Array<{ pid: number; owner: string; epoch: number | null; ts: number; end: number }> {
  const cycles: Array<{ pid: number; owner: string; epoch: number | null; ts: number; end: number }> = [];
  for (const e of events) {
    if (e.ph !== 'X' || e.dur === undefined) continue;
    const thread = threadNames.get(`${e.pid}:${e.tid}`) ?? '';
    if (!(thread.startsWith('CrRendererMain') || thread.startsWith('DedicatedWorker'))) continue;
    if (!/^V8\.GC_/.test(e.name) && !/^(MajorGC|MinorGC|V8\.GCScavenger|V8\.GCIncrementalMarking|V8\.GCFinalizeMC)/.test(e.name)) continue;
    const epoch = (e.args as { epoch?: number } | undefined)?.epoch ?? null;
    cycles.push({ pid: e.pid, owner: `${thread}(${e.tid})`, epoch, ts: e.ts, end: e.ts + e.dur });
  }
  return cycles;
}

function heapOf(cycles: ReturnType<typeof gcCycles>, span: { ts: number; end: number; args: unknown }): string | null {
  const epoch = (span.args as { epoch?: number } | undefined)?.epoch;
  let best: string | null = null;
  let bestGap = Infinity;
  for (const c of cycles) {
    if (epoch !== undefined && c.epoch !== null && c.epoch !== epoch) continue;
    const gap = span.ts > c.end ? span.ts - c.end : c.ts > span.end ? c.ts - span.end : 0;
    if (gap < bestGap) {
      bestGap = gap;
      best = c.owner;
    }
  }
  return best;
}

function printSummary(threads: ThreadSummary[], labels: Map<string, string>): void {
  for (const t of threads.slice(0, 16)) {
    const cpu = t.cpuMs === null ? '   ?  ' : `${(t.cpuMs / 1000).toFixed(2)} s`;
    console.log(`  ${cpu} ${(labels.get(t.key) ?? t.label).slice(0, 60).padEnd(60)} traced ${(t.tracedCpuMs / 1000).toFixed(2)} s`);
    const top = [...t.self].sort((a, b) => b[1] - a[1]).slice(0, TOP).filter(([, v]) => v >= 3);
    for (const [name, v] of top) console.log(`        ${v.toFixed(0).padStart(6)} ms ${String(t.count.get(name) ?? 0).padStart(7)}×  ${name.slice(0, 100)}`);
  }
}

/** Thread ids of the page and of the two workers, named from their scripts (devtools.timeline's thread metadata). */
function workerLabels(events: TraceEvent[]): Map<string, string> {
  const labels = new Map<string, string>();
  const { processNames, threadNames } = traceNames(events);
  for (const e of events) {
    const data = (e.args as { data?: { url?: string; workerThreadId?: number } } | undefined)?.data;
    if (e.name === 'TracingSessionIdForWorker' && data?.url && data.workerThreadId !== undefined) {
      const key = `${e.pid}:${data.workerThreadId}`;
      const base = `${processNames.get(e.pid) ?? e.pid}/${threadNames.get(key) ?? key}`;
      labels.set(key, `${base} = ${data.url.includes('search') ? 'search worker' : data.url.includes('sync') ? 'sync worker' : data.url.split('/').pop()}`);
    }
  }
  return labels;
}

/** chromium-sync's floor (a raw Dexie bulkPut of the same rows, app schema, one transaction, a fresh context), traced like a run. */
async function traceFloor(browser: Browser, hostUrl: string, rows: StoredRows, dir: string | undefined): Promise<void> {
  const floor = await openBulkPutFloor(browser, hostUrl, rows);
  const prepared = await floor.prepare();
  // FLOOR_TRACE=0: the floor's per-thread CPU and faults without the trace's own cost.
  const traced = process.env.FLOOR_TRACE !== '0';
  if (traced) await browser.startTracing(undefined, { categories: CATEGORIES });
  const before = chromiumThreads();
  const wall = await prepared.bulkPut();
  const after = chromiumThreads();
  const trace = traced ? (await browser.stopTracing()).toString('utf8') : null;
  const used = threadsSince(before, after);
  let total = 0;
  for (const t of used.values()) total += t.ms;
  console.log(`floor${traced ? ' (traced)' : ''}: ${(wall / 1000).toFixed(2)} s · Chromium CPU ${(total / 1000).toFixed(2)} s`);
  console.log(describeThreads(used));
  if (trace) {
    if (dir) writeFileSync(path.join(dir, 'floor.json'), trace);
    printSummary(summariseTrace((JSON.parse(trace) as { traceEvents: TraceEvent[] }).traceEvents, used), new Map());
  }
  await prepared.close();
  await floor.close();
}

async function main(): Promise<void> {
  const file = process.env.TRACE_FILE;
  if (file) {
    const events = (JSON.parse(readFileSync(file, 'utf8')) as { traceEvents: TraceEvent[] }).traceEvents;
    printSummary(summariseTrace(events), workerLabels(events));
    return;
  }
  const dir = process.env.TRACE_DIR;
  if (dir) mkdirSync(dir, { recursive: true });
  const server = await startBenchFeedServer(FEEDS, ITEMS);
  const host = await startAppHost(routedFetch(server));
  const browser = await launchChromium(process.env.CHROMIUM_EXTRA_ARGS?.split(' ') ?? []);
  try {
    await warmUpSync(browser, host.url);
    const urls = Array.from({ length: FEEDS }, (_, f) => feedUrl('feed', f));
    for (let r = 1; r <= RUNS; r++) {
      const page = await openLibrary(browser, host.url, urls);
      const probeBefore = cpuProbe();
      const traced = r <= Number(process.env.TRACE_RUNS ?? 1);
      const memory = vmstat();
      if (traced) await browser.startTracing(undefined, { categories: CATEGORIES });
      const load = loadavg()[0] ?? 0;
      const machine = machineTicks();
      const before = chromiumThreads();
      // PERF="perf record -e page-faults -g -o file" runs that on the app's renderer process (the one with workers) over the sync.
      const rendererPid = [...before].find(([, t]) => t.name.startsWith('DedicatedWorker'))?.[0].split(':')[0];
      const perfCommand = process.env.PERF?.split(' ');
      const perf = perfCommand && rendererPid ? spawn(perfCommand[0]!, [...perfCommand.slice(1), '-p', rendererPid], { stdio: 'inherit' }) : null;
      if (perf) await new Promise((resolve) => setTimeout(resolve, 1000));
      const bench = process.cpuUsage();
      const wall = await refreshAll(page);
      if (perf) {
        perf.kill('SIGINT');
        await new Promise((resolve) => perf.once('exit', resolve));
      }
      const benchMs = ((u) => (u.user + u.system) / 1000)(process.cpuUsage(bench));
      const after = chromiumThreads();
      const m = machineTicks();
      const trace = traced ? (await browser.stopTracing()).toString('utf8') : null;
      const probeAfter = cpuProbe();
      const memoryAfter = vmstat();
      const used = threadsSince(before, after);
      const byThreadName = new Map<string, number>();
      let total = 0;
      let sys = 0;
      for (const t of used.values()) {
        total += t.ms;
        sys += t.sysMs;
        const k = `${t.processType}/${t.name.replace(/\d+$/, '')}`;
        byThreadName.set(k, (byThreadName.get(k) ?? 0) + t.ms);
      }
      const busiest = [...byThreadName].sort((a, b) => b[1] - a[1]).slice(0, 8).map(([k, v]) => `${k} ${(v / 1000).toFixed(2)}`).join(', ');
      const ticks = m.total - machine.total;
      console.log(
        `run ${r}${traced ? ' (traced)' : ''}: ${(wall / 1000).toFixed(2)} s · load ${load.toFixed(1)} · Chromium CPU ${(total / 1000).toFixed(2)} s (${busiest}) · bench process ${(benchMs / 1000).toFixed(2)} s · ` +
          `of it system ${(sys / 1000).toFixed(2)} s · vmstat ${[...memoryAfter].map(([k, v]) => [k, v - (memory.get(k) ?? 0)] as const).filter(([, v]) => v > 0).map(([k, v]) => `${k} ${v}`).join(', ')} · ` +
          `machine busy ${((100 * (m.busy - machine.busy)) / ticks).toFixed(0)} %, steal ${((100 * (m.steal - machine.steal)) / ticks).toFixed(1)} % · CPU probe ${probeBefore.toFixed(2)} → ${probeAfter.toFixed(2)} ns/op`,
      );
      console.log(describeThreads(used));
      if (trace) {
        if (dir) writeFileSync(path.join(dir, `run-${r}.json`), trace);
        const events = (JSON.parse(trace) as { traceEvents: TraceEvent[] }).traceEvents;
        printSummary(summariseTrace(events, used), workerLabels(events));
      }
      if (r === 1 && process.env.FLOOR !== '0') await traceFloor(browser, host.url, await storedRows(page), dir);
      await page.context().close();
    }
  } finally {
    await browser.close();
    await host.close();
    await server.close();
  }
}

void main();
