/** Per-thread CPU time and minor page faults of the Chromium this process started, read from /proc (Linux). */
import { readFileSync, readdirSync } from 'node:fs';

export interface ThreadTimes {
  /** User + system CPU, ms. */
  ms: number;
  sysMs: number;
  faults: number;
  /** The thread's name (e.g. DedicatedWorker, ThreadPoolForeg, chromium). */
  name: string;
  /** Chromium's --type of its process (renderer, gpu-process, utility, …), browser for the browser process. */
  processType: string;
}

function stat(file: string): { name: string; ppid: number; ms: number; sysMs: number; faults: number } | null {
  try {
    const text = readFileSync(file, 'utf8');
    // The name may hold spaces and parentheses: the fields start after the last ')'.
    const close = text.lastIndexOf(')');
    const rest = text.slice(close + 2).split(' ');
    return { name: text.slice(text.indexOf('(') + 1, close), ppid: Number(rest[1]), ms: (Number(rest[11]) + Number(rest[12])) * 10, sysMs: Number(rest[12]) * 10, faults: Number(rest[7]) };
  } catch {
    return null;
  }
}

/** Every thread of every Chromium process under this one, by "pid:tid" (the ids a Chromium trace uses on Linux). */
export function chromiumThreads(): Map<string, ThreadTimes> {
  const out = new Map<string, ThreadTimes>();
  const pids = readdirSync('/proc').filter((n) => /^\d+$/.test(n)).map(Number);
  const parent = new Map<number, number>();
  for (const pid of pids) {
    const s = stat(`/proc/${pid}/stat`);
    if (s) parent.set(pid, s.ppid);
  }
  const descends = (pid: number) => {
    for (let p = parent.get(pid), hops = 0; p !== undefined && hops < 20; p = parent.get(p), hops++) if (p === process.pid) return true;
    return false;
  };
  for (const pid of pids) {
    if (!descends(pid)) continue;
    let command = '';
    let tids: string[] = [];
    try {
      command = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
      tids = readdirSync(`/proc/${pid}/task`);
    } catch {
      continue;
    }
    if (!command.includes('chrom')) continue;
    const processType = /--type=([\w-]+)/.exec(command)?.[1] ?? 'browser';
    for (const tid of tids) {
      const s = stat(`/proc/${pid}/task/${tid}/stat`);
      if (s) out.set(`${pid}:${tid}`, { ms: s.ms, sysMs: s.sysMs, faults: s.faults, name: s.name, processType });
    }
  }
  return out;
}

/** The Web Worker threads (DedicatedWorker) of the Chromium this process started. */
export function workerThreads(): Map<string, ThreadTimes> {
  return new Map([...chromiumThreads()].filter(([, t]) => t.name.startsWith('DedicatedWorker')));
}

/** What each thread spent between two readings (threads born in between count from zero). */
export function threadsSince(before: ReadonlyMap<string, ThreadTimes>, after: ReadonlyMap<string, ThreadTimes>): Map<string, ThreadTimes> {
  const out = new Map<string, ThreadTimes>();
  for (const [key, t] of after) {
    const was = before.get(key);
    out.set(key, { ...t, ms: t.ms - (was?.ms ?? 0), sysMs: t.sysMs - (was?.sysMs ?? 0), faults: t.faults - (was?.faults ?? 0) });
  }
  return out;
}
