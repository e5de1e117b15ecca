/** Remembers the window's size, position and maximised state between runs (a JSON file in userData). */
import { readFileSync, writeFileSync, renameSync } from 'node:fs';
import * as v from 'valibot';

export interface WindowBounds {
  x?: number;
  y?: number;
  width: number;
  height: number;
}

export interface WindowState {
  bounds: WindowBounds;
  maximized: boolean;
}

export interface Rectangle {
  x: number;
  y: number;
  width: number;
  height: number;
}

export const DEFAULT_WINDOW_STATE: WindowState = { bounds: { width: 1280, height: 820 }, maximized: false };

const dimension = v.pipe(v.number(), v.integer(), v.minValue(200), v.maxValue(20_000));
const coordinate = v.pipe(v.number(), v.integer(), v.minValue(-50_000), v.maxValue(50_000));
const WindowStateSchema = v.object({
  bounds: v.object({ x: v.optional(coordinate), y: v.optional(coordinate), width: dimension, height: dimension }),
  maximized: v.boolean(),
});

/**
 * Reads the saved state; a missing or corrupt file, or a position on a display that is no longer attached,
 * falls back to a centred default size rather than a window nobody can see.
 */
export function loadWindowState(file: string, workAreas: readonly Rectangle[]): WindowState {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    return DEFAULT_WINDOW_STATE;
  }
  const parsed = v.safeParse(WindowStateSchema, raw);
  if (!parsed.success) return DEFAULT_WINDOW_STATE;
  const state = parsed.output;
  const { x, y, width, height } = state.bounds;
  if (x === undefined || y === undefined) return { bounds: { width, height }, maximized: state.maximized };
  const visible = workAreas.some((area) => overlapsEnough({ x, y, width, height }, area));
  return visible ? state : { bounds: { width, height }, maximized: state.maximized };
}

/** Writes atomically (temp file + rename), so a crash mid-write never leaves a corrupt file. */
export function saveWindowState(file: string, state: WindowState): void {
  const temp = `${file}.tmp`;
  writeFileSync(temp, JSON.stringify(state));
  renameSync(temp, file);
}

/** At least 100×50 px of the title bar area must be on the display to count as visible. */
function overlapsEnough(window: Rectangle, area: Rectangle): boolean {
  const overlapWidth = Math.min(window.x + window.width, area.x + area.width) - Math.max(window.x, area.x);
  const overlapHeight = Math.min(window.y + window.height, area.y + area.height) - Math.max(window.y, area.y);
  return overlapWidth >= 100 && overlapHeight >= 50;
}
