/**
 * CPU time of the Chromium processes this Node process started, per process type and per thread, read from /proc
 * (Linux; empty elsewhere). A sync's work is spread over the sync worker, the page, the search worker (all threads of
 * one renderer process) and the browser process (IndexedDB's backend, the network): wall time alone cannot say which
 * of them a change made cheaper, nor what the machine's other load took.
 */
import { readdirSync, readFileSync } from 'node:fs';

/** CPU ms by "type" (browser, renderer, gpu-process, utility…) and by "type/thread name". */
export interface ChromiumCpu {
  byType: Map<string, number>;
  byThread: Map<string, number>;
}

/** Clock ticks per second of /proc's utime and stime (USER_HZ, 100 on every Linux Chromium runs on here). */
const TICKS_PER_S = 100;

function readTicks(statPath: string): { name: string; ppid: number; ticks: number } | null {
  try {
    const stat = readFileSync(statPath, 'utf8');
    const close = stat.lastIndexOf(')');
    const name = stat.slice(stat.indexOf('(') + 1, close);
    // Fields after the name: state ppid … utime (14th of the line) stime (15th).
    const rest = stat.slice(close + 2).split(' ');
    return { name, ppid: Number(rest[1]), ticks: Number(rest[11]) + Number(rest[12]) };
  } catch {
    return null;
  }
}

export function chromiumCpu(): ChromiumCpu {
  const byType = new Map<string, number>();
  const byThread = new Map<string, number>();
  let pids: number[];
  try {
    pids = readdirSync('/proc').filter((name) => /^\d+$/.test(name)).map(Number);
  } catch {
    return { byType, byThread };
  }
  const parent = new Map<number, number>();
  for (const pid of pids) {
    const stat = readTicks(`/proc/${pid}/stat`);
    if (stat) parent.set(pid, stat.ppid);
  }
  const descends = (pid: number): boolean => {
    for (let p = parent.get(pid), hops = 0; p !== undefined && hops < 20; p = parent.get(p), hops++) if (p === process.pid) return true;
    return false;
  };
  for (const pid of pids) {
    if (!descends(pid)) continue;
    let command: string;
    try {
      command = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
    } catch {
      continue;
    }
    if (!command.includes('chrom')) continue;
    const type = /--type=([\w-]+)/.exec(command)?.[1] ?? 'browser';
    const utility = type === 'utility' ? /--utility-sub-type=[\w.]*?(\w+)\b/.exec(command)?.[1] : undefined;
    const kind = utility ? `utility:${utility}` : type;
    let tids: string[];
    try {
      tids = readdirSync(`/proc/${pid}/task`);
    } catch {
      continue;
    }
    for (const tid of tids) {
      const thread = readTicks(`/proc/${pid}/task/${tid}/stat`);
      if (!thread) continue;
      const ms = (thread.ticks * 1000) / TICKS_PER_S;
      byType.set(kind, (byType.get(kind) ?? 0) + ms);
      // Threads are named by job (e.g. "DedicatedWorker", "IndexedDB", "ThreadPoolForeg"); numbered names are one job.
      const key = `${kind}/${thread.name.replace(/\d+$/, '')}`;
      byThread.set(key, (byThread.get(key) ?? 0) + ms);
    }
  }
  return { byType, byThread };
}

/** CPU used between two readings (threads that ended meanwhile are lost: they are few and short-lived). */
export function cpuSince(before: ChromiumCpu, after: ChromiumCpu = chromiumCpu()): ChromiumCpu {
  const diff = (a: Map<string, number>, b: Map<string, number>) => {
    const out = new Map<string, number>();
    for (const [key, value] of a) {
      const delta = value - (b.get(key) ?? 0);
      if (delta > 0) out.set(key, delta);
    }
    return out;
  };
  return { byType: diff(after.byType, before.byType), byThread: diff(after.byThread, before.byThread) };
}

export const totalCpu = (cpu: ChromiumCpu) => [...cpu.byType.values()].reduce((a, b) => a + b, 0);

/** "browser 3.1 s, renderer 6.0 s, …" largest first; with `threads`, the busiest threads too. */
export function describeCpu(cpu: ChromiumCpu, threads = 0): string {
  const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
  const types = [...cpu.byType].sort((a, b) => b[1] - a[1]).filter(([, v]) => v >= 50).map(([k, v]) => `${k} ${seconds(v)}`);
  let text = `Chromium CPU ${seconds(totalCpu(cpu))} (${types.join(', ')})`;
  if (threads > 0) {
    const busiest = [...cpu.byThread].sort((a, b) => b[1] - a[1]).slice(0, threads).map(([k, v]) => `${k} ${seconds(v)}`);
    text += ` · busiest threads: ${busiest.join(', ')}`;
  }
  return text;
}
