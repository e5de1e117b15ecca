/**
 * What ran inside the page's long tasks, on every run (a trace is too heavy to keep on, and the long task it would
 * explain is rare): Chromium's Long Animation Frames API names, for each frame over 50 ms, the scripts that ran in
 * it (who invoked them: a BroadcastChannel message, an IndexedDB answer, a timer, React's scheduler port…, and the
 * function), how much of it was style and layout, and the rest (rendering, garbage collection, work outside script).
 * The observer only records entries Chromium makes anyway; it adds no work to the frames it measures.
 */

/** Installed before the app's scripts, beside the long-task observer: fills `globalThis.__benchLongFrames`. */
export const LONG_FRAME_PROBE = `(() => {
  const frames = [];
  globalThis.__benchLongFrames = frames;
  try {
    new PerformanceObserver((list) => {
      for (const f of list.getEntries()) {
        frames.push({
          start: f.startTime, duration: f.duration, renderStart: f.renderStart, styleAndLayoutStart: f.styleAndLayoutStart,
          scripts: f.scripts.map((s) => ({
            invoker: s.invoker, fn: s.sourceFunctionName, source: (s.sourceURL || '').split('/').pop() + ':' + s.sourceCharPosition,
            duration: s.duration, layout: s.forcedStyleAndLayoutDuration,
          })),
        });
      }
    }).observe({ type: 'long-animation-frame', buffered: true });
  } catch {}
})();`;

export interface LongFrame {
  start: number;
  duration: number;
  /** 0 when the frame rendered nothing. */
  renderStart: number;
  styleAndLayoutStart: number;
  scripts: Array<{ invoker: string; fn: string; source: string; duration: number; layout: number }>;
}

/** Every long animation frame the page recorded so far. */
export function longFramesScript(): LongFrame[] {
  return (globalThis as unknown as { __benchLongFrames?: LongFrame[] }).__benchLongFrames ?? [];
}

/**
 * One frame as a line: its length, then script time by invoker and function (longest first), forced layout inside
 * scripts, the frame's own style+layout and paint, and what no script accounts for (GC, work outside script).
 */
export function describeLongFrame(frame: LongFrame): string {
  const scripts = frame.scripts.reduce((sum, s) => sum + s.duration, 0);
  const forced = frame.scripts.reduce((sum, s) => sum + s.layout, 0);
  const end = frame.start + frame.duration;
  const layout = frame.styleAndLayoutStart > 0 ? end - frame.styleAndLayoutStart : 0;
  const render = frame.renderStart > 0 ? end - frame.renderStart : 0;
  const byScript = new Map<string, number>();
  for (const s of frame.scripts) {
    const key = `${s.invoker}${s.fn ? ` → ${s.fn}` : ''} (${s.source})`;
    byScript.set(key, (byScript.get(key) ?? 0) + s.duration);
  }
  const named = [...byScript]
    .sort((a, b) => b[1] - a[1])
    .slice(0, 4)
    .map(([key, ms]) => `${key} ${ms.toFixed(0)}`)
    .join(' · ');
  const other = Math.max(0, frame.duration - scripts - render);
  return (
    `frame ${frame.duration.toFixed(0)} ms: scripts ${scripts.toFixed(0)}${forced > 0 ? ` (forced style+layout ${forced.toFixed(0)})` : ''}` +
    `${named ? ` [${named}]` : ''} · rendering ${render.toFixed(0)} (style+layout ${layout.toFixed(0)}) · outside script and rendering ${other.toFixed(0)}`
  );
}

/** The long frames that overlap [start, end] (page clock). */
export function framesOverlapping(frames: readonly LongFrame[], start: number, end: number): LongFrame[] {
  return frames.filter((frame) => frame.start <= end && frame.start + frame.duration >= start);
}
